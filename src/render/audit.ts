// The audit report as text, JSON, Markdown (the audit issue's body) and GitHub workflow commands.
import type { AuditFinding, AuditReport } from '../audit/audit.js';
import { escapeMarkdown } from './markdown-escape.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summaryLine(r: AuditReport): string {
  const skipped = r.skipped.ipv6 || r.skipped.mrtRecords ? ` (skipped: ${plural(r.skipped.ipv6, 'IPv6 route')}, ${plural(r.skipped.mrtRecords, 'other MRT record')})` : '';
  return `audit on ${r.at}: ${plural(r.routes, 'announcement')}, ${plural(r.vrps, 'VRP')}${skipped}: ${plural(r.summary.errors, 'error')}, ${plural(r.summary.warnings, 'warning')}`;
}

/** `error[route-after-end] 185.50.3.0/24 AS64666 (rpki invalid): message`, then the summary. */
export function auditText(r: AuditReport): string {
  const lines = r.findings.map((f) => `${f.severity}[${f.code}] ${f.message}${f.rpki && !f.code.startsWith('route-rpki') ? ` [rpki ${f.rpki}]` : ''}`);
  lines.push(summaryLine(r));
  return lines.join('\n') + '\n';
}

/** The report as JSON; `file`/`line`/`column` say where the record a finding is about lives. */
export function auditJson(r: AuditReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

export function auditMarkdown(r: AuditReport): string {
  const lines = [`### leasekit audit, ${r.at}`, '', escapeMarkdown(summaryLine(r)), ''];
  if (r.findings.length === 0) return [...lines, 'No findings: every announcement in our space is authorised and RPKI-valid.', ''].join('\n');
  lines.push('| severity | code | prefix | origin | lease | holding | RPKI | finding |', '|---|---|---|---|---|---|---|---|');
  for (const f of r.findings) {
    lines.push(`| ${f.severity} | \`${f.code}\` | ${escapeMarkdown(f.prefix)}${f.maxLength === undefined ? '' : `\\-${f.maxLength}`} | ${originCell(f)} | ${escapeMarkdown(f.lease ?? '')} | ${escapeMarkdown(f.holding ?? '')} | ${f.rpki ?? ''} | ${escapeMarkdown(f.message)} |`);
  }
  return lines.join('\n') + '\n';
}

function originCell(f: AuditFinding): string {
  if (f.asn !== undefined) return `AS${f.asn}`;
  if (f.origin === undefined) return '';
  return f.origin === null ? 'AS\\_SET' : `AS${f.origin}`;
}

// actions/toolkit command escaping: data and properties differ.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One workflow command per finding, on the lease or holding it is about where there is one. */
export function auditGithub(r: AuditReport): string {
  const lines = r.findings.map((f) => {
    const where = f.file ? [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`] : [];
    return `::${f.severity} ${[...where, `title=${escapeProperty(`leasekit ${f.code}`)}`].join(',')}::${escapeData(f.message)}`;
  });
  lines.push(`leasekit: ${summaryLine(r)}`);
  return lines.join('\n') + '\n';
}
