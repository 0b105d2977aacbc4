import { parsePrefix, type Prefix, type PrefixParse } from '../net/ipv4.js';
import { PrefixIndex } from '../net/interval-index.js';
import type { Repository } from '../repo/load.js';
import type { RecordOf } from '../repo/record.js';
import { usable } from '../repo/record.js';
import type { Kind } from '../model/records.js';
import { isIsoDay, type Term } from '../model/dates.js';

export type Party = RecordOf<'party'>;
export type Holding = RecordOf<'holding'>;
export type Contract = RecordOf<'contract'>;
export type Lease = RecordOf<'lease'>;
export type Delegation = RecordOf<'delegation'>;

/**
 * The records cross-referenced once: lookups by id (a duplicated id resolves to the
 * first), parsed prefixes, effective terms, the holding of each lease. Rules and the
 * compiler read this; nothing here reports findings.
 */
export class Resolved {
  readonly byId: { [K in Kind]: Map<string, RecordOf<K>> };
  /** Records whose id an earlier record of the same kind already has, each with that first one. */
  readonly duplicates: Array<{ record: RecordOf; first: RecordOf }> = [];
  readonly self?: Party;
  private readonly holdingIndex: PrefixIndex<Holding>;

  constructor(readonly repo: Repository) {
    this.byId = {
      party: firstById(repo.byKind.party, this.duplicates),
      holding: firstById(repo.byKind.holding, this.duplicates),
      contract: firstById(repo.byKind.contract, this.duplicates),
      lease: firstById(repo.byKind.lease, this.duplicates),
      delegation: firstById(repo.byKind.delegation, this.duplicates),
    };
    const selves = repo.byKind.party.filter((p) => usable(p, 'self') === true);
    this.self = selves.length === 1 ? selves[0] : undefined;
    const holdings = repo.byKind.holding.filter((h) => this.prefixOf(h));
    this.holdingIndex = new PrefixIndex(holdings, (h) => this.prefixOf(h)!);
  }

  /** The record's prefix parsed once, with the reason when it does not parse. */
  parsedPrefix(record: Holding | Lease): PrefixParse {
    const facts = this.derivedOf(record);
    return (facts.prefix ??= parsePrefix(record.fields.prefix));
  }

  /** The record's prefix when it parses and is canonical; otherwise rules on it are skipped. */
  prefixOf(record: Holding | Lease): Prefix | undefined {
    const parsed = this.parsedPrefix(record);
    return parsed.ok ? parsed.prefix : undefined;
  }

  contractOf(record: Lease | Holding): Contract | undefined {
    const facts = this.derivedOf(record);
    if (facts.contract === undefined) {
      const id = usable(record as Lease, 'contract');
      facts.contract = (id === undefined ? undefined : this.byId.contract.get(id)) ?? null;
    }
    return facts.contract ?? undefined;
  }

  counterpartyOf(contract: Contract | undefined): Party | undefined {
    const id = contract && usable(contract, 'counterparty');
    return id === undefined ? undefined : this.byId.party.get(id);
  }

  leaseOf(delegation: Delegation): Lease | undefined {
    const id = usable(delegation, 'lease');
    return id === undefined ? undefined : this.byId.lease.get(id);
  }

  contractTerm(contract: Contract): Term | undefined {
    return this.cachedTerm(contract, () => ownTerm(contract, undefined));
  }

  /** What this model has derived about a record, computed on first use (null: derived, absent). */
  private derivedOf(record: RecordOf): Derived {
    let facts = record.derived as Derived | undefined;
    if (facts?.owner !== this) record.derived = facts = { owner: this, prefix: undefined, term: undefined, holding: undefined, contract: undefined };
    return facts;
  }

  /** A lease's term, its missing start or end taken from its contract. */
  leaseTerm(lease: Lease): Term | undefined {
    return this.cachedTerm(lease, () => {
      const contract = this.contractOf(lease);
      return ownTerm(lease, contract && this.contractTerm(contract));
    });
  }

  /** A delegation's term, its missing start or end taken from its lease. */
  delegationTerm(delegation: Delegation): Term | undefined {
    return this.cachedTerm(delegation, () => {
      const lease = this.leaseOf(delegation);
      return ownTerm(delegation, lease && this.leaseTerm(lease));
    });
  }

  private cachedTerm(record: RecordOf, compute: () => Term | undefined): Term | undefined {
    const facts = this.derivedOf(record);
    if (facts.term === undefined) facts.term = compute() ?? null;
    return facts.term ?? undefined;
  }

  /** The most specific holding that wholly contains the lease. */
  holdingOf(lease: Lease): Holding | undefined {
    const facts = this.derivedOf(lease);
    if (facts.holding === undefined) facts.holding = this.findHolding(lease) ?? null;
    return facts.holding ?? undefined;
  }

  private findHolding(lease: Lease): Holding | undefined {
    const prefix = this.prefixOf(lease);
    if (!prefix) return undefined;
    const holders = this.holdingIndex.containing(prefix);
    let best: Holding | undefined;
    for (const h of holders) if (!best || this.prefixOf(h)!.length > this.prefixOf(best)!.length) best = h;
    return best;
  }

  holdingsOverlapping(prefix: Prefix): Holding[] {
    return this.holdingIndex.overlapping(prefix);
  }
}

interface Derived {
  /** Facts hold for the model that derived them: another model may resolve references differently. */
  owner: Resolved;
  prefix: PrefixParse | undefined;
  term: Term | null | undefined;
  holding: Holding | null | undefined;
  contract: Contract | null | undefined;
}

function firstById<K extends Kind>(records: RecordOf<K>[], duplicates: Array<{ record: RecordOf; first: RecordOf }>): Map<string, RecordOf<K>> {
  const map = new Map<string, RecordOf<K>>();
  for (const r of records) {
    const first = map.get(r.id);
    if (first) duplicates.push({ record: r, first });
    else map.set(r.id, r);
  }
  return map;
}

type Termed = RecordOf<'contract'> | RecordOf<'lease'> | RecordOf<'delegation'>;

function ownTerm(record: Termed, fallback: Term | undefined): Term | undefined {
  const fields = record.fields as { start?: unknown; end?: unknown };
  if (fields.start === undefined && fields.end === undefined) return fallback; // shared, not copied
  const start = fields.start === undefined ? fallback?.start : dateField(record, 'start', fields.start);
  if (start === undefined) return undefined;
  if (fields.end === undefined) return fallback?.end === undefined ? { start } : { start, end: fallback.end };
  const end = dateField(record, 'end', fields.end);
  return end === undefined ? undefined : { start, end };
}

function dateField(record: RecordOf, field: string, value: unknown): string | undefined {
  if (record.invalid.has(field) || typeof value !== 'string' || !isIsoDay(value)) return undefined;
  return value;
}
