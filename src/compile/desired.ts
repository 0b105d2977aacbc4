import { isActive, publishedTerm, type Term, type Window } from '../model/dates.js';
import { groupBy } from '../util/group-by.js';
import { managedRemark, type DesiredObject } from '../model/objects.js';
import type { Delegation, Holding, Lease, Resolved } from '../resolve/resolved.js';
import { LOCAL_PROVIDER, publicationWindow } from '../repo/config.js';
import { usable } from '../repo/record.js';

/** Where a holding's objects go, with the defaults of docs/format.md#holding applied. */
export interface HoldingTargets {
  holding: Holding;
  rpkiProvider: string;
  irrProvider: string;
  irrSource: string;
  maintainer?: string;
  as0: boolean;
  /** `[maintainer]`, made once and shared by every route object without delegated maintainers. */
  ownMaintainers?: string[];
}

/** Whether leasekit publishes for this holding: not for inbound space the lessor manages. */
export function isManagedHolding(model: Resolved, holding: Holding): boolean {
  if (usable(holding, 'source') !== 'inbound') return true;
  const contract = model.contractOf(holding);
  return contract !== undefined && usable(contract, 'rpki') === 'delegated';
}

export function targetsOf(model: Resolved, holding: Holding): HoldingTargets {
  const rpki = usable(holding, 'rpki') ?? {};
  const irr = usable(holding, 'irr') ?? {};
  return {
    holding,
    rpkiProvider: rpki.provider ?? LOCAL_PROVIDER,
    irrProvider: irr.provider ?? LOCAL_PROVIDER,
    irrSource: irr.source ?? String(usable(holding, 'registry') ?? 'ripe').toUpperCase(),
    maintainer: irr.maintainer ?? (model.self && usable(model.self, 'irrMaintainer')),
    as0: rpki.as0 !== false,
  };
}

/**
 * The registry objects the records imply on day `at` (docs/format.md#what-leasekit-publishes, docs/time.md): lease ROAs or child-CA
 * resources, AS0 ROAs over holdings, route objects, each lease's from `start - publishLeadDays`
 * until `end + withdrawGraceDays`. Run only on a repository that validated without errors.
 */
export function compileDesired(model: Resolved, at: string, compiler = new DesiredCompiler(model)): DesiredObject[] {
  const desired: DesiredObject[] = [...compiler.holdingObjects()]; // the diff keeps the first of any duplicates
  for (const lease of model.repo.byKind.lease) for (const o of compiler.leaseObjects(lease, at)) desired.push(o);
  return desired;
}

/** Compiles one lease on one day at a time: today's plan, the schedule and the delete reasons share it. */
export class DesiredCompiler {
  readonly window: Window;
  private readonly targets = new Map<Holding, HoldingTargets>(); // per holding, not per lease
  private readonly delegations: Map<string, Delegation[]>;

  constructor(readonly model: Resolved) {
    const policy = model.repo.config.policy;
    this.window = publicationWindow(policy);
    const placed = model.repo.byKind.delegation.filter((d) => model.delegationTerm(d) !== undefined && model.leaseOf(d) !== undefined);
    this.delegations = groupBy(placed, (d) => model.leaseOf(d)!.id);
  }

  targetsFor(holding: Holding): HoldingTargets {
    return this.targets.get(holding) ?? this.targets.set(holding, targetsOf(this.model, holding)).get(holding)!;
  }

  /** AS0 ROAs over the managed holdings: not dated. */
  holdingObjects(): DesiredObject[] {
    const objects: DesiredObject[] = [];
    for (const holding of this.model.repo.byKind.holding) {
      if (!this.model.prefixOf(holding) || !isManagedHolding(this.model, holding)) continue;
      const { as0, rpkiProvider } = this.targetsFor(holding);
      if (as0) objects.push({ type: 'roa', provider: rpkiProvider, prefix: this.model.prefixOf(holding)!.text, maxLength: 32, asn: 0, reason: { holding: holding.id, event: 'active' } });
    }
    return objects;
  }

  /** The days a lease's objects are published, or undefined when it has no usable term. */
  published(lease: Lease): Term | undefined {
    const term = this.model.leaseTerm(lease);
    return term && publishedTerm(term, this.window);
  }

  /** The lease's managed holding, when its objects are leasekit's to publish. */
  managedHoldingOf(lease: Lease): Holding | undefined {
    const holding = this.model.holdingOf(lease);
    return holding && this.model.prefixOf(lease) && isManagedHolding(this.model, holding) ? holding : undefined;
  }

  /** Days on which the lease's objects may change: its window's ends and its delegations'. */
  boundaries(lease: Lease): string[] {
    const days: string[] = [];
    const add = (t: Term | undefined) => t && days.push(t.start, ...(t.end ? [t.end] : []));
    add(this.published(lease));
    for (const d of this.delegations.get(lease.id) ?? []) add(publishedTerm(this.model.delegationTerm(d)!, this.window));
    return days;
  }

  /** What one lease implies on `day`: nothing unless it is published then. */
  leaseObjects(lease: Lease, day: string): DesiredObject[] {
    const term = this.published(lease);
    const holding = this.managedHoldingOf(lease);
    if (!term || !isActive(term, day) || !holding) return [];
    const delegations = (this.delegations.get(lease.id) ?? []).filter((d) => isActive(publishedTerm(this.model.delegationTerm(d)!, this.window), day));
    return this.objectsOf(lease, this.targetsFor(holding), delegations, (t) => (t.start === day ? 'starts' : 'active'));
  }

  /** Every object the lease implies on any day it is published, with whatever delegations it has then. */
  everImplied(lease: Lease): DesiredObject[] {
    const term = this.published(lease);
    const holding = this.managedHoldingOf(lease);
    if (!term || !holding) return [];
    const days = new Set([term.start, ...this.boundaries(lease).filter((d) => isActive(term, d))]);
    return [...days].flatMap((day) => this.leaseObjects(lease, day));
  }

  private objectsOf(lease: Lease, targets: HoldingTargets, delegations: Delegation[], eventOf: (published: Term) => 'starts' | 'active'): DesiredObject[] {
    const model = this.model;
    const prefix = model.prefixOf(lease)!;
    const origins = usable(lease, 'origins') ?? [];
    const objects: DesiredObject[] = [];
    const reason = { lease: lease.id, event: eventOf(this.published(lease)!) }; // one per lease, shared by its objects (values are never mutated)
    const childCas = delegations.filter((d) => usable(d, 'type') === 'rpki-ca');
    if (childCas.length) {
      for (const d of childCas) {
        const delegationReason = { delegation: d.id, event: eventOf(publishedTerm(model.delegationTerm(d)!, this.window)) };
        objects.push({ type: 'child-resources', provider: targets.rpkiProvider, child: usable(d, 'handle')!, prefix: prefix.text, reason: delegationReason });
      }
    } else {
      const maxLength = usable(lease, 'maxLength') ?? prefix.length;
      for (const asn of origins) objects.push({ type: 'roa', provider: targets.rpkiProvider, prefix: prefix.text, maxLength, asn, reason });
    }
    if (usable(lease, 'irr') !== false) {
      const mntBy = maintainersFor(targets, delegations);
      const remarks = [managedRemark(lease.id)];
      for (const origin of origins) {
        objects.push({ type: 'route', provider: targets.irrProvider, source: targets.irrSource, prefix: prefix.text, origin, mntBy, remarks, reason });
      }
    }
    return objects;
  }
}

/** The holding's maintainer, then those of irr-maintainer delegations; shared per holding when there are none. */
function maintainersFor(targets: HoldingTargets, delegations: Delegation[]): string[] {
  const delegated = delegations.filter((d) => usable(d, 'type') === 'irr-maintainer').map((d) => usable(d, 'maintainer'));
  if (delegated.length === 0) return (targets.ownMaintainers ??= unique([targets.maintainer]));
  return unique([targets.maintainer, ...delegated]);
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
}
