import { isActive } from '../model/dates.js';
import type { Lease, Resolved } from '../model/resolved.js';

/** Where a lease stands on a day: its objects are desired (`published`), not yet, or no more. */
export type LeaseState = 'published' | 'future' | 'ended';

/**
 * The same test `compileDesired` applies to decide whether a lease's objects are desired;
 * undefined when the lease's term cannot be read (a repository with errors).
 */
export function leaseState(model: Resolved, lease: Lease, at: string): LeaseState | undefined {
  const term = model.leaseTerm(lease);
  if (!term) return undefined;
  if (isActive(term, at)) return 'published';
  return at < term.start ? 'future' : 'ended';
}
