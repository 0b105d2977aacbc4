// The export formats by name; each is a module with one function, `render`.
import type { ExportFormat } from './types.js';
import * as vrps from './vrps.js';

export const EXPORT_FORMATS: Record<string, ExportFormat> = {
  vrps,
};
