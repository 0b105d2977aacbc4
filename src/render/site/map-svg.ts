// The address-space map: one square per cell on a Hilbert curve, as on the classic IPv4 maps.
import type { Lessee, MapData } from '../../report/site-data.js';
import { esc } from './html.js';

const MAP_PIXELS = 560;

/**
 * The map as inline SVG; `data-set="map"` ties its cells to the page's tooltip items. Only the
 * first cell is a tab stop; the page script moves it with the arrow keys (a roving tab stop).
 */
export function mapSvg(map: MapData, label: string): string {
  const size = Math.max(2, Math.min(40, Math.floor(MAP_PIXELS / map.columns)));
  const gap = size >= 8 ? 1 : size >= 4 ? 0.5 : 0;
  const width = map.columns * size;
  const height = map.rows * size;
  const out: string[] = [];
  out.push(`<svg class="map" role="group" aria-label="${esc(label)}" data-set="map" data-start="${map.start}" data-len="${map.cellLength}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="--gap:${gap}px">`);
  map.cells.forEach((cell, i) => {
    const classes = `c s-${cell.state}${cell.colour ? ` ${cell.colour}` : ''}${cell.reserved ? ' reserved' : ''}`;
    out.push(`<rect class="${classes}" x="${cell.x * size}" y="${cell.y * size}" width="${size}" height="${size}" data-c="${i}" data-i="${cell.item}"${i === 0 ? ' tabindex="0"' : ''}/>`);
  });
  out.push(...blockLabels(map, size));
  out.push('</svg>');
  return out.join('');
}

/**
 * Leases that fill a square of at least 4x4 cells get an outline and their lessee's name, like
 * the labelled blocks of the classic maps. One pass over the cells.
 */
function blockLabels(map: MapData, size: number): string[] {
  const boxes = new Map<number, { minX: number; minY: number; maxX: number; maxY: number; count: number; state: string; colour?: string }>();
  for (const cell of map.cells) {
    if (cell.state !== 'leased' && cell.state !== 'internal') continue;
    const box = boxes.get(cell.item);
    if (!box) boxes.set(cell.item, { minX: cell.x, minY: cell.y, maxX: cell.x, maxY: cell.y, count: 1, state: cell.state, colour: cell.colour });
    else {
      box.minX = Math.min(box.minX, cell.x);
      box.minY = Math.min(box.minY, cell.y);
      box.maxX = Math.max(box.maxX, cell.x);
      box.maxY = Math.max(box.maxY, cell.y);
      box.count++;
    }
  }
  const out: string[] = [];
  for (const [item, box] of boxes) {
    const w = box.maxX - box.minX + 1;
    const h = box.maxY - box.minY + 1;
    if (box.count !== w * h || box.count < 4) continue;
    out.push(`<rect class="block" x="${box.minX * size}" y="${box.minY * size}" width="${w * size}" height="${h * size}"/>`);
    if (Math.min(w, h) < 4 || w * size < 60) continue;
    const name = map.items[item].title;
    const room = w * size - 10;
    const fontSize = Math.max(9, Math.min(22, Math.floor(room / (name.length * 0.6))));
    const shown = name.length * fontSize * 0.6 > room ? `${name.slice(0, Math.max(3, Math.floor(room / (fontSize * 0.6)) - 1))}…` : name;
    const textClass = box.state === 'internal' ? 't-internal' : `t-${box.colour ?? 'ko'}`;
    out.push(`<text class="lbl ${textClass}" x="${(box.minX + w / 2) * size}" y="${(box.minY + h / 2) * size}" font-size="${fontSize}" text-anchor="middle" dominant-baseline="middle">${esc(shown)}</text>`);
  }
  return out;
}

/** A small swatch for legends, drawn with the same classes as the map. */
export function swatch(classes: string): string {
  return `<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><rect class="${classes}" width="16" height="16" rx="3" stroke="#9aa1ad" stroke-width=".6"/></svg>`;
}

export function mapLegend(lessees: Lessee[]): string {
  const items = [
    ...lessees.filter((l) => l.key !== 'ko').map((l) => `<li>${swatch(`s-leased ${l.key}`)}${esc(l.name)}</li>`),
    ...(lessees.some((l) => l.key === 'ko') ? [`<li>${swatch('s-leased ko')}other lessees (${lessees.filter((l) => l.key === 'ko').length})</li>`] : []),
    `<li>${swatch('s-internal')}internal use</li>`,
    `<li>${swatch('s-quarantine')}quarantine</li>`,
    `<li>${swatch('s-idle')}idle, free to lease</li>`,
    `<li>${swatch('s-idle reserved')}idle, reserved by a later lease</li>`,
  ];
  return `<ul class="legend">${items.join('')}</ul>`;
}
