import { addDays, publishedTerm, type Term, type Window as PublicationWindow } from '../model/dates.js';
import type { Lease, Resolved } from '../resolve/resolved.js';
import type { Prefix } from '../net/ipv4.js';
import { publicationWindow, type Policy } from '../repo/config.js';
import { usable } from '../repo/record.js';

export type Direction = 'outbound' | 'inbound' | 'internal';

export interface Price {
  amount: number;
  currency: string;
  per: 'ip-month' | 'prefix-month' | 'total';
}

/** Where a lease record came from when it is no longer in the tree: the commit that removed it. */
export interface RemovedIn {
  commit: string;
  date: string;
  subject: string;
  file: string;
}

/** One lease as the reports see it: references resolved, term effective, the counterparty named. */
export interface LeaseView {
  id: string;
  prefix: Prefix;
  holding?: string;
  contract: string;
  direction: Direction;
  counterparty: string;
  counterpartyName: string;
  term: Term;
  price?: Price;
  /** The contract's own term and renewal terms, for expiry and renewal questions. */
  contractTerm?: Term;
  renewal?: { auto?: boolean; periodMonths?: number; noticeDays?: number };
  note?: string;
  file: string;
  removedIn?: RemovedIn;
}

/** On `at`: published (objects in the registries), not started yet, or over. */
export type LeaseState = 'published' | 'future' | 'ended';

/**
 * When a lease's objects are published and when its space rests afterwards. A lease is
 * published on day d when start - lead <= d < end + grace; the quarantine follows the
 * published window. Lead and grace are 0 until leasekit.yaml sets them.
 */
export interface Window extends PublicationWindow {
  quarantine: number;
}

export function windowOf(policy: Policy): Window {
  return { ...publicationWindow(policy), quarantine: policy.quarantineDays ?? 0 };
}

export { publishedTerm };

/** The rest period after the published window, or undefined for open-ended leases or no quarantine. */
export function quarantineTerm(term: Term, window: Window): Term | undefined {
  const published = publishedTerm(term, window);
  if (published.end === undefined || window.quarantine <= 0) return undefined;
  return { start: published.end, end: addDays(published.end, window.quarantine) };
}

export function leaseState(lease: LeaseView, at: string, window: Window): LeaseState {
  const published = publishedTerm(lease.term, window);
  if (at < published.start) return 'future';
  return published.end === undefined || at < published.end ? 'published' : 'ended';
}

/**
 * Every lease whose prefix, contract and term resolve, in record order. Leases that do not
 * (a repository with validation errors) are left out: they have no place on a map.
 */
export function leaseViews(model: Resolved): LeaseView[] {
  const views: LeaseView[] = [];
  for (const lease of model.repo.byKind.lease) {
    if (model.byId.lease.get(lease.id) !== lease) continue;
    const view = leaseView(model, lease);
    if (view) views.push(view);
  }
  return views;
}

function leaseView(model: Resolved, lease: Lease): LeaseView | undefined {
  const prefix = model.prefixOf(lease);
  const term = model.leaseTerm(lease);
  const contract = model.contractOf(lease);
  if (!prefix || !term || !contract) return undefined;
  const party = model.counterpartyOf(contract);
  const price = usable(contract, 'price');
  const note = usable(lease, 'note');
  const contractTerm = model.contractTerm(contract);
  const renewal = usable(contract, 'renewal');
  return {
    id: lease.id,
    prefix,
    holding: model.holdingOf(lease)?.id,
    contract: contract.id,
    direction: usable(contract, 'direction') ?? 'outbound',
    counterparty: party?.id ?? usable(contract, 'counterparty') ?? '',
    counterpartyName: party?.fields.name ?? party?.id ?? usable(contract, 'counterparty') ?? '',
    term,
    ...(price ? { price: price as Price } : {}),
    ...(contractTerm ? { contractTerm } : {}),
    ...(renewal ? { renewal } : {}),
    ...(note !== undefined ? { note } : {}),
    file: lease.file.path,
  };
}
