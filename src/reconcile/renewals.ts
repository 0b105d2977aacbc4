import { addDays, addMonths } from '../model/dates.js';
import type { Contract, Delegation, Lease, Resolved } from '../resolve/resolved.js';
import type { FileChanges } from '../git/branch-commit.js';
import { usable } from '../repo/record.js';
import { FileEdits } from './file-edits.js';
import { setRecordField, type RecordRef } from './yaml-edit.js';

/** A contract with `renewal.auto: true` inside its notice period, and the edit that renews it. */
export interface Renewal {
  contract: string;
  counterparty: string;
  oldEnd: string;
  newEnd: string;
  periodMonths: number;
  noticeDays: number;
  /** Leases and delegations whose own `end` was the contract's end: they renew with it. */
  followers: RecordRef[];
  changes: FileChanges;
  files: string[];
}

/** Every auto-renewing contract whose notice period has begun on `at` (end - noticeDays <= at). */
export function dueRenewals(model: Resolved, at: string): Renewal[] {
  const due: Renewal[] = [];
  for (const contract of model.repo.byKind.contract) {
    const renewal = usable(contract, 'renewal');
    const end = usable(contract, 'end');
    if (renewal?.auto !== true || !end || !renewal.periodMonths || model.byId.contract.get(contract.id) !== contract) continue;
    const noticeDays = renewal.noticeDays ?? 0;
    if (addDays(end, -noticeDays) > at) continue;
    due.push(renewalOf(model, contract, end, renewal.periodMonths, noticeDays));
  }
  return due;
}

function renewalOf(model: Resolved, contract: Contract, oldEnd: string, periodMonths: number, noticeDays: number): Renewal {
  const newEnd = addMonths(oldEnd, periodMonths);
  const followers = followersOf(model, contract, oldEnd);
  const edits = new FileEdits();
  for (const record of [contract, ...followers]) edits.edit(record, (text) => setRecordField(text, record, 'end', newEnd));
  const party = model.counterpartyOf(contract);
  return {
    contract: contract.id,
    counterparty: party?.fields.name ?? party?.id ?? '',
    oldEnd,
    newEnd,
    periodMonths,
    noticeDays,
    followers: followers.map((r) => ({ kind: r.kind, id: r.id })),
    changes: edits.changes,
    files: edits.editedFiles,
  };
}

/** The contract's leases, and their delegations, that end exactly when the contract does by their own `end`. */
function followersOf(model: Resolved, contract: Contract, oldEnd: string): Array<Lease | Delegation> {
  const leases = model.repo.byKind.lease.filter((l) => model.contractOf(l) === contract && usable(l, 'end') === oldEnd);
  const delegations = model.repo.byKind.delegation.filter((d) => {
    const lease = model.leaseOf(d);
    return lease !== undefined && model.contractOf(lease) === contract && usable(d, 'end') === oldEnd;
  });
  return [...leases, ...delegations];
}
