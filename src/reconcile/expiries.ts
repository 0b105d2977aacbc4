import { addDays } from '../model/dates.js';
import type { Lease, Resolved } from '../resolve/resolved.js';
import type { FileChanges } from '../git/branch-commit.js';
import { FileEdits } from './file-edits.js';
import { removeRecords, type RecordRef } from './yaml-edit.js';

export interface ExpiredLease {
  id: string;
  prefix: string;
  counterparty: string;
  end: string;
  file: string;
  delegations: string[];
}

/** Leases whose quarantine is over, and the edit that removes them with their delegations. */
export interface Expiry {
  quarantineDays: number;
  leases: ExpiredLease[];
  changes: FileChanges;
  removedFiles: string[];
  editedFiles: string[];
}

/**
 * Leases that ended more than `policy.quarantineDays` before `at` (end + quarantineDays < at):
 * their space may go to anyone now, and the records only keep the quarantine check busy.
 * Undefined when there are none.
 */
export function dueExpiries(model: Resolved, at: string): Expiry | undefined {
  const quarantineDays = model.repo.config.policy.quarantineDays;
  const expired = model.repo.byKind.lease.filter((lease) => {
    const end = model.leaseTerm(lease)?.end;
    return end !== undefined && addDays(end, quarantineDays) < at && model.byId.lease.get(lease.id) === lease;
  });
  if (expired.length === 0) return undefined;
  const edits = new FileEdits();
  const leases = expired.map((lease) => removeLease(model, lease, edits));
  return { quarantineDays, leases, changes: edits.changes, removedFiles: edits.removedFiles, editedFiles: edits.editedFiles };
}

function removeLease(model: Resolved, lease: Lease, edits: FileEdits): ExpiredLease {
  const delegations = model.repo.byKind.delegation.filter((d) => model.leaseOf(d) === lease);
  for (const record of [lease, ...delegations]) {
    const ref: RecordRef = { kind: record.kind, id: record.id };
    edits.edit(record, (text) => removeRecords(text, [ref]));
  }
  const party = model.counterpartyOf(model.contractOf(lease));
  return {
    id: lease.id,
    prefix: String(lease.fields.prefix),
    counterparty: party?.fields.name ?? party?.id ?? '',
    end: model.leaseTerm(lease)!.end!,
    file: lease.file.path,
    delegations: delegations.map((d) => d.id),
  };
}
