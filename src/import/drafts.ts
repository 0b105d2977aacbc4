// Turns what a registry holds into draft records for `leasekit import`: holdings for space no
// holding covers, placeholder parties and contracts, and leases with their origins. Pure: the
// command reads the registry and writes the files; everything here is decided from values.
import type { Kind } from '../model/records.js';
import type { ChildResources, RegistryObject, Roa } from '../model/objects.js';
import type { Holding, Lease, Party, Resolved } from '../resolve/resolved.js';
import { PrefixIndex } from '../net/interval-index.js';
import { groupBy } from '../util/group-by.js';
import { asnProblem } from '../net/asn.js';
import { contains, parsePrefix, type Prefix } from '../net/ipv4.js';
import { reservedBlocksOverlapping } from '../net/special-purpose.js';
import { usable } from '../repo/record.js';

export interface DraftRecord {
  kind: Kind;
  id: string;
  /** The record's fields after kind and id, in the order they are written. */
  fields: Record<string, unknown>;
  /** What the reviewer must check, written above the record. */
  todo: string[];
  /** A reminder next to one field. */
  fieldTodo?: Record<string, string>;
}

export interface Drafts {
  parties: DraftRecord[];
  holdings: DraftRecord[];
  contracts: DraftRecord[];
  leases: DraftRecord[];
  /** Registry objects left out, each with why and what to do instead. */
  skipped: string[];
  /** Registry objects the records already explain. */
  explained: number;
}

export interface ImportInput {
  model: Resolved;
  provider: { name: string; type: string };
  objects: readonly RegistryObject[];
  /** The day the drafts start (the contracts' start). */
  at: string;
  allowDocumentation: boolean;
}

/** One prefix's origin ROAs, drafted as one lease. */
interface LeaseCandidate {
  prefix: Prefix;
  roas: Roa[];
  /** The existing holding it lies in; absent when a new holding is drafted for it. */
  holding?: Holding;
}

const REGISTRY_OF_TYPE: Record<string, string> = { 'ripe-rpki': 'ripe', 'arin-rpki': 'arin' };

export function draftRecords(input: ImportInput): Drafts {
  return new Drafter(input).run();
}

class Drafter {
  private readonly model: Resolved;
  private readonly skipped: string[] = [];
  private readonly taken: Record<Kind, Set<string>>;
  // indexes over the existing records, built once: a registry may hold thousands of ROAs
  private readonly leasesByPrefix: Map<string | undefined, Lease[]>;
  private readonly leaseIndex: PrefixIndex<Lease>;
  private readonly holdingPrefixes: Set<string | undefined>;
  private readonly childCas: Set<string>;
  private readonly ownerByAsn = new Map<number, Party>();

  constructor(private readonly input: ImportInput) {
    this.model = input.model;
    const ids = (k: Kind) => new Set<string>(this.model.repo.byKind[k].map((r) => r.id));
    this.taken = { party: ids('party'), holding: ids('holding'), contract: ids('contract'), lease: ids('lease'), delegation: ids('delegation') };
    const { lease: leases, holding: holdings, delegation: delegations, party: parties } = this.model.repo.byKind;
    this.leasesByPrefix = groupBy(leases, (l) => this.model.prefixOf(l)?.text);
    this.leaseIndex = new PrefixIndex(leases.filter((l) => this.model.prefixOf(l)), (l) => this.model.prefixOf(l)!);
    this.holdingPrefixes = new Set(holdings.map((h) => this.model.prefixOf(h)?.text));
    this.childCas = new Set();
    for (const d of delegations) {
      const lease = this.model.leaseOf(d);
      if (usable(d, 'type') === 'rpki-ca' && lease) this.childCas.add(childKey(usable(d, 'handle'), this.model.prefixOf(lease)?.text));
    }
    for (const p of parties) for (const asn of usable(p, 'asns') ?? []) if (!this.ownerByAsn.has(asn)) this.ownerByAsn.set(asn, p);
  }

  run(): Drafts {
    const roas = this.input.objects.filter((o): o is Roa => o.type === 'roa');
    const children = this.input.objects.filter((o): o is ChildResources => o.type === 'child-resources');
    const unexplainedRoas = roas.filter((r) => !this.explains(r));
    const unexplainedChildren = children.filter((c) => !this.explainsChild(c));
    for (const c of unexplainedChildren) this.skip(`child CA ${c.child} holds ${c.prefix}: write its lease and an rpki-ca delegation (handle ${c.child}) by hand`);
    const explained = roas.length - unexplainedRoas.length + children.length - unexplainedChildren.length;
    const drafted = unexplainedRoas.filter((r) => this.expressible(r));
    const candidates = this.placeLeases(this.leaseCandidates(drafted.filter((r) => r.asn !== 0)));
    const holdings = this.newHoldings(candidates, drafted.filter((r) => r.asn === 0));
    const { parties, contracts, leases } = this.counterparties(candidates);
    return { parties, holdings, contracts, leases, skipped: this.skipped, explained };
  }

  // --- what the records already say ------------------------------------------

  /** A lease origin with the same prefix and maxLength, or an AS0 ROA over a whole holding. */
  private explains(roa: Roa): boolean {
    if (roa.asn === 0) return this.holdingPrefixes.has(roa.prefix);
    return (this.leasesByPrefix.get(roa.prefix) ?? []).some((lease) => {
      const prefix = this.model.prefixOf(lease)!;
      return (usable(lease, 'origins') ?? []).includes(roa.asn) && (usable(lease, 'maxLength') ?? prefix.length) === roa.maxLength;
    });
  }

  private explainsChild(c: ChildResources): boolean {
    return this.childCas.has(childKey(c.child, c.prefix));
  }

  /** Records cannot hold reserved space or reserved ASNs (validate would refuse them). */
  private expressible(roa: Roa): boolean {
    const parsed = parsePrefix(roa.prefix);
    if (!parsed.ok) return this.skip(`${roaText(roa)}: ${parsed.message}`);
    if (reservedBlocksOverlapping(parsed.prefix, this.input.allowDocumentation).length) return this.skip(`${roaText(roa)}: special-purpose address space (see validate's prefix-reserved)`);
    const problem = roa.asn === 0 ? null : asnProblem(roa.asn, this.input.allowDocumentation);
    if (problem) return this.skip(`${roaText(roa)}: ${problem.message}`);
    return true;
  }

  // --- leases ----------------------------------------------------------------

  /** One candidate per prefix; leases may not overlap, so a prefix inside another one (or inside an existing lease) is left out. */
  private leaseCandidates(roas: Roa[]): LeaseCandidate[] {
    const candidates = [...groupBy(roas, (r) => r.prefix).values()].map((group) => ({ prefix: prefixOf(group[0].prefix), roas: group }));
    // start order puts an enclosing prefix before the ones inside it; the open accepted ones form a chain
    candidates.sort((a, b) => a.prefix.start - b.prefix.start || a.prefix.length - b.prefix.length);
    const accepted: LeaseCandidate[] = [];
    const open: LeaseCandidate[] = [];
    for (const c of candidates) {
      while (open.length && open[open.length - 1].prefix.end < c.prefix.start) open.pop();
      const [lease] = this.leaseIndex.overlapping(c.prefix);
      const outer = open[0];
      if (lease) this.skipAll(c.roas, `overlaps lease ${lease.id}; add the origin to that lease or end it first`);
      else if (outer) this.skipAll(c.roas, `lies inside ${outer.prefix.text}, drafted as a lease; leases cannot overlap, so record it by hand (or widen maxLength there)`);
      else {
        accepted.push(c);
        open.push(c);
      }
    }
    return accepted.sort((a, b) => a.prefix.length - b.prefix.length || a.prefix.start - b.prefix.start);
  }

  /** The existing holding each candidate lies in; candidates that straddle holdings, or sit in inbound space, are left out. */
  private placeLeases(candidates: LeaseCandidate[]): LeaseCandidate[] {
    const placed: LeaseCandidate[] = [];
    for (const c of candidates) {
      const overlapping = this.model.holdingsOverlapping(c.prefix);
      const holding = overlapping.filter((h) => contains(this.model.prefixOf(h)!, c.prefix)).pop();
      if (overlapping.length && !holding) this.skipAll(c.roas, `overlaps holding ${overlapping[0].id} without lying inside it`);
      else if (holding && usable(holding, 'source') === 'inbound') this.skipAll(c.roas, `lies in inbound holding ${holding.id}; write the sublease by hand (its contract decides whether that is allowed)`);
      else placed.push({ ...c, holding });
    }
    return placed;
  }

  // --- holdings --------------------------------------------------------------

  /**
   * One holding per outermost block with no holding yet: the leases' prefixes and the AS0
   * ROAs' prefixes. An AS0 ROA over exactly that block turns `as0` on.
   */
  private newHoldings(candidates: LeaseCandidate[], as0Roas: Roa[]): DraftRecord[] {
    const as0 = as0Roas.filter((r) => this.freeAs0(r));
    const blocks = outermost([...candidates.filter((c) => !c.holding).map((c) => c.prefix), ...as0.map((r) => prefixOf(r.prefix))]);
    const drafts = blocks.map((block) => this.holdingDraft(block, as0.filter((r) => r.prefix === block.text)));
    const blockTexts = new Set(blocks.map((b) => b.text));
    for (const r of as0) if (!blockTexts.has(r.prefix)) this.skip(`${roaText(r)}: AS0 on part of a drafted holding cannot be expressed; leasekit publishes AS0 over whole holdings`);
    return drafts;
  }

  /** An AS0 ROA that touches no existing holding can found a new one. */
  private freeAs0(roa: Roa): boolean {
    const prefix = prefixOf(roa.prefix);
    const [holding] = this.model.holdingsOverlapping(prefix);
    if (!holding) return true;
    const where = contains(this.model.prefixOf(holding)!, prefix) ? 'on part of' : 'over more than';
    return this.skip(`${roaText(roa)}: AS0 ${where} holding ${holding.id} cannot be expressed; leasekit publishes AS0 over whole holdings`);
  }

  private holdingDraft(block: Prefix, as0: Roa[]): DraftRecord {
    const { name, type } = this.input.provider;
    const registry = REGISTRY_OF_TYPE[type];
    const exactAs0 = as0.some((r) => r.maxLength === 32);
    const todo = [
      `drafted from ROAs seen in ${name}: widen prefix to the block you actually hold (and merge neighbouring drafts)`,
      'check source: allocation, legacy, or inbound (leased in: then add its contract)',
    ];
    if (!exactAs0 && as0.length) todo.push(`the AS0 ROA over ${block.text} has maxLength ${as0[0].maxLength}; leasekit publishes AS0 with maxLength 32 and will replace it`);
    if (!as0.length) todo.push('no AS0 ROA covers this block: consider as0: true so idle space cannot be hijacked (plan will then create it)');
    return {
      kind: 'holding',
      id: this.uniqueId('holding', `imported-${dashed(block.text)}`),
      fields: { prefix: block.text, registry: registry ?? 'ripe', source: 'allocation', rpki: { provider: name, as0: as0.length > 0 } },
      todo,
      fieldTodo: registry ? {} : { registry: `${type} does not say which RIR: set it` },
    };
  }

  // --- parties, contracts, leases --------------------------------------------

  private counterparties(candidates: LeaseCandidate[]): Pick<Drafts, 'parties' | 'contracts' | 'leases'> {
    const placeholders = this.placeholderParties(candidates.filter((c) => c.roas.every((r) => !this.ownerOf(r.asn))));
    const parties = [...new Set(placeholders.values())];
    const contracts = new Map<string, DraftRecord>();
    const leases: DraftRecord[] = [];
    for (const c of candidates) {
      const party = this.counterpartyOf(c, placeholders);
      if (!party) continue;
      const contract = contracts.get(party.id) ?? this.contractDraft(party);
      contracts.set(party.id, contract);
      leases.push(this.leaseDraft(c, contract.id));
    }
    if (contracts.size && this.selfCount() === 0) parties.unshift(this.selfDraft());
    return { parties, contracts: [...contracts.values()], leases };
  }

  /** One placeholder party per group of unknown ASNs that originate the same prefix. */
  private placeholderParties(candidates: LeaseCandidate[]): Map<number, DraftRecord> {
    const groups = new UnionFind();
    for (const c of candidates) for (const r of c.roas) groups.join(c.roas[0].asn, r.asn);
    const byAsn = new Map<number, DraftRecord>();
    for (const asns of groups.sets()) {
      const draft: DraftRecord = {
        kind: 'party',
        id: this.uniqueId('party', `as${asns[0]}`),
        fields: { name: 'TODO', asns },
        todo: [`placeholder for whoever originates from ${asns.map((a) => `AS${a}`).join(', ')}: fill in name, abuse, country and irrMaintainer`],
      };
      for (const asn of asns) byAsn.set(asn, draft);
    }
    return byAsn;
  }

  /** The existing party owning every origin, or the placeholder for them; mixed ownership is left out. */
  private counterpartyOf(c: LeaseCandidate, placeholders: Map<number, DraftRecord>): { id: string; self: boolean } | undefined {
    const owners = new Set(c.roas.map((r) => this.ownerOf(r.asn)));
    const [owner] = owners;
    if (owners.size === 1 && owner) return { id: owner.id, self: usable(owner, 'self') === true };
    if (owners.size === 1) return { id: placeholders.get(c.roas[0].asn)!.id, self: false };
    this.skipAll(c.roas, 'its origins belong to different parties (or some to none); one lease has one counterparty');
    return undefined;
  }

  private ownerOf(asn: number): Party | undefined {
    return this.ownerByAsn.get(asn);
  }

  private contractDraft(party: { id: string; self: boolean }): DraftRecord {
    return {
      kind: 'contract',
      id: this.uniqueId('contract', `imported-${party.id}`),
      fields: { direction: party.self ? 'internal' : 'outbound', counterparty: party.id, start: this.input.at },
      todo: ['placeholder contract: set start and end to the signed agreement, and add renewal, price and documents'],
    };
  }

  private leaseDraft(c: LeaseCandidate, contract: string): DraftRecord {
    const maxLengths = [...new Set(c.roas.map((r) => r.maxLength))].sort((a, b) => a - b);
    const origins = [...new Set(c.roas.map((r) => r.asn))].sort((a, b) => a - b);
    const todo = [`found in ${this.input.provider.name}: ${c.roas.map(roaText).join(', ')}`, 'check the term (start and end default to the contract\'s) and whether route objects are wanted (irr)'];
    if (maxLengths.length > 1) todo.push(`the ROAs use maxLengths ${maxLengths.join(', ')}; a lease has one, so plan will replace the others`);
    const holding = c.holding;
    const rpkiProvider = holding && (usable(holding, 'rpki')?.provider ?? 'local');
    if (holding && rpkiProvider !== this.input.provider.name) todo.push(`holding ${holding.id} publishes ROAs to provider ${rpkiProvider}, not ${this.input.provider.name}`);
    return {
      kind: 'lease',
      id: this.uniqueId('lease', `imported-${dashed(c.prefix.text)}`),
      fields: { contract, prefix: c.prefix.text, origins, ...(maxLengths[0] !== c.prefix.length ? { maxLength: maxLengths[0] } : {}) },
      todo,
    };
  }

  private selfCount(): number {
    return this.model.repo.byKind.party.filter((p) => usable(p, 'self') === true).length;
  }

  private selfDraft(): DraftRecord {
    return { kind: 'party', id: this.uniqueId('party', 'self'), fields: { name: 'TODO', self: true }, todo: ['this is you, the operator of this repository: fill in name, asns, abuse and irrMaintainer'] };
  }

  // --- bookkeeping -----------------------------------------------------------

  private uniqueId(kind: Kind, base: string): string {
    let id = base;
    for (let n = 2; this.taken[kind].has(id); n++) id = `${base}-${n}`;
    this.taken[kind].add(id);
    return id;
  }

  /** Records why an object is not drafted; false, so filters read naturally. */
  private skip(message: string): false {
    this.skipped.push(message);
    return false;
  }

  private skipAll(roas: Roa[], why: string): void {
    this.skip(`${roas.map(roaText).join(', ')}: ${why}`);
  }
}

/** Disjoint sets of ASNs: origins seen together on one prefix end up in one set. */
class UnionFind {
  private readonly parent = new Map<number, number>();

  join(a: number, b: number): void {
    this.parent.set(this.root(a), this.root(b));
  }

  /** Each set sorted, the sets ordered by their smallest ASN. */
  sets(): number[][] {
    const byRoot = groupBy([...this.parent.keys()], (asn) => this.root(asn));
    return [...byRoot.values()].map((set) => set.sort((x, y) => x - y)).sort((a, b) => a[0] - b[0]);
  }

  private root(x: number): number {
    if (!this.parent.has(x)) this.parent.set(x, x);
    let r = x;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    return r;
  }
}

/** The prefixes not inside another one, sorted (CIDR prefixes nest or are disjoint). */
function outermost(prefixes: Prefix[]): Prefix[] {
  const sorted = [...prefixes].sort((a, b) => a.start - b.start || a.length - b.length);
  const outer: Prefix[] = [];
  for (const p of sorted) if (!outer.length || outer[outer.length - 1].end < p.start) outer.push(p);
  return outer;
}

function childKey(handle: string | undefined, prefix: string | undefined): string {
  return `${handle}|${prefix}`;
}

function prefixOf(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.prefix;
}

function dashed(prefix: string): string {
  return prefix.replace(/[./]/g, '-');
}

function roaText(r: Roa): string {
  return `ROA ${r.prefix} max ${r.maxLength} AS${r.asn}`;
}
