import { compileDesired } from '../compile/desired.js';
import type { Repository } from '../repo/load.js';
import { validate, type Validation } from '../rules/index.js';
import { birdExport } from './bird.js';
import { csvExport } from './csv.js';
import { rpslExport } from './rpsl.js';
import { slurmExport } from './slurm.js';
import type { ExportFormat } from './types.js';

/** Format name -> the function that writes it (docs/export.md describes each). */
export const EXPORT_FORMATS: Record<string, ExportFormat> = {
  slurm: slurmExport,
  bird: birdExport,
  rpsl: rpslExport,
  csv: csvExport,
};

export interface Exported {
  validation: Validation;
  /** Absent when validation found errors: nothing is exported from a broken repository. */
  text?: string;
}

/** Validates, compiles the desired state of `at` as `plan` does, and writes it in `format`. */
export function exportRepository(repo: Repository, at: string, format: string): Exported {
  const write = EXPORT_FORMATS[format];
  const validation = validate(repo, at);
  if (validation.errors > 0) return { validation };
  return { validation, text: write({ model: validation.model, at, desired: compileDesired(validation.model, at) }) };
}
