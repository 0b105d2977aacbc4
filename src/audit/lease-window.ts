// Which leases count as published or ended on a day, for the audit.
import { isActive, publishedTerm, type Term } from '../model/dates.js';
import { publicationWindow, type Config } from '../repo/config.js';

/** The window in which a lease's objects are published: its term widened by the publication lead and withdrawal grace. */
export function publishedWindow(term: Term, config: Config): Term {
  return publishedTerm(term, publicationWindow(config.policy));
}

export function isPublished(term: Term, config: Config, at: string): boolean {
  return isActive(publishedWindow(term, config), at);
}

/** Ended on or before `at`: a former lease. */
export function hasEnded(term: Term, at: string): boolean {
  return term.end !== undefined && term.end <= at;
}
