import { parsePrefix, type Prefix, type PrefixParse } from '../net/ipv4.js';
import { PrefixIndex } from '../net/interval-index.js';
import type { Repository } from '../repo/load.js';
import type { RecordOf } from '../repo/record.js';
import { usable } from '../repo/record.js';
import type { Kind } from './records.js';
import { isIsoDay, type Term } from './dates.js';

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
  readonly self?: Party;
  private readonly prefixes = new Map<RecordOf, PrefixParse>();
  private readonly holdings = new Map<Lease, Holding | undefined>();
  private readonly terms = new Map<RecordOf, Term | undefined>();
  private readonly holdingIndex: PrefixIndex<Holding>;

  constructor(readonly repo: Repository) {
    this.byId = {
      party: firstById(repo.byKind.party),
      holding: firstById(repo.byKind.holding),
      contract: firstById(repo.byKind.contract),
      lease: firstById(repo.byKind.lease),
      delegation: firstById(repo.byKind.delegation),
    };
    const selves = repo.byKind.party.filter((p) => usable(p, 'self') === true);
    this.self = selves.length === 1 ? selves[0] : undefined;
    const holdings = repo.byKind.holding.filter((h) => this.prefixOf(h));
    this.holdingIndex = new PrefixIndex(holdings, (h) => this.prefixOf(h)!);
  }

  /** The record's prefix parsed once, with the reason when it does not parse. */
  parsedPrefix(record: Holding | Lease): PrefixParse {
    let parsed = this.prefixes.get(record);
    if (!parsed) this.prefixes.set(record, (parsed = parsePrefix(record.fields.prefix)));
    return parsed;
  }

  /** The record's prefix when it parses and is canonical; otherwise rules on it are skipped. */
  prefixOf(record: Holding | Lease): Prefix | undefined {
    const parsed = this.parsedPrefix(record);
    return parsed.ok ? parsed.prefix : undefined;
  }

  contractOf(record: Lease | Holding): Contract | undefined {
    const id = usable(record as Lease, 'contract');
    return id === undefined ? undefined : this.byId.contract.get(id);
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
    if (!this.terms.has(record)) this.terms.set(record, compute());
    return this.terms.get(record);
  }

  /** The most specific holding that wholly contains the lease. */
  holdingOf(lease: Lease): Holding | undefined {
    if (!this.holdings.has(lease)) this.holdings.set(lease, this.findHolding(lease));
    return this.holdings.get(lease);
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

function firstById<K extends Kind>(records: RecordOf<K>[]): Map<string, RecordOf<K>> {
  const map = new Map<string, RecordOf<K>>();
  for (const r of records) if (!map.has(r.id)) map.set(r.id, r);
  return map;
}

type Termed = RecordOf<'contract'> | RecordOf<'lease'> | RecordOf<'delegation'>;

function ownTerm(record: Termed, fallback: Term | undefined): Term | undefined {
  const fields = record.fields as { start?: unknown; end?: unknown };
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
