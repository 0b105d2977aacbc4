// The lease timeline: a Gantt chart with one row per leased prefix, the past year and the next two.
import { dayNumber } from '../../model/dates.js';
import type { TimelineData } from '../../report/site-data.js';
import { esc } from './html.js';
import { swatch } from './map-svg.js';

const WIDTH = 1100;
const LABEL = 150;
const RIGHT = 16;
const ROW = 20;
const BAR = 14;
const AXIS = 44;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function timelineSvg(timeline: TimelineData, label: string): string {
  const first = dayNumber(timeline.from);
  const last = dayNumber(timeline.to);
  const plot = WIDTH - LABEL - RIGHT;
  const x = (day: number) => LABEL + ((day - first) / (last - first)) * plot;
  const height = AXIS + Math.max(1, timeline.rows.length) * ROW + 8;
  const out: string[] = [];
  out.push(`<svg class="timeline" role="group" aria-label="${esc(label)}" data-set="tl" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`);
  out.push(...monthTicks(timeline.from, timeline.to, x, height));
  timeline.rows.forEach((row, r) => {
    const y = AXIS + r * ROW;
    out.push(`<text class="rowlbl" x="${LABEL - 8}" y="${y + ROW / 2}" text-anchor="end" dominant-baseline="middle">${esc(row.prefix)}</text>`);
    for (const bar of row.bars) {
      const x0 = x(bar.from);
      const w = Math.max(1, x(bar.to) - x0);
      const by = y + (ROW - BAR) / 2;
      if (bar.kind === 'gap') {
        out.push(`<rect class="gap" x="${x0.toFixed(1)}" y="${by + 3}" width="${w.toFixed(1)}" height="${BAR - 6}" data-i="${bar.item}"/>`);
        continue;
      }
      const classes = bar.kind === 'lease' ? `bar lease s-leased ${bar.colour}` : bar.kind === 'internal' ? 'bar lease s-internal' : 'bar s-quarantine';
      const lease = bar.lease && bar.kind !== 'quarantine' ? ` data-lease="${esc(bar.lease)}"` : '';
      out.push(`<rect class="${classes}" x="${x0.toFixed(1)}" y="${by}" width="${w.toFixed(1)}" height="${BAR}" rx="3" data-i="${bar.item}"${lease} tabindex="0"/>`);
      if (bar.kind !== 'quarantine' && w > 40) {
        const chars = Math.floor((w - 8) / 6);
        const text = bar.label.length > chars ? `${bar.label.slice(0, Math.max(1, chars - 1))}…` : bar.label;
        const textClass = bar.kind === 'internal' ? 't-internal' : `t-${bar.colour}`;
        out.push(`<text class="bl ${textClass}" x="${(x0 + 5).toFixed(1)}" y="${by + BAR / 2 + 0.5}" dominant-baseline="middle">${esc(text)}</text>`);
      }
    }
  });
  const today = x(dayNumber(timeline.at));
  out.push(`<line class="today" x1="${today.toFixed(1)}" x2="${today.toFixed(1)}" y1="${AXIS - 28}" y2="${height - 4}"/>`);
  out.push(`<text class="tick" x="${(today + 4).toFixed(1)}" y="${AXIS - 30}" style="fill:#D55E00;font-weight:600">today ${esc(timeline.at)}</text>`);
  out.push('</svg>');
  return out.join('');
}

/** A tick at each month start, a label at each quarter, a year label in January. */
function monthTicks(from: string, to: string, x: (day: number) => number, height: number): string[] {
  const out: string[] = [];
  let [year, month] = from.split('-').map(Number);
  month += 1;
  if (month > 12) [year, month] = [year + 1, 1];
  for (;;) {
    const day = `${year}-${String(month).padStart(2, '0')}-01`;
    if (day >= to) break;
    const px = x(dayNumber(day)).toFixed(1);
    const quarter = (month - 1) % 3 === 0;
    out.push(`<line class="axis" x1="${px}" x2="${px}" y1="${AXIS - (quarter ? 8 : 4)}" y2="${quarter ? height - 4 : AXIS}"${quarter ? ' stroke-dasharray="2 3"' : ''}/>`);
    if (quarter) out.push(`<text class="tick" x="${px}" y="${AXIS - 10}" text-anchor="middle">${month === 1 ? `${year}` : MONTHS[month - 1]}</text>`);
    month++;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return out;
}

export function timelineLegend(): string {
  return `<ul class="legend"><li>${swatch('s-leased k0')}lease (coloured by lessee, as on the map)</li><li>${swatch('s-internal')}internal use</li><li>${swatch('s-quarantine')}quarantine</li><li>${swatch('s-idle')}gap: idle</li><li><svg width="16" height="16" aria-hidden="true"><line x1="8" x2="8" y1="0" y2="16" stroke="#D55E00" stroke-width="2"/></svg>today</li></ul>`;
}
