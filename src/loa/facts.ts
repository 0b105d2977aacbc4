import crypto from 'node:crypto';
import { RefusalError } from '../errors.js';
import { compileDesired, targetsOf } from '../compile/desired.js';
import { leaseState } from '../compile/lease-state.js';
import type { DesiredObject } from '../model/objects.js';
import type { Holding, Lease, Party, Resolved } from '../resolve/resolved.js';
import { usable } from '../repo/record.js';
import type { ObjectState } from './publication.js';

/** A lease that cannot be given a letter: exit 1 with this message. */
export class LoaRefused extends RefusalError {}

const REGISTRY_NAMES: Record<string, string> = { ripe: 'RIPE NCC', arin: 'ARIN', apnic: 'APNIC', lacnic: 'LACNIC', afrinic: 'AFRINIC' };

export interface PartyFacts {
  id: string;
  name: string;
  country?: string;
  abuse?: string;
  irrMaintainer?: string;
  asns: string[];
  /** `AS64501, AS64502`, or empty. */
  asnList: string;
}

/** One registry object the letter points the upstream at, and its state on the day. */
export interface ObjectFacts {
  kind: 'ROA' | 'route object' | 'RPKI child CA resources';
  text: string;
  where: string;
  state: ObjectState;
}

/** Everything a letter states, in plain values; templates only arrange them. */
export interface LetterFacts {
  documentId: string;
  issued: string;
  addressee?: string;
  lease: { id: string; prefix: string; addresses: number; maxLength: number; note?: string };
  origins: string[];
  announcements: Array<{ prefix: string; maxLength: number; origin: string }>;
  term: { start: string; end?: string; lastDay?: string; text: string };
  contract: { id: string };
  lessor: PartyFacts;
  lessee: PartyFacts;
  registry: { name: string; holding: string; rpki: string; irr?: string };
  /**
   * The lessor's standing in the space: `the registered holder of P at RIPE NCC`, or for space
   * leased in, `the lessee of P from NAME, its registered holder at RIPE NCC, with the right to sublease it`.
   */
  standing: { text: string; short: string };
  objects: ObjectFacts[];
  /** sha256 of the lease record (canonical JSON of kind, id and fields): changes when the record's meaning does. */
  recordSha256: string;
  /** sha256 of the terms the letter grants (prefix, origins, maxLength, term, parties). */
  termsSha256: string;
}

/** The lease and the objects it implies on `at`, or a refusal saying why there is no letter to write. */
export function letterSubject(model: Resolved, leaseId: string, at: string, desired: readonly DesiredObject[] = compileDesired(model, at)) {
  const lease = model.byId.lease.get(leaseId);
  if (!lease) throw new LoaRefused(`no lease '${leaseId}' in the repository`);
  const origins = usable(lease, 'origins') ?? [];
  if (origins.length === 0) throw new LoaRefused(`lease ${leaseId} has no origins: no AS is allowed to announce ${lease.fields.prefix}, so there is nothing to authorise`);
  const state = leaseState(model, lease, at);
  if (state !== 'published') {
    const term = model.leaseTerm(lease);
    const why = state === 'future' ? `it starts on ${term?.start}` : state === 'ended' ? `it ended on ${term?.end}` : 'its term cannot be read';
    throw new LoaRefused(`lease ${leaseId} is not published on ${at}: ${why}`);
  }
  const objects = desired.filter((o) => ('lease' in o.reason && o.reason.lease === leaseId) || ('delegation' in o.reason && model.leaseOf(model.byId.delegation.get(o.reason.delegation)!)?.id === leaseId));
  return { lease, objects };
}

export interface FactsInput {
  model: Resolved;
  lease: Lease;
  at: string;
  documentId: string;
  addressee?: string;
  objects: Array<{ object: DesiredObject; state: ObjectState }>;
}

export function letterFacts({ model, lease, at, documentId, addressee, objects }: FactsInput): LetterFacts {
  const prefix = model.prefixOf(lease)!;
  const holding = model.holdingOf(lease)!;
  const contract = model.contractOf(lease)!;
  const term = model.leaseTerm(lease)!;
  const maxLength = usable(lease, 'maxLength') ?? prefix.length;
  const origins = usable(lease, 'origins') ?? [];
  const targets = targetsOf(model, holding);
  const registryName = REGISTRY_NAMES[String(usable(holding, 'registry'))] ?? String(usable(holding, 'registry'));
  const facts: Omit<LetterFacts, 'termsSha256'> = {
    documentId,
    issued: at,
    addressee,
    lease: { id: lease.id, prefix: prefix.text, addresses: prefix.end - prefix.start + 1, maxLength, note: usable(lease, 'note') },
    origins: origins.map((asn) => `AS${asn}`),
    announcements: origins.map((asn) => ({ prefix: prefix.text, maxLength, origin: `AS${asn}` })),
    term: {
      start: term.start,
      end: term.end,
      lastDay: term.end && lastDay(term.end),
      text: term.end ? `from ${term.start} until ${term.end} (the last day is ${lastDay(term.end)})` : `from ${term.start} until terminated under contract ${contract.id}`,
    },
    contract: { id: contract.id },
    lessor: partyFacts(model.self!),
    lessee: partyFacts(model.counterpartyOf(contract)!),
    registry: {
      name: registryName,
      holding: holding.id,
      rpki: `${registryName} RPKI, provider ${targets.rpkiProvider}`,
      irr: usable(lease, 'irr') === false ? undefined : `IRR source ${targets.irrSource}, provider ${targets.irrProvider}`,
    },
    standing: standingOf(model, holding, prefix.text, registryName),
    objects: objects.map(({ object, state }) => objectFacts(object, state)),
    recordSha256: recordSha256(lease),
  };
  return { ...facts, termsSha256: termsSha256(facts) };
}

function standingOf(model: Resolved, holding: Holding, prefix: string, registryName: string): LetterFacts['standing'] {
  if (usable(holding, 'source') !== 'inbound') return { text: `the registered holder of ${prefix} at ${registryName}`, short: `Registered holder at ${registryName}` };
  const lessor = model.counterpartyOf(model.contractOf(holding));
  const name = (lessor && usable(lessor, 'name')) ?? 'its holder';
  return { text: `the lessee of ${prefix} from ${name}, its registered holder at ${registryName}, with the right to sublease it`, short: `Sublessor of space held by ${name} at ${registryName}` };
}

function partyFacts(party: Party): PartyFacts {
  const asns = (usable(party, 'asns') ?? []).map((asn) => `AS${asn}`);
  return {
    id: party.id,
    name: usable(party, 'name') ?? party.id,
    country: usable(party, 'country'),
    abuse: usable(party, 'abuse'),
    irrMaintainer: usable(party, 'irrMaintainer'),
    asns,
    asnList: asns.join(', '),
  };
}

function objectFacts(o: DesiredObject, state: ObjectState): ObjectFacts {
  if (o.type === 'roa') return { kind: 'ROA', text: `${o.prefix} max /${o.maxLength} AS${o.asn}`, where: `RPKI (${o.provider})`, state };
  if (o.type === 'route') return { kind: 'route object', text: `${o.prefix} origin AS${o.origin}`, where: `IRR ${o.source} (${o.provider})`, state };
  return { kind: 'RPKI child CA resources', text: `${o.prefix} to the lessee's CA ${o.child}, which issues the ROAs`, where: `RPKI (${o.provider})`, state };
}

function lastDay(end: string): string {
  return new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Keys sorted at every level, so the digest follows the values and not their order in the file. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string | Buffer): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

export function recordSha256(lease: Lease): string {
  return sha256(canonicalJson({ kind: lease.kind, id: lease.id, fields: lease.fields }));
}

/** What the letter grants; issue date, addressee and registry state are not terms. */
export function termsSha256(facts: Pick<LetterFacts, 'lease' | 'origins' | 'term' | 'contract' | 'lessor' | 'lessee'>): string {
  const { lease, origins, term, contract, lessor, lessee } = facts;
  return sha256(canonicalJson({ prefix: lease.prefix, maxLength: lease.maxLength, origins, start: term.start, end: term.end, contract: contract.id, lessor: lessor.name, lessee: lessee.name }));
}
