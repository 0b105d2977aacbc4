import { describe, expect, it } from 'vitest';
import { parsePrefix, type Prefix } from '../../src/net/ipv4.js';
import { hilbertGrid } from '../../src/report/hilbert.js';
import { cidrBlocks, holdingPieces, largestFreeBlocks, summarise } from '../../src/report/space.js';
import { cellLengthFor } from '../../src/report/site-data.js';
import type { LeaseView } from '../../src/report/view.js';

const prefix = (text: string): Prefix => {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.prefix;
};

const lease = (id: string, p: string, start: string, end?: string, direction: LeaseView['direction'] = 'outbound'): LeaseView => ({
  id,
  prefix: prefix(p),
  contract: 'c',
  direction,
  counterparty: id,
  counterpartyName: id,
  term: end ? { start, end } : { start },
  file: 'x.yaml',
});

const WINDOW = { leadDays: 0, graceDays: 0, quarantine: 30 };

describe('holdingPieces', () => {
  it('covers the holding exactly once, in address order, with published over quarantine over reserved', () => {
    const holding = prefix('10.0.0.0/16');
    const leases = [
      lease('now', '10.0.0.0/24', '2026-01-01'),
      lease('rest', '10.0.1.0/24', '2025-01-01', '2026-05-20'),
      lease('soon', '10.0.2.0/23', '2026-07-01'),
      lease('inside-soon', '10.0.3.0/25', '2026-08-01'),
      lease('lab', '10.0.128.0/17', '2020-01-01', undefined, 'internal'),
      lease('old', '10.0.0.0/22', '2020-01-01', '2021-01-01'),
    ];
    const pieces = holdingPieces(holding, leases, '2026-06-01', WINDOW);
    let next = holding.start;
    for (const p of pieces) {
      expect(p.start).toBe(next);
      next = p.end + 1;
    }
    expect(next).toBe(holding.end + 1);
    expect(pieces.map((p) => [p.state, p.end - p.start + 1, p.lease?.id ?? p.next?.id ?? null])).toEqual([
      ['leased', 256, 'now'],
      ['quarantine', 256, 'rest'],
      ['idle', 512, 'soon'],
      ['idle', 124 * 256, null],
      ['internal', 32768, 'lab'],
    ]);
    expect(summarise(pieces)).toEqual({ total: 65536, leased: 256, internal: 32768, quarantine: 256, idle: 65536 - 256 - 32768 - 256, free: 65536 - 256 - 32768 - 256 - 512 });
    expect(largestFreeBlocks(pieces, 3)).toEqual(['10.0.64.0/18', '10.0.32.0/19', '10.0.16.0/20']);
  });

  it('handles 65,536 leases in a /8, a third of them ended and resting', () => {
    const leases: LeaseView[] = [];
    for (let i = 0; i < 65_536; i++) leases.push(lease(`l${i}`, `10.${i >> 8}.${i & 255}.0/${i % 3 === 0 ? 25 : 24}`, '2025-01-01', i % 3 === 0 ? '2026-05-15' : undefined));
    const pieces = holdingPieces(prefix('10.0.0.0/8'), leases, '2026-06-01', WINDOW);
    const sums = summarise(pieces);
    expect(sums.total).toBe(2 ** 24);
    expect(sums.quarantine).toBe(21_846 * 128);
    expect(sums.leased).toBe((65_536 - 21_846) * 256);
  });
});

describe('cidrBlocks', () => {
  it('cuts a range into the fewest aligned blocks', () => {
    const text = (s: string, e: string) => cidrBlocks(prefix(`${s}/32`).start, prefix(`${e}/32`).start).map((b) => `${b.start >>> 24}.${(b.start >>> 16) & 255}.${(b.start >>> 8) & 255}.${b.start & 255}/${b.length}`);
    expect(text('10.0.0.1', '10.0.0.6')).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
    expect(text('0.0.0.0', '255.255.255.255')).toEqual(['0.0.0.0/0']);
    expect(text('10.0.0.0', '10.0.3.255')).toEqual(['10.0.0.0/22']);
  });
});

describe('Hilbert map', () => {
  it('puts consecutive cells side by side and uses every position once', () => {
    for (const bits of [2, 3, 8, 9, 12]) {
      const grid = hilbertGrid(bits);
      const seen = new Set<string>();
      let last: [number, number] | undefined;
      for (let i = 0; i < 2 ** bits; i++) {
        const [x, y] = grid.position(i);
        expect(x >= 0 && x < grid.columns && y >= 0 && y < grid.rows).toBe(true);
        seen.add(`${x},${y}`);
        if (last && !(bits % 2 === 1 && i === 2 ** (bits - 1))) expect(Math.abs(x - last[0]) + Math.abs(y - last[1])).toBe(1);
        last = [x, y];
      }
      expect(seen.size).toBe(2 ** bits);
    }
  });

  it('draws an aligned block as a square', () => {
    const grid = hilbertGrid(8);
    const xs = new Set<number>();
    const ys = new Set<number>();
    for (let i = 64; i < 80; i++) {
      const [x, y] = grid.position(i);
      xs.add(x);
      ys.add(y);
    }
    expect([xs.size, ys.size]).toEqual([4, 4]);
  });

  it('uses one cell per /24, finer cells below a /16, coarser above a /10', () => {
    expect([8, 10, 12, 16, 20, 24, 28].map(cellLengthFor)).toEqual([22, 24, 24, 24, 28, 32, 32]);
  });
});
