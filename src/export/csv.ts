import { leaseState } from '../compile/lease-state.js';
import { addMonths, dayNumber } from '../model/dates.js';
import type { Contract, Lease, Resolved } from '../resolve/resolved.js';
import { usable } from '../repo/record.js';
import { sortByPrefix } from './desired-order.js';
import type { ExportInput } from './types.js';

/** The contract's columns, then `counterpartyName` and `note` (free text: the cells that need quoting). */
export const CSV_COLUMNS = ['id', 'contract', 'counterparty', 'prefix', 'addresses', 'start', 'end', 'origins', 'state', 'monthlyPrice', 'currency', 'counterpartyName', 'note'] as const;

/**
 * One RFC 4180 row per lease (every lease, past and future: finance wants the book),
 * in numeric prefix order, then start, then id. CRLF line ends, fields quoted when needed.
 */
export function render({ model, at }: ExportInput): string {
  const addressesByContract = contractAddresses(model);
  const rows = model.repo.byKind.lease
    .filter((lease) => model.prefixOf(lease) && model.leaseTerm(lease))
    .map((lease) => ({ lease, prefix: model.prefixOf(lease)!.text, start: model.leaseTerm(lease)!.start }));
  const ordered = sortByPrefix(rows, (r) => [0, 0, `${r.start} ${r.lease.id}`]);
  const lines = [CSV_COLUMNS.join(',')];
  for (const { lease } of ordered) lines.push(csvRow(leaseRow(model, lease, at, addressesByContract)));
  return lines.map((line) => `${line}\r\n`).join('');
}

function leaseRow(model: Resolved, lease: Lease, at: string, addressesByContract: Map<Contract, number>): string[] {
  const prefix = model.prefixOf(lease)!;
  const term = model.leaseTerm(lease)!;
  const contract = model.contractOf(lease);
  const party = model.counterpartyOf(contract);
  const addresses = prefix.end - prefix.start + 1;
  const price = contract && monthlyPrice(model, contract, addresses, addressesByContract.get(contract) ?? addresses);
  return [
    lease.id,
    contract?.id ?? '',
    party?.id ?? '',
    prefix.text,
    String(addresses),
    term.start,
    term.end ?? '',
    (usable(lease, 'origins') ?? []).join(' '),
    leaseState(model, lease, at) ?? '',
    price?.amount ?? '',
    price?.currency ?? '',
    (party && usable(party, 'name')) ?? '',
    usable(lease, 'note') ?? '',
  ];
}

/**
 * A lease's monthly price from its contract's: `ip-month` times its addresses, `prefix-month`
 * as it is, `total` divided over the contract's months and shared among the contract's leases
 * by addresses (empty for an open-ended contract: a total over no fixed term has no rate).
 */
export function monthlyPrice(model: Resolved, contract: Contract, addresses: number, contractAddresses: number): { amount: string; currency: string } | undefined {
  const price = usable(contract, 'price');
  if (!price) return undefined;
  let monthly: number | undefined;
  if (price.per === 'ip-month') monthly = price.amount * addresses;
  else if (price.per === 'prefix-month') monthly = price.amount;
  else {
    const term = model.contractTerm(contract);
    const months = term?.end ? monthsBetween(term.start, term.end) : 0;
    if (months > 0) monthly = (price.amount / months) * (addresses / contractAddresses);
  }
  return { amount: monthly === undefined ? '' : (Math.round(monthly * 100) / 100).toFixed(2), currency: price.currency };
}

/** Whole calendar months from start to end, plus the remaining days as a fraction of the next month. */
export function monthsBetween(start: string, end: string): number {
  const [sy, sm] = start.split('-').map(Number);
  const [ey, em] = end.split('-').map(Number);
  let whole = (ey - sy) * 12 + (em - sm);
  if (addMonths(start, whole) > end) whole--; // the end's day of month falls before the start's
  const from = addMonths(start, whole);
  const next = addMonths(start, whole + 1);
  return whole + (dayNumber(end) - dayNumber(from)) / (dayNumber(next) - dayNumber(from));
}

/** Addresses leased under each contract over all time: the shares of a `total` price. */
function contractAddresses(model: Resolved): Map<Contract, number> {
  const totals = new Map<Contract, number>();
  for (const lease of model.repo.byKind.lease) {
    const contract = model.contractOf(lease);
    const prefix = model.prefixOf(lease);
    if (contract && prefix) totals.set(contract, (totals.get(contract) ?? 0) + prefix.end - prefix.start + 1);
  }
  return totals;
}

/** RFC 4180 §2: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
export function csvRow(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
