/** A finding about the repository, pointing at the value it is about (docs/format.md#findings). */
export type Severity = 'error' | 'warning';

export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface Related extends Location {
  id?: string;
}

export interface Diagnostic extends Location {
  severity: Severity;
  code: string;
  message: string;
  kind?: string;
  id?: string;
  related?: Related[];
}

/** Stable order: file (code-unit order), then line, column, code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
