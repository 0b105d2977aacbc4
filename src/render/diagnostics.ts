import type { Diagnostic } from '../model/diagnostic.js';
import { jsonSafe, neutralise as n } from './text-safe.js';

export interface ValidationReport {
  ok: boolean;
  records: number;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

/** The report of a validation run over a repository of `records` records. */
export function validationReport(validation: { diagnostics: Diagnostic[]; errors: number; warnings: number }, records: number): ValidationReport {
  return { ok: validation.errors === 0, records, errors: validation.errors, warnings: validation.warnings, diagnostics: validation.diagnostics };
}

/** `file:line:col: error[code] message`, related places indented beneath. */
export function diagnosticsText(report: ValidationReport): string {
  const lines: string[] = [];
  for (const d of report.diagnostics) {
    lines.push(`${n(d.file)}:${d.line}:${d.column}: ${d.severity}[${n(d.code)}] ${n(d.message)}`);
    for (const r of d.related ?? []) lines.push(`  related: ${n(r.file)}:${r.line}:${r.column}${r.id ? ` (${n(r.id)})` : ''}`);
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(report.records, 'record')} checked: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`);
  return lines.join('\n') + '\n';
}

export function diagnosticsJson(report: ValidationReport): string {
  return jsonSafe(JSON.stringify(report, null, 2)) + '\n';
}

// actions/toolkit command.ts escaping: data and properties differ.
// record text is neutralised first: no value adds a line, whatever the runner's escaping does
const escapeData = (s: string) => n(s).replace(/%/g, '%25');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub workflow commands, one per finding, so they show as annotations on the pull request. */
export function diagnosticsGithub(report: ValidationReport): string {
  const lines = report.diagnostics.map((d) => {
    const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`, `title=${escapeProperty(`leasekit ${d.code}`)}`];
    const related = (d.related ?? []).map((r) => ` (see ${r.file}:${r.line}${r.id ? ` ${r.id}` : ''})`).join('');
    return `::${d.severity} ${props.join(',')}::${escapeData(d.message + related)}`;
  });
  lines.push(`leasekit: ${report.records} records, ${report.errors} errors, ${report.warnings} warnings`);
  return lines.join('\n') + '\n';
}
