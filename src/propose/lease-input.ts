import { UsageError } from '../errors.js';

/** The option values of `propose lease`, as the command line gave them. */
export type Flags = Readonly<Record<string, string | boolean | undefined>>;

function stringFlag(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}
import { isIsoDay } from '../model/dates.js';
import type { Resolved } from '../resolve/resolved.js';

/** What `propose lease` was asked for, checked for form; the rules check the substance. */
export interface LeaseInput {
  id: string;
  contract: string;
  prefix: string;
  origins: number[];
  start?: string;
  end?: string;
  maxLength?: number;
  note?: string;
}

const ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export function leaseInputFrom(flags: Flags, model: Resolved): LeaseInput {
  const contract = required(flags, 'contract');
  const input: LeaseInput = {
    id: stringFlag(flags, 'id') ?? nextLeaseId(model, contract),
    contract,
    prefix: required(flags, 'prefix'),
    origins: originsFrom(required(flags, 'origins')),
    start: dayOption(flags, 'start'),
    end: dayOption(flags, 'end'),
    maxLength: integerOption(flags, 'max-length'),
    note: stringFlag(flags, 'note'),
  };
  // the id names the file and the branch: it must be a valid id before anything is built from it
  if (!ID.test(input.id)) throw new UsageError(`--id must match ${ID.source}, got '${input.id}'`);
  return input;
}

/** `<counterparty>-<n>` with the first n no lease uses yet; the contract id when it names no known counterparty. */
export function nextLeaseId(model: Resolved, contractId: string): string {
  const contract = model.byId.contract.get(contractId);
  const stem = (contract && model.counterpartyOf(contract)?.id) ?? contractId;
  let n = 1;
  while (model.byId.lease.has(`${stem}-${n}`)) n++;
  return `${stem}-${n}`;
}

/** `64501,AS64502` -> [64501, 64502]. */
export function originsFrom(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new UsageError('--origins needs at least one ASN, e.g. --origins 64501,64502');
  return parts.map((part) => {
    const m = /^(?:AS)?(\d{1,10})$/i.exec(part);
    if (!m) throw new UsageError(`--origins: '${part}' is not an ASN (write 64501 or AS64501)`);
    return Number(m[1]);
  });
}

function required(flags: Flags, name: string): string {
  const value = stringFlag(flags, name);
  if (value === undefined || value === '') throw new UsageError(`propose lease needs --${name}`);
  return value;
}

function dayOption(flags: Flags, name: string): string | undefined {
  const value = stringFlag(flags, name);
  if (value !== undefined && !isIsoDay(value)) throw new UsageError(`--${name} must be a date YYYY-MM-DD, got '${value}'`);
  return value;
}

function integerOption(flags: Flags, name: string): number | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,3}$/.test(value)) throw new UsageError(`--${name} must be a whole number, got '${value}'`);
  return Number(value);
}
