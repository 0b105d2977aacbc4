// Everything the static site shows, computed once: per holding a map of its space on one day,
// a timeline of its leases, its tables; for the overview the totals, revenue and expiries.
import { addDays, dayNumber, isActive } from '../model/dates.js';
import { formatPrefix } from '../net/ipv4.js';
import { usable } from '../repo/record.js';
import { groupBy } from '../util/group-by.js';
import type { AuditReport } from './audit-input.js';
import { hilbertGrid } from './hilbert.js';
import { nextMonth } from './months.js';
import { expiringReport, largestFreeBlocksOf, leaseRows, monthlyPrice, revenueReport, type ExpiringRow, type HoldingView, type LeaseRow, type ReportInput, type RevenueRow } from './reports.js';
import { holdingPieces, summarise, type Piece, type SpaceState, type SpaceSummary } from './space.js';
import { publishedTerm, quarantineTerm, type LeaseView } from './view.js';

/** Day arithmetic on the few thousand distinct dates of a repository, parsed once each. */
const dayNumbers = new Map<string, number>();
function dayNum(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) dayNumbers.set(day, (n = dayNumber(day)));
  return n;
}
const dayTexts = new Map<number, string>();
function fmtDay(n: number): string {
  let text = dayTexts.get(n);
  if (text === undefined) dayTexts.set(n, (text = new Date(n * 86_400_000).toISOString().slice(0, 10)));
  return text;
}

/** Colour keys: k0..k6 for the holding's largest lessees, `ko` for the others. */
export const LESSEE_COLOURS = 7;
export const EXPIRING_DAYS = 90;

export interface TipItem {
  /** First line, e.g. the lessee. */
  title: string;
  lines: string[];
}

export interface MapCell {
  x: number;
  y: number;
  state: SpaceState;
  /** Lessee colour key for leased cells. */
  colour?: string;
  /** Idle space that a later lease has claimed. */
  reserved?: boolean;
  item: number;
}

export interface MapData {
  /** Every cell is a /cellLength. */
  cellLength: number;
  columns: number;
  rows: number;
  start: number;
  cells: MapCell[];
  items: TipItem[];
}

export interface TimelineBar {
  kind: 'lease' | 'internal' | 'quarantine' | 'gap';
  lease?: string;
  /** Day numbers, half-open, clipped to the timeline. */
  from: number;
  to: number;
  colour?: string;
  label: string;
  item: number;
}

export interface TimelineData {
  from: string;
  to: string;
  at: string;
  rows: Array<{ prefix: string; bars: TimelineBar[] }>;
  items: TipItem[];
  /** Leases drawn (each has one bar). */
  leases: number;
}

export interface Lessee {
  key: string;
  name: string;
  addresses: number;
}

export interface HoldingPage {
  holding: HoldingView;
  file: string;
  summary: SpaceSummary;
  largestFree: string[];
  lessees: Lessee[];
  map: MapData;
  timeline: TimelineData;
  leases: LeaseRow[];
  expiring: ExpiringRow[];
  findings: AuditReport['findings'];
}

export interface LesseeSummary {
  name: string;
  leases: number;
  addresses: number;
  /** Whole-month price of the published leases, per currency. */
  monthly: Record<string, number>;
}

export interface SiteData {
  at: string;
  /** Lessees by addresses leased on `at`, largest first. */
  topLessees: LesseeSummary[];
  lessor: string;
  holdings: HoldingPage[];
  totals: SpaceSummary;
  publishedLeases: number;
  lessees: number;
  revenue: RevenueRow[];
  revenueMonths: string[];
  expiring: ExpiringRow[];
  audit?: AuditReport;
}

export function siteData(input: ReportInput, at: string, audit?: AuditReport): SiteData {
  const byHolding = groupBy(input.leases, (l) => l.holding);
  const expiring = expiringReport(input, at, EXPIRING_DAYS);
  const expiringByHolding = groupBy(expiring, (r) => r.holding);
  const findingsByHolding = groupBy(audit?.findings ?? [], (f) => f.holding);
  // Record ids are safe file names (lower-case letters, digits, '.', '_', '-', no '..'), and stable across builds.
  const holdings = input.holdings.map((h) =>
    holdingPage(input, h, `holding-${h.id}.html`, byHolding.get(h.id) ?? [], at, expiringByHolding.get(h.id) ?? [], findingsByHolding.get(h.id) ?? []),
  );
  const totals: SpaceSummary = { total: 0, leased: 0, internal: 0, quarantine: 0, idle: 0, free: 0 };
  for (const page of holdings) for (const key of Object.keys(totals) as Array<keyof SpaceSummary>) totals[key] += page.summary[key];
  const published = input.leases.filter((l) => l.direction === 'outbound' && isActive(publishedTerm(l.term, input.window), at));
  const from = monthOffset(at.slice(0, 7), -11);
  const to = monthOffset(at.slice(0, 7), 12);
  const self = input.model.self;
  return {
    at,
    lessor: (self && usable(self, 'name')) ?? 'leasekit',
    holdings,
    totals,
    publishedLeases: published.length,
    lessees: new Set(published.map((l) => l.counterparty)).size,
    topLessees: lesseeSummaries(published),
    revenue: revenueReport(input, from, to),
    revenueMonths: monthRange(from, to),
    expiring,
    ...(audit ? { audit } : {}),
  };
}

export const TOP_LESSEES = 15;

function lesseeSummaries(published: LeaseView[]): LesseeSummary[] {
  const byParty = groupBy(published, (l) => l.counterparty);
  const rows = [...byParty.values()].map((leases): LesseeSummary => {
    const monthly: Record<string, number> = {};
    for (const l of leases) {
      const price = monthlyPrice(l);
      if (price !== null) monthly[l.price!.currency] = (monthly[l.price!.currency] ?? 0) + price;
    }
    return { name: leases[0].counterpartyName, leases: leases.length, addresses: leases.reduce((sum, l) => sum + l.prefix.end - l.prefix.start + 1, 0), monthly };
  });
  return rows.sort((a, b) => b.addresses - a.addresses || a.name.localeCompare(b.name)).slice(0, TOP_LESSEES);
}

function holdingPage(input: ReportInput, holding: HoldingView, file: string, leases: LeaseView[], at: string, expiring: ExpiringRow[], findings: AuditReport['findings']): HoldingPage {
  const pieces = holdingPieces(holding.prefix, leases, at, input.window);
  const timelineFrom = addDays(at, -365);
  const timelineTo = addDays(at, 730);
  const visible = leases.filter((l) => overlapsDays(l, input, timelineFrom, timelineTo));
  const lessees = rankLessees(visible, pieces);
  const colourOf = new Map(lessees.map((l) => [l.name, l.key]));
  return {
    holding,
    file,
    summary: summarise(pieces),
    largestFree: largestFreeBlocksOf(pieces),
    lessees,
    map: mapData(holding, pieces, colourOf),
    timeline: timelineData(visible, input, at, timelineFrom, timelineTo, colourOf),
    leases: leaseRows(leases, input.window, at).filter((r) => r.state !== 'ended' || (r.end !== null && r.end >= timelineFrom)),
    expiring,
    findings,
  };
}

function overlapsDays(l: LeaseView, input: ReportInput, from: string, to: string): boolean {
  const published = publishedTerm(l.term, input.window);
  const rest = quarantineTerm(l.term, input.window);
  const end = rest?.end ?? published.end;
  return published.start < to && (end === undefined || end > from);
}

/** The holding's lessees by addresses leased now, then by addresses on the timeline; the first few get colours. */
function rankLessees(visible: LeaseView[], pieces: Piece[]): Lessee[] {
  const now = new Map<string, number>();
  for (const p of pieces) if (p.state === 'leased' && p.lease) now.set(p.lease.counterpartyName, (now.get(p.lease.counterpartyName) ?? 0) + p.end - p.start + 1);
  const ever = new Map<string, number>();
  for (const l of visible) if (l.direction !== 'internal') ever.set(l.counterpartyName, (ever.get(l.counterpartyName) ?? 0) + l.prefix.end - l.prefix.start + 1);
  return [...ever.keys()]
    .sort((a, b) => (now.get(b) ?? 0) - (now.get(a) ?? 0) || ever.get(b)! - ever.get(a)! || a.localeCompare(b))
    .map((name, i) => ({ key: i < LESSEE_COLOURS ? `k${i}` : 'ko', name, addresses: now.get(name) ?? 0 }));
}

/**
 * One cell per /24; finer for holdings smaller than a /16, so a map has at least 256 cells; coarser
 * for holdings larger than a /10, so it has at most 16,384 (a page stays well under 5 MB).
 */
export function cellLengthFor(holdingLength: number): number {
  return Math.min(32, holdingLength + 14, Math.max(24, holdingLength + 8));
}

function mapData(holding: HoldingView, pieces: Piece[], colourOf: Map<string, string>): MapData {
  const cellLength = cellLengthFor(holding.prefix.length);
  const bits = cellLength - holding.prefix.length;
  const grid = hilbertGrid(bits);
  const cellSize = 2 ** (32 - cellLength);
  const items: TipItem[] = [];
  const itemOf = new Map<Piece, number>();
  const cells: MapCell[] = [];
  let p = 0;
  for (let i = 0; i < 2 ** bits; i++) {
    const start = holding.prefix.start + i * cellSize;
    const end = start + cellSize - 1;
    while (p < pieces.length && pieces[p].end < start) p++;
    let best = pieces[p];
    let bestSize = 0;
    for (let q = p; q < pieces.length && pieces[q].start <= end; q++) {
      const size = Math.min(end, pieces[q].end) - Math.max(start, pieces[q].start) + 1;
      if (size > bestSize) [best, bestSize] = [pieces[q], size];
    }
    let item = itemOf.get(best);
    if (item === undefined) itemOf.set(best, (item = items.push(pieceItem(best)) - 1));
    const [x, y] = grid.position(i);
    const colour = best.state === 'leased' && best.lease ? colourOf.get(best.lease.counterpartyName) : undefined;
    cells.push({ x, y, state: best.state, item, ...(colour ? { colour } : {}), ...(best.next ? { reserved: true } : {}) });
  }
  return { cellLength, columns: grid.columns, rows: grid.rows, start: holding.prefix.start, cells, items };
}

function termText(l: LeaseView): string {
  return `${l.term.start} to ${l.term.end ?? 'open-ended'}`;
}

function pieceItem(piece: Piece): TipItem {
  const range = rangeText(piece.start, piece.end);
  const l = piece.lease;
  switch (piece.state) {
    case 'leased':
      return { title: l!.counterpartyName, lines: [`leased: ${l!.prefix.text} (lease ${l!.id})`, termText(l!)] };
    case 'internal':
      return { title: 'Internal use', lines: [`${l!.prefix.text} (lease ${l!.id})`, termText(l!)] };
    case 'quarantine':
      return { title: 'Quarantine', lines: [`${range} rests until ${piece.until}`, `after ${l!.counterpartyName} (lease ${l!.id}, ended ${l!.term.end})`] };
    case 'idle':
      return piece.next
        ? { title: 'Idle, reserved', lines: [range, `${piece.next.counterpartyName} from ${piece.next.term.start} (lease ${piece.next.id})`] }
        : { title: 'Idle: free to lease', lines: [range] };
  }
}

/** A range of addresses as its CIDR blocks (the first few). */
function rangeText(start: number, end: number): string {
  const blocks: string[] = [];
  let cursor = start;
  while (cursor <= end && blocks.length < 3) {
    let size = 1;
    while (cursor % (size * 2) === 0 && cursor + size * 2 - 1 <= end && size < 2 ** 32) size *= 2;
    blocks.push(formatPrefix(cursor, 32 - Math.log2(size)));
    cursor += size;
  }
  return cursor <= end ? `${blocks.join(', ')}, …` : blocks.join(', ');
}

function timelineData(leases: LeaseView[], input: ReportInput, at: string, from: string, to: string, colourOf: Map<string, string>): TimelineData {
  const first = dayNum(from);
  const last = dayNum(to);
  const clip = (day: string | undefined, fallback: number) => (day === undefined ? fallback : Math.min(last, Math.max(first, dayNum(day))));
  const items: TipItem[] = [];
  const byPrefix = groupBy(
    [...leases].sort((a, b) => a.prefix.start - b.prefix.start || a.prefix.length - b.prefix.length),
    (l) => l.prefix.text,
  );
  const rows: TimelineData['rows'] = [];
  for (const [prefix, rowLeases] of byPrefix) {
    rowLeases.sort((a, b) => a.term.start.localeCompare(b.term.start));
    const bars: TimelineBar[] = [];
    let cursor = first;
    const gap = (until: number) => {
      if (until > cursor) bars.push({ kind: 'gap', from: cursor, to: until, label: 'idle', item: items.push({ title: 'Idle', lines: [prefix, `${fmtDay(cursor)} to ${fmtDay(until)}`] }) - 1 });
    };
    for (const l of rowLeases) {
      const published = publishedTerm(l.term, input.window);
      const start = clip(published.start, first);
      const end = clip(published.end, last);
      gap(start);
      const internal = l.direction === 'internal';
      const item = items.push({ title: internal ? 'Internal use' : l.counterpartyName, lines: [`${l.prefix.text} (lease ${l.id})`, termText(l), ...(l.note ? [l.note] : [])] }) - 1;
      bars.push({ kind: internal ? 'internal' : 'lease', lease: l.id, from: start, to: Math.max(end, start), label: internal ? 'internal' : l.counterpartyName, item, ...(internal ? {} : { colour: colourOf.get(l.counterpartyName) ?? 'ko' }) });
      cursor = Math.max(cursor, end);
      const rest = quarantineTerm(l.term, input.window);
      if (rest && dayNum(rest.end!) > first && dayNum(rest.start) < last) {
        const restFrom = clip(rest.start, first);
        const restTo = clip(rest.end, last);
        bars.push({ kind: 'quarantine', lease: l.id, from: restFrom, to: restTo, label: 'quarantine', item: items.push({ title: 'Quarantine', lines: [prefix, `${rest.start} to ${rest.end}`, `after lease ${l.id}`] }) - 1 });
        cursor = Math.max(cursor, restTo);
      }
    }
    gap(last);
    rows.push({ prefix, bars });
  }
  return { from, to, at, rows, items, leases: leases.length };
}


function monthOffset(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) months.push(m);
  return months;
}
