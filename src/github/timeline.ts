import { Resolved, type Lease } from '../resolve/resolved.js';
import type { Repository } from '../repo/load.js';
import type { GanttLease } from '../render/gantt.js';

/** A pull request's leases on a timeline: their terms, open-ended ones drawn until `until`. */
export function timelineOf(repo: Repository, leases: readonly Lease[], until: string): GanttLease[] {
  const model = new Resolved(repo);
  return leases.flatMap((lease) => {
    const term = model.leaseTerm(lease);
    if (!term) return [];
    const party = model.counterpartyOf(model.contractOf(lease));
    return [{ id: lease.id, counterparty: String(party?.fields.name ?? party?.id ?? 'unknown'), start: term.start, end: term.end, until }];
  });
}
