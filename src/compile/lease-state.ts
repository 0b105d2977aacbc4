import { isActive, publishedTerm } from '../model/dates.js';
import { publicationWindow } from '../repo/config.js';
import type { Lease, Resolved } from '../resolve/resolved.js';

/** Where a lease stands on a day: its objects are desired (`published`), not yet, or no more. */
export type LeaseState = 'published' | 'future' | 'ended';

/**
 * Whether the lease's objects are desired on `at`: its term widened by the policy's
 * `publishLeadDays` before and `withdrawGraceDays` after (both 0 by default, docs/time.md).
 * Undefined when the lease's term cannot be read (a repository with errors).
 */
export function leaseState(model: Resolved, lease: Lease, at: string): LeaseState | undefined {
  const term = model.leaseTerm(lease);
  if (!term) return undefined;
  const window = publishedTerm(term, publicationWindow(model.repo.config.policy));
  if (isActive(window, at)) return 'published';
  return at < window.start ? 'future' : 'ended';
}
