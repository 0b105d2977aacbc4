// The export formats by name; each is a module with one function, `render`.
import type { ExportFormat } from './types.js';
import * as bird from './bird.js';
import * as csv from './csv.js';
import * as rpsl from './rpsl.js';
import * as slurm from './slurm.js';
import * as vrps from './vrps.js';

export const EXPORT_FORMATS: Record<string, ExportFormat> = {
  vrps,
  slurm,
  bird,
  rpsl,
  csv,
};
