import { dayNumber } from '../model/dates.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(s: string): boolean {
  return MONTH.test(s);
}

/** The first day of the month after `month` (YYYY-MM). */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) months.push(m);
  return months;
}

/** Days of the half-open term [start, end) that fall in `month`. */
export function daysInMonthOf(month: string, start: string, end: string | undefined): number {
  const first = dayNumber(`${month}-01`);
  const after = dayNumber(`${nextMonth(month)}-01`);
  const from = Math.max(first, dayNumber(start));
  const to = Math.min(after, end === undefined ? after : dayNumber(end));
  return Math.max(0, to - from);
}
