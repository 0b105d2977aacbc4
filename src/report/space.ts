// What each address of a holding is on one day: leased, internal, in quarantine or idle.
// Interval arithmetic over sorted, disjoint pieces: O(n log n) for n leases, never all pairs.
import { formatPrefix, type Prefix } from '../net/ipv4.js';
import { isActive } from '../model/dates.js';
import { publishedTerm, quarantineTerm, type LeaseView, type Window } from './view.js';

export type SpaceState = 'leased' | 'internal' | 'quarantine' | 'idle';

/** A run of addresses [start, end] (inclusive) in one state. */
export interface Piece {
  start: number;
  end: number;
  state: SpaceState;
  /** leased/internal: the published lease; quarantine: the lease that ended. */
  lease?: LeaseView;
  /** quarantine: the first day the space is free again. */
  until?: string;
  /** idle: a lease that will take this space later (so it is not free to lease now). */
  next?: LeaseView;
}

/** A holding's addresses on `at`, as sorted disjoint pieces covering the whole prefix. */
export function holdingPieces(holding: Prefix, leases: readonly LeaseView[], at: string, window: Window): Piece[] {
  const published: Piece[] = [];
  const resting: Piece[] = [];
  const upcoming: Piece[] = [];
  for (const lease of leases) {
    const { start, end } = lease.prefix;
    const term = publishedTerm(lease.term, window);
    if (isActive(term, at)) {
      published.push({ start, end, state: lease.direction === 'internal' ? 'internal' : 'leased', lease });
      continue;
    }
    if (at < term.start) {
      upcoming.push({ start, end, state: 'idle', next: lease });
      continue;
    }
    const rest = quarantineTerm(lease.term, window);
    if (rest && isActive(rest, at)) resting.push({ start, end, state: 'quarantine', lease, until: rest.end });
  }
  // Sooner upcoming leases claim the space first.
  upcoming.sort((a, b) => (a.next!.term.start < b.next!.term.start ? -1 : a.next!.term.start > b.next!.term.start ? 1 : 0));
  let taken: Piece[] = [];
  for (const layer of [published, resting, upcoming]) taken = mergeSorted(taken, subtract(disjoint(layer), taken));
  const idle = subtract([{ start: holding.start, end: holding.end, state: 'idle' }], taken);
  return mergeSorted(taken, idle).filter((p) => p.end >= holding.start && p.start <= holding.end).map((p) => clip(p, holding));
}

function clip(piece: Piece, holding: Prefix): Piece {
  if (piece.start >= holding.start && piece.end <= holding.end) return piece;
  return { ...piece, start: Math.max(piece.start, holding.start), end: Math.min(piece.end, holding.end) };
}

/** Pieces made disjoint: sorted by address, a piece loses what earlier-listed pieces (stable order) already cover. */
function disjoint(pieces: Piece[]): Piece[] {
  const order = pieces.map((p, i) => ({ p, i })).sort((a, b) => a.p.start - b.p.start || b.p.end - a.p.end || a.i - b.i);
  const out: Piece[] = [];
  let covered = -1;
  for (const { p } of order) {
    if (p.end <= covered) continue;
    out.push(p.start > covered ? p : { ...p, start: covered + 1 });
    covered = p.end;
  }
  return out;
}

/** `pieces` less every address in `taken`; both sorted and disjoint. Linear in both. */
function subtract(pieces: Piece[], taken: Piece[]): Piece[] {
  const out: Piece[] = [];
  let j = 0;
  for (const piece of pieces) {
    let start = piece.start;
    while (j < taken.length && taken[j].end < start) j++;
    let k = j;
    while (k < taken.length && taken[k].start <= piece.end && start <= piece.end) {
      if (taken[k].start > start) out.push({ ...piece, start, end: taken[k].start - 1 });
      start = Math.max(start, taken[k].end + 1);
      k++;
    }
    if (start <= piece.end) out.push(start === piece.start ? piece : { ...piece, start });
  }
  return out;
}

function mergeSorted(a: Piece[], b: Piece[]): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].start <= b[j].start)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

export interface SpaceSummary {
  total: number;
  leased: number;
  internal: number;
  quarantine: number;
  idle: number;
  /** Idle addresses no upcoming lease claims: what can be leased today. */
  free: number;
}

export function summarise(pieces: readonly Piece[]): SpaceSummary {
  const sums: SpaceSummary = { total: 0, leased: 0, internal: 0, quarantine: 0, idle: 0, free: 0 };
  for (const p of pieces) {
    const size = p.end - p.start + 1;
    sums.total += size;
    sums[p.state] += size;
    if (p.state === 'idle' && !p.next) sums.free += size;
  }
  return sums;
}

/** The aligned CIDR blocks that exactly cover [start, end]: at most 62 for any range. */
export function cidrBlocks(start: number, end: number): Array<{ start: number; length: number }> {
  const blocks: Array<{ start: number; length: number }> = [];
  let cursor = start;
  while (cursor <= end) {
    let size = cursor === 0 ? 2 ** 32 : 2 ** Math.min(32, countTrailingZeros(cursor));
    while (cursor + size - 1 > end) size /= 2;
    blocks.push({ start: cursor, length: 32 - Math.log2(size) });
    cursor += size;
  }
  return blocks;
}

function countTrailingZeros(n: number): number {
  let zeros = 0;
  while (zeros < 32 && n % 2 ** (zeros + 1) === 0) zeros++;
  return zeros;
}

/** The largest free aligned blocks (largest first, then by address), at most `limit` of them. */
export function largestFreeBlocks(pieces: readonly Piece[], limit: number): string[] {
  const blocks: Array<{ start: number; length: number }> = [];
  let runStart = -1;
  let runEnd = -2;
  const flush = () => {
    if (runStart >= 0) blocks.push(...cidrBlocks(runStart, runEnd));
  };
  for (const p of pieces) {
    const free = p.state === 'idle' && !p.next;
    if (free && p.start === runEnd + 1) runEnd = p.end;
    else if (free) {
      flush();
      runStart = p.start;
      runEnd = p.end;
    }
  }
  flush();
  blocks.sort((a, b) => a.length - b.length || a.start - b.start);
  return blocks.slice(0, limit).map((b) => formatPrefix(b.start, b.length));
}
