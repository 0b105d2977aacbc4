// Small charts: a stacked utilisation bar and monthly revenue columns.
import type { SpaceSummary } from '../../report/space.js';
import type { RevenueRow } from '../../report/reports.js';
import { esc, fmt } from './html.js';

const PARTS: Array<{ key: 'leased' | 'internal' | 'quarantine' | 'idle'; label: string; cls: string }> = [
  { key: 'leased', label: 'leased', cls: 'chart-leased' },
  { key: 'internal', label: 'internal', cls: 's-internal' },
  { key: 'quarantine', label: 'quarantine', cls: 's-quarantine' },
  { key: 'idle', label: 'idle', cls: 's-idle' },
];

/** One horizontal bar split into leased, internal, quarantine and idle; each part says its share. */
export function utilisationBar(summary: SpaceSummary, width: number, height: number): string {
  let x = 0;
  const parts = PARTS.map(({ key, label, cls }) => {
    const w = summary.total === 0 ? 0 : (summary[key] / summary.total) * width;
    const rect = w > 0 ? `<rect class="${cls} u-${key}" x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${height}"><title>${label}: ${fmt.int(summary[key])} addresses (${fmt.pct(summary[key], summary.total)})</title></rect>` : '';
    x += w;
    return rect;
  });
  const desc = PARTS.map(({ key, label }) => `${label} ${fmt.pct(summary[key], summary.total)}`).join(', ');
  return `<svg class="util" role="img" aria-label="${esc(desc)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="#e6e8ec"/>${parts.join('')}</svg>`;
}

export function utilisationLegend(): string {
  return `<ul class="legend">${PARTS.map(({ label, cls }) => `<li><svg width="16" height="16" aria-hidden="true"><rect class="${cls}" width="16" height="16" rx="3" stroke="#9aa1ad" stroke-width=".6"/></svg>${label}</li>`).join('')}</ul>`;
}

/**
 * Monthly revenue of one currency as columns; the current month is outlined, later months
 * (what the records in force will earn) are lighter.
 */
export function revenueChart(rows: RevenueRow[], months: string[], currency: string, currentMonth: string): string {
  const width = 1060;
  const height = 230;
  const left = 70;
  const bottom = 30;
  const top = 16;
  const amounts = new Map(rows.filter((r) => r.currency === currency).map((r) => [r.month, r.amount]));
  const max = niceMax(Math.max(0, ...amounts.values()));
  const plotH = height - top - bottom;
  const step = (width - left - 10) / months.length;
  const out: string[] = [`<svg class="revenue" role="img" aria-label="${esc(`Monthly revenue in ${currency}`)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px;height:auto">`];
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const y = top + plotH - (v / max) * plotH;
    out.push(`<line x1="${left}" x2="${width - 10}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e3e6ec"/><text x="${left - 8}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#5b6475">${esc(fmt.int(Math.round(v)))}</text>`);
  }
  const currentIndex = months.indexOf(currentMonth);
  months.forEach((month, i) => {
    const amount = amounts.get(month) ?? 0;
    const h = max === 0 ? 0 : (amount / max) * plotH;
    const x = left + i * step + step * 0.15;
    const future = month > currentMonth;
    const current = month === currentMonth;
    out.push(`<rect class="rev" x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${future ? '#9cc9e6' : '#0072B2'}"${current ? ' stroke="#1d2330" stroke-width="2"' : ''}><title>${esc(`${month}: ${fmt.money(amount, currency)}${future ? ' (from the records in force)' : ''}`)}</title></rect>`);
    if ((i % 3 === 0 && Math.abs(i - currentIndex) > 1) || current) out.push(`<text x="${(x + step * 0.35).toFixed(1)}" y="${height - 10}" text-anchor="middle" font-size="11" fill="${current ? '#1d2330' : '#5b6475'}"${current ? ' font-weight="600"' : ''}>${esc(month)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * magnitude >= v) return m * magnitude;
  return 10 * magnitude;
}
