// The questions a lessor asks every day, answered from the records on one day.
import { addDays, addMonths, dayNumber } from '../model/dates.js';
import type { Resolved } from '../resolve/resolved.js';
import { usable } from '../repo/record.js';
import { groupBy } from '../util/group-by.js';
import { daysInMonthOf, monthsBetween, nextMonth } from './months.js';
import { holdingPieces, largestFreeBlocks, summarise, type SpaceSummary } from './space.js';
import { leaseState, leaseViews, windowOf, type LeaseState, type LeaseView, type Window } from './view.js';

/** The records once resolved into what every report reads. */
export interface ReportInput {
  model: Resolved;
  leases: LeaseView[];
  window: Window;
  holdings: HoldingView[];
}

export interface HoldingView {
  id: string;
  prefix: import('../net/ipv4.js').Prefix;
  source: string;
  registry: string;
}

export function reportInput(model: Resolved): ReportInput {
  const holdings: HoldingView[] = [];
  for (const h of model.repo.byKind.holding) {
    const prefix = model.prefixOf(h);
    if (prefix && model.byId.holding.get(h.id) === h) holdings.push({ id: h.id, prefix, source: usable(h, 'source') ?? '', registry: usable(h, 'registry') ?? '' });
  }
  holdings.sort((a, b) => a.prefix.start - b.prefix.start || a.prefix.length - b.prefix.length);
  return { model, leases: leaseViews(model), window: windowOf(model.repo.config.policy), holdings };
}

// --- leases -----------------------------------------------------------------------------

export interface LeaseRow {
  id: string;
  prefix: string;
  addresses: number;
  holding: string | null;
  contract: string;
  direction: string;
  counterparty: string;
  counterpartyName: string;
  start: string;
  end: string | null;
  state: LeaseState;
  monthlyPrice: number | null;
  currency: string | null;
}

export interface LeaseFilter {
  counterparty?: string;
  holding?: string;
  state?: LeaseState;
}

export const LEASE_STATES: readonly LeaseState[] = ['published', 'future', 'ended'];

/** Every lease with its state on `at`, by address then start; filters match ids (counterparty also its name). */
export function leasesReport(input: ReportInput, at: string, filter: LeaseFilter = {}): LeaseRow[] {
  return leaseRows(input.leases, input.window, at, filter);
}

/** The rows of `leases` (any subset, e.g. one holding's) that pass `filter`. */
export function leaseRows(leases: readonly LeaseView[], window: Window, at: string, filter: LeaseFilter = {}): LeaseRow[] {
  const wanted = filter.counterparty?.toLowerCase();
  return sortByAddress(leases)
    .filter((l) => wanted === undefined || l.counterparty.toLowerCase() === wanted || l.counterpartyName.toLowerCase() === wanted)
    .filter((l) => filter.holding === undefined || l.holding === filter.holding)
    .map((l) => leaseRow(l, at, window))
    .filter((row) => filter.state === undefined || row.state === filter.state);
}

function leaseRow(l: LeaseView, at: string, window: Window): LeaseRow {
  return {
    id: l.id,
    prefix: l.prefix.text,
    addresses: addressesOf(l),
    holding: l.holding ?? null,
    contract: l.contract,
    direction: l.direction,
    counterparty: l.counterparty,
    counterpartyName: l.counterpartyName,
    start: l.term.start,
    end: l.term.end ?? null,
    state: leaseState(l, at, window),
    monthlyPrice: monthlyPrice(l),
    currency: l.price?.currency ?? null,
  };
}

export function addressesOf(l: LeaseView): number {
  return l.prefix.end - l.prefix.start + 1;
}

/** The lease's price per whole month: `ip-month` times its addresses, `prefix-month` as is; `total` has none. */
export function monthlyPrice(l: LeaseView): number | null {
  if (!l.price) return null;
  if (l.price.per === 'ip-month') return round2(l.price.amount * addressesOf(l));
  if (l.price.per === 'prefix-month') return l.price.amount;
  return null;
}

export function sortByAddress(leases: readonly LeaseView[]): LeaseView[] {
  return [...leases].sort((a, b) => a.prefix.start - b.prefix.start || a.prefix.length - b.prefix.length || (a.term.start < b.term.start ? -1 : a.term.start > b.term.start ? 1 : 0));
}

// --- expiring ---------------------------------------------------------------------------

export type RenewalStatus = 'auto-renews' | 'renewable' | 'no-renewal' | 'lease-ends-first';

export interface ExpiringRow {
  id: string;
  prefix: string;
  holding: string | null;
  counterparty: string;
  counterpartyName: string;
  contract: string;
  end: string;
  daysLeft: number;
  /**
   * auto-renews: the contract renews itself unless notice is given; renewable: it has renewal terms
   * but no automatic renewal, so someone must act; no-renewal: it has none; lease-ends-first: the
   * lease ends before its contract, so a contract renewal does not extend it.
   */
  renewal: RenewalStatus;
  /** auto-renews: the end after one renewal period. */
  renewsTo: string | null;
  noticeDays: number | null;
  /** The last day to give notice: end - noticeDays. */
  noticeDeadline: string | null;
  noticePassed: boolean;
}

/** Leases published on `at` that end within `days` days (end - at <= days), soonest first. */
export function expiringReport(input: ReportInput, at: string, days: number): ExpiringRow[] {
  const rows: ExpiringRow[] = [];
  for (const l of input.leases) {
    if (l.term.end === undefined || leaseState(l, at, input.window) !== 'published') continue;
    const daysLeft = dayNumber(l.term.end) - dayNumber(at);
    if (daysLeft > days || daysLeft < 0) continue;
    rows.push(expiringRow(l, l.term.end, daysLeft, at));
  }
  return rows.sort((a, b) => a.daysLeft - b.daysLeft || a.prefix.localeCompare(b.prefix) || a.id.localeCompare(b.id));
}

function expiringRow(l: LeaseView, end: string, daysLeft: number, at: string): ExpiringRow {
  const endsWithContract = l.contractTerm?.end === end;
  const renewal = l.renewal;
  const status: RenewalStatus = !endsWithContract ? 'lease-ends-first' : renewal?.auto === true ? 'auto-renews' : renewal ? 'renewable' : 'no-renewal';
  const noticeDays = endsWithContract && renewal?.noticeDays !== undefined ? renewal.noticeDays : null;
  const noticeDeadline = noticeDays === null ? null : addDays(end, -noticeDays);
  return {
    id: l.id,
    prefix: l.prefix.text,
    holding: l.holding ?? null,
    counterparty: l.counterparty,
    counterpartyName: l.counterpartyName,
    contract: l.contract,
    end,
    daysLeft,
    renewal: status,
    renewsTo: status === 'auto-renews' && renewal?.periodMonths ? addMonths(end, renewal.periodMonths) : null,
    noticeDays,
    noticeDeadline,
    noticePassed: noticeDeadline !== null && noticeDeadline < at,
  };
}

// --- free -------------------------------------------------------------------------------

export interface FreeRow extends SpaceSummary {
  holding: string;
  prefix: string;
  source: string;
  /** The largest aligned blocks that can be leased on `at` (idle, and no later lease claims them). */
  largestFree: string[];
}

export const FREE_BLOCKS_SHOWN = 8;

/** Per holding, what its addresses are on `at`. One pass over the leases grouped by holding. */
export function freeReport(input: ReportInput, at: string): FreeRow[] {
  const byHolding = groupBy(input.leases, (l) => l.holding);
  return input.holdings.map((h) => {
    const pieces = holdingPieces(h.prefix, byHolding.get(h.id) ?? [], at, input.window);
    return { holding: h.id, prefix: h.prefix.text, source: h.source, ...summarise(pieces), largestFree: largestFreeBlocks(pieces, FREE_BLOCKS_SHOWN) };
  });
}

// --- revenue ----------------------------------------------------------------------------

export interface RevenueRow {
  month: string;
  currency: string;
  amount: number;
  /** Leases (and `total`-priced contracts) that earned in the month. */
  sources: number;
}

/**
 * Revenue per month and currency from outbound contract prices, prorated by day: a lease
 * earns price x (its days in the month / the month's days); `ip-month` is per address,
 * `prefix-month` per lease; a `total` price is spread evenly over the contract's days
 * (an open-ended contract's total counts in its first month). Lease terms, not the
 * publication window, bound the billing.
 */
export function revenueReport(input: ReportInput, from: string, to: string): RevenueRow[] {
  const months = monthsBetween(from, to);
  const sums = new Map<string, RevenueRow>();
  const add = (month: string, currency: string, amount: number) => {
    const key = `${month} ${currency}`;
    const row = sums.get(key) ?? sums.set(key, { month, currency, amount: 0, sources: 0 }).get(key)!;
    row.amount += amount;
    row.sources++;
  };
  // Month boundaries as day numbers, once: [bounds[i], bounds[i + 1]) is months[i].
  const bounds = [...months, nextMonth(months[months.length - 1])].map((m) => dayNumber(`${m}-01`));
  const first = bounds[0];
  const after = bounds[bounds.length - 1];
  for (const l of input.leases) {
    if (l.direction !== 'outbound' || !l.price || l.price.per === 'total') continue;
    const start = Math.max(first, dayNumber(l.term.start));
    const end = Math.min(after, l.term.end === undefined ? after : dayNumber(l.term.end));
    if (start >= end) continue;
    const perMonth = monthlyPrice(l)!;
    for (let i = monthIndex(bounds, start); i < months.length && bounds[i] < end; i++) {
      const days = Math.min(end, bounds[i + 1]) - Math.max(start, bounds[i]);
      add(months[i], l.price.currency, (perMonth * days) / (bounds[i + 1] - bounds[i]));
    }
  }
  for (const c of totalPricedContracts(input)) {
    for (const month of months) {
      const share = c.term.end === undefined ? (c.term.start.slice(0, 7) === month ? 1 : 0) : daysInMonthOf(month, c.term.start, c.term.end) / (dayNumber(c.term.end) - dayNumber(c.term.start));
      if (share > 0) add(month, c.currency, c.amount * share);
    }
  }
  return [...sums.values()].map((r) => ({ ...r, amount: round2(r.amount) })).sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency));
}

/** The index of the month holding `day` (bounds ascending, day within them). */
function monthIndex(bounds: number[], day: number): number {
  let low = 0;
  let high = bounds.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (bounds[mid] <= day) low = mid;
    else high = mid - 1;
  }
  return low;
}

function totalPricedContracts(input: ReportInput): Array<{ amount: number; currency: string; term: { start: string; end?: string } }> {
  const found = [];
  for (const c of input.model.repo.byKind.contract) {
    const price = usable(c, 'price');
    const term = input.model.contractTerm(c);
    if (usable(c, 'direction') === 'outbound' && price?.per === 'total' && term && input.model.byId.contract.get(c.id) === c) found.push({ amount: price.amount, currency: price.currency, term });
  }
  return found;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function largestFreeBlocksOf(pieces: readonly import('./space.js').Piece[]): string[] {
  return largestFreeBlocks(pieces, FREE_BLOCKS_SHOWN);
}
