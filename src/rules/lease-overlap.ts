import type { Diagnostic } from '../model/diagnostic.js';
import { publishedTerm, termsOverlap, type Term, type Window } from '../model/dates.js';
import type { Lease, Resolved } from '../resolve/resolved.js';
import { overlappingPairs } from '../net/interval-index.js';
import { locationOf } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';
import { publicationWindow } from '../repo/config.js';

/** A lease with its effective term and counterparty: what the overlap test compares. */
export interface TermedLease {
  lease: Lease;
  term: Term;
  counterparty?: string;
}

/** Two leases that share addresses on some day; `later` starts later (ties: the greater id). */
export interface LeaseOverlap {
  earlier: TermedLease;
  later: TermedLease;
  /** They meet only because of the quarantine between different counterparties. */
  onlyByQuarantine: boolean;
}

/**
 * lease-overlap: two leases share address space on some day, over the whole timeline.
 * Pairs come from the prefix sweep (space), then the terms decide; between different
 * counterparties each closed term is first lengthened by the quarantine.
 */
export function leaseOverlap({ model, policy }: RuleContext): Diagnostic[] {
  const window = publicationWindow(policy);
  return leaseOverlaps(model, model.repo.byKind.lease, policy.quarantineDays, window).map((o) => reportPair(model, o));
}

/**
 * Every overlapping pair among `leases` (the rule's semantics), in O(n log n + pairs).
 * Shared with `github conflicts`, which asks it about leases from several pull requests.
 * Between different counterparties the publication windows are compared (docs/time.md), so
 * two lessees' objects are never published on the same day.
 */
export function leaseOverlaps(model: Resolved, leases: readonly Lease[], quarantineDays: number, window: Window = { leadDays: 0, graceDays: 0 }): LeaseOverlap[] {
  const found: LeaseOverlap[] = [];
  const placed = leases.filter((lease) => model.prefixOf(lease) && isDated(model.leaseTerm(lease)));
  for (const [x, y] of overlappingPairs(placed, (lease) => model.prefixOf(lease)!)) {
    // counterparties are looked up only for pairs that share space: few, even among 100k leases
    const [a, b] = [termed(model, x), termed(model, y)];
    const sameParty = a.counterparty !== undefined && a.counterparty === b.counterparty;
    const quarantine = sameParty ? 0 : quarantineDays;
    const [termA, termB] = sameParty ? [a.term, b.term] : [publishedTerm(a.term, window), publishedTerm(b.term, window)];
    if (!termsOverlap(termA, termB, quarantine)) continue;
    const [earlier, later] = startsFirst(a, b) ? [a, b] : [b, a];
    found.push({ earlier, later, onlyByQuarantine: !termsOverlap(a.term, b.term) });
  }
  return found;
}

/** A term that can be compared: known, and not empty (those are term-invalid). */
function isDated(term: Term | undefined): boolean {
  return term !== undefined && (term.end === undefined || term.start < term.end);
}

function termed(model: Resolved, lease: Lease): TermedLease {
  return { lease, term: model.leaseTerm(lease)!, counterparty: model.counterpartyOf(model.contractOf(lease))?.id };
}

function startsFirst(a: TermedLease, b: TermedLease): boolean {
  if (a.term.start !== b.term.start) return a.term.start < b.term.start;
  return a.lease.id < b.lease.id;
}

/** `2026-01-01..2027-01-01`, or `..open-ended`. */
export function termSpan(t: Term): string {
  return `${t.start}..${t.end ?? 'open-ended'}`;
}

function reportPair(model: Resolved, { earlier, later, onlyByQuarantine }: LeaseOverlap): Diagnostic {
  const other = earlier.lease;
  const why = onlyByQuarantine ? ' within the quarantine period (policy.quarantineDays) or publication window (policy.publishLeadDays, policy.withdrawGraceDays) between counterparties' : '';
  const message =
    `lease '${later.lease.id}' (${model.prefixOf(later.lease)!.text}, ${termSpan(later.term)}) overlaps lease '${other.id}' ` +
    `(${model.prefixOf(other)!.text}, ${termSpan(earlier.term)})${why}; the same addresses cannot go to two leases at once`;
  return finding('lease-overlap', later.lease, locationOf(later.lease, ['prefix']), message, [{ record: other, location: locationOf(other, ['prefix']) }]);
}
