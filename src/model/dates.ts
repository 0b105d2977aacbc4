/** ISO days (YYYY-MM-DD, UTC). They compare correctly as strings; arithmetic goes through day numbers. */
const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const [year, month, day] = [+m[1], +m[2], +m[3]];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

export function dayNumber(s: string): number {
  return Date.parse(`${s}T00:00:00Z`) / DAY_MS;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(s: string, days: number): string {
  return fromDayNumber(dayNumber(s) + days);
}

/** Calendar months later, clamped to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(s: string, months: number): string {
  const [y, m, d] = s.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A half-open term: active on day D when start <= D < end; no end is open-ended. */
export interface Term {
  start: string;
  end?: string;
}

export function isActive(term: Term, day: string): boolean {
  return term.start <= day && (term.end === undefined || day < term.end);
}

/** Whether two terms share a day; `extraDays` lengthens each closed term first (quarantine). */
export function termsOverlap(a: Term, b: Term, extraDays = 0): boolean {
  const endA = a.end === undefined ? undefined : extraDays ? addDays(a.end, extraDays) : a.end;
  const endB = b.end === undefined ? undefined : extraDays ? addDays(b.end, extraDays) : b.end;
  return (endB === undefined || a.start < endB) && (endA === undefined || b.start < endA);
}

/** Whether `inner` lies within `outer` (an open-ended inner needs an open-ended outer). */
export function termWithin(inner: Term, outer: Term): boolean {
  if (inner.start < outer.start) return false;
  if (outer.end === undefined) return true;
  return inner.end !== undefined && inner.end <= outer.end;
}

/** How far a term's publication reaches beyond it: lead days before the start, grace days after the end. */
export interface Window {
  leadDays: number;
  graceDays: number;
}

/**
 * The days on which a term's objects are published (docs/time.md): `[start - lead, end + grace)`.
 * With both 0 it is the term itself, the same value, so nothing changes for repositories without them.
 */
export function publishedTerm(term: Term, window: Window): Term {
  if (!window.leadDays && !window.graceDays) return term;
  const start = window.leadDays ? addDays(term.start, -window.leadDays) : term.start;
  const end = term.end === undefined || !window.graceDays ? term.end : addDays(term.end, window.graceDays);
  return { start, end };
}
