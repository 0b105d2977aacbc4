import type { DesiredObject } from '../model/objects.js';
import type { Resolved } from '../model/resolved.js';

/** What every export format reads: the validated records and the objects they imply on `at`. */
export interface ExportInput {
  model: Resolved;
  at: string;
  /** `compileDesired(model, at)`: the same compilation `plan` diffs. */
  desired: readonly DesiredObject[];
}

/** One export format: the desired state of a day as the text a router, relying party or spreadsheet reads. */
export type ExportFormat = (input: ExportInput) => string;
