// Which leases count as published or ended on a day, for the audit.
import { addDays, isActive, type Term } from '../model/dates.js';
import type { Config } from '../repo/config.js';

/** The window in which a lease's objects are published: its term widened by the publication lead and withdrawal grace. */
export function publishedWindow(term: Term, config: Config): Term {
  const policy = config.policy as unknown as Record<string, unknown>;
  const lead = typeof policy.publishLeadDays === 'number' ? policy.publishLeadDays : 0;
  const grace = typeof policy.withdrawGraceDays === 'number' ? policy.withdrawGraceDays : 0;
  if (!lead && !grace) return term;
  return { start: addDays(term.start, -lead), end: term.end === undefined ? undefined : addDays(term.end, grace) };
}

export function isPublished(term: Term, config: Config, at: string): boolean {
  return isActive(publishedWindow(term, config), at);
}

/** Ended on or before `at`: a former lease. */
export function hasEnded(term: Term, at: string): boolean {
  return term.end !== undefined && term.end <= at;
}
