import type { DesiredObject } from '../model/objects.js';
import type { Resolved } from '../resolve/resolved.js';

/** What every export format gets: the validated records and the desired state of `at`. */
export interface ExportInput {
  model: Resolved;
  at: string;
  desired: readonly DesiredObject[];
  /** When the export is made (metadata only). */
  now: Date;
}

/** One export format: a module with one function. */
export interface ExportFormat {
  render(input: ExportInput): string;
}
