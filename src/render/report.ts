// Words for `leasekit report`: each report as text, JSON or CSV.
import type { ExpiringRow, FreeRow, LeaseRow, RevenueRow } from '../report/reports.js';
import type { HistoryReport, HistoryRow } from '../report/history.js';
import { csvTable, json, printable, textTable, type Column } from './report-table.js';

export type ReportFormat = 'text' | 'json' | 'csv';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'csv'];

const money = (n: number | null) => (n === null ? null : n.toFixed(2));
const percent = (part: number, whole: number) => (whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`);

const LEASE_COLUMNS: Column<LeaseRow>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'prefix', value: (r) => r.prefix },
  { header: 'addresses', value: (r) => r.addresses, align: 'right' },
  { header: 'holding', value: (r) => r.holding },
  { header: 'counterparty', value: (r) => r.counterparty },
  { header: 'name', value: (r) => r.counterpartyName },
  { header: 'contract', value: (r) => r.contract },
  { header: 'start', value: (r) => r.start },
  { header: 'end', value: (r) => r.end },
  { header: 'state', value: (r) => r.state },
  { header: 'monthlyPrice', value: (r) => money(r.monthlyPrice), align: 'right' },
  { header: 'currency', value: (r) => r.currency },
];

export function renderLeases(rows: LeaseRow[], at: string, format: ReportFormat): string {
  if (format === 'json') return json({ at, leases: rows });
  if (format === 'csv') return csvTable(LEASE_COLUMNS, rows);
  if (rows.length === 0) return `No leases match on ${at}.\n`;
  return `Leases on ${at} (${rows.length}):\n\n${textTable(LEASE_COLUMNS, rows)}`;
}

const EXPIRING_COLUMNS: Column<ExpiringRow>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'prefix', value: (r) => r.prefix },
  { header: 'counterparty', value: (r) => r.counterpartyName },
  { header: 'end', value: (r) => r.end },
  { header: 'daysLeft', value: (r) => r.daysLeft, align: 'right' },
  { header: 'renewal', value: (r) => r.renewal },
  { header: 'renewsTo', value: (r) => r.renewsTo },
  { header: 'noticeDeadline', value: (r) => r.noticeDeadline },
  { header: 'noticePassed', value: (r) => (r.noticeDeadline === null ? null : r.noticePassed ? 'yes' : 'no') },
];

export function renderExpiring(rows: ExpiringRow[], at: string, days: number, format: ReportFormat): string {
  if (format === 'json') return json({ at, days, leases: rows });
  if (format === 'csv') return csvTable(EXPIRING_COLUMNS, rows);
  if (rows.length === 0) return `No published lease ends within ${days} days of ${at}.\n`;
  return `Leases ending within ${days} days of ${at} (${rows.length}):\n\n${textTable(EXPIRING_COLUMNS, rows)}`;
}

const FREE_COLUMNS: Column<FreeRow>[] = [
  { header: 'holding', value: (r) => r.holding },
  { header: 'prefix', value: (r) => r.prefix },
  { header: 'addresses', value: (r) => r.total, align: 'right' },
  { header: 'leased', value: (r) => r.leased, align: 'right' },
  { header: 'internal', value: (r) => r.internal, align: 'right' },
  { header: 'quarantine', value: (r) => r.quarantine, align: 'right' },
  { header: 'idle', value: (r) => r.idle, align: 'right' },
  { header: 'free', value: (r) => r.free, align: 'right' },
  { header: 'largestFree', value: (r) => r.largestFree.join(' ') },
];

export function renderFree(rows: FreeRow[], at: string, format: ReportFormat): string {
  if (format === 'json') return json({ at, holdings: rows });
  if (format === 'csv') return csvTable(FREE_COLUMNS, rows);
  if (rows.length === 0) return 'No holdings.\n';
  const lines = rows.map((r) => `  ${r.holding} ${r.prefix}: ${percent(r.leased, r.total)} leased, ${percent(r.internal, r.total)} internal, ${percent(r.quarantine, r.total)} quarantine, ${percent(r.idle, r.total)} idle`);
  return `Address space on ${at} ("free": idle and claimed by no later lease):\n\n${textTable(FREE_COLUMNS, rows)}\n${lines.map(printable).join('\n')}\n`;
}

const REVENUE_COLUMNS: Column<RevenueRow>[] = [
  { header: 'month', value: (r) => r.month },
  { header: 'currency', value: (r) => r.currency },
  { header: 'amount', value: (r) => money(r.amount), align: 'right' },
  { header: 'sources', value: (r) => r.sources, align: 'right' },
];

export function renderRevenue(rows: RevenueRow[], from: string, to: string, format: ReportFormat): string {
  if (format === 'json') return json({ from, to, months: rows });
  if (format === 'csv') return csvTable(REVENUE_COLUMNS, rows);
  if (rows.length === 0) return `No revenue from ${from} to ${to}.\n`;
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.amount);
  const totalLines = [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => `  ${currency} ${amount.toFixed(2)}`);
  return `Revenue ${from} to ${to} (prorated by day):\n\n${textTable(REVENUE_COLUMNS, rows)}\nTotal:\n${totalLines.map(printable).join('\n')}\n`;
}

const HISTORY_COLUMNS: Column<HistoryRow>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'prefix', value: (r) => r.prefix },
  { header: 'relation', value: (r) => r.relation },
  { header: 'counterparty', value: (r) => r.counterpartyName },
  { header: 'start', value: (r) => r.start },
  { header: 'end', value: (r) => r.end },
  { header: 'removedIn', value: (r) => (r.removed ? r.removed.commit.slice(0, 12) : null) },
  { header: 'removedOn', value: (r) => r.removed?.date ?? null },
  { header: 'file', value: (r) => r.file },
];

export function renderHistory(report: HistoryReport, format: ReportFormat): string {
  if (format === 'json') return json(report);
  if (format === 'csv') return csvTable(HISTORY_COLUMNS, report.leases);
  const scope = report.on ? `on ${report.on}` : 'ever';
  const note = report.searchedGit ? '' : '\n(not a git working copy: removed records were not searched)\n';
  if (report.leases.length === 0) return `No lease covered or lay inside ${report.prefix} ${scope}.\n${note}`;
  return `Leases that covered or lay inside ${report.prefix} ${scope} (${report.leases.length}):\n\n${textTable(HISTORY_COLUMNS, report.leases)}${note}`;
}
