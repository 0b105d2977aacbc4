import type { Diagnostic } from '../model/diagnostic.js';
import { termsOverlap, type Term } from '../model/dates.js';
import type { Lease, Resolved } from '../model/resolved.js';
import { overlappingPairs } from '../net/interval-index.js';
import { locationOf } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';

interface TermedLease {
  lease: Lease;
  term: Term;
  counterparty?: string;
}

/**
 * lease-overlap: two leases share address space on some day, over the whole timeline.
 * Pairs come from the prefix sweep (space), then the terms decide; between different
 * counterparties each closed term is first lengthened by the quarantine.
 */
export function leaseOverlap({ model, policy }: RuleContext): Diagnostic[] {
  const leases = termedLeases(model);
  const found: Diagnostic[] = [];
  for (const [a, b] of overlappingPairs(leases, (l) => model.prefixOf(l.lease)!)) {
    const sameParty = a.counterparty !== undefined && a.counterparty === b.counterparty;
    const quarantine = sameParty ? 0 : policy.quarantineDays;
    if (!termsOverlap(a.term, b.term, quarantine)) continue;
    const [earlier, later] = startsFirst(a, b) ? [a, b] : [b, a];
    found.push(reportPair(model, earlier, later, quarantine > 0 && !termsOverlap(a.term, b.term)));
  }
  return found;
}

function termedLeases(model: Resolved): TermedLease[] {
  const leases: TermedLease[] = [];
  for (const lease of model.repo.byKind.lease) {
    const term = model.leaseTerm(lease);
    if (!model.prefixOf(lease) || !term || (term.end !== undefined && term.end <= term.start)) continue;
    leases.push({ lease, term, counterparty: model.counterpartyOf(model.contractOf(lease))?.id });
  }
  return leases;
}

function startsFirst(a: TermedLease, b: TermedLease): boolean {
  if (a.term.start !== b.term.start) return a.term.start < b.term.start;
  return a.lease.id < b.lease.id;
}

function reportPair(model: Resolved, earlier: TermedLease, later: TermedLease, onlyByQuarantine: boolean): Diagnostic {
  const other = earlier.lease;
  const span = (t: Term) => `${t.start}..${t.end ?? 'open-ended'}`;
  const why = onlyByQuarantine ? ' within the quarantine period (policy.quarantineDays) before the space may go to another counterparty' : '';
  const message =
    `lease '${later.lease.id}' (${model.prefixOf(later.lease)!.text}, ${span(later.term)}) overlaps lease '${other.id}' ` +
    `(${model.prefixOf(other)!.text}, ${span(earlier.term)})${why}; the same addresses cannot go to two leases at once`;
  return finding('lease-overlap', later.lease, locationOf(later.lease, ['prefix']), message, [{ record: other, location: locationOf(other, ['prefix']) }]);
}
