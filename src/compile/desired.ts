import { isActive } from '../model/dates.js';
import { groupBy } from '../util/group-by.js';
import { managedRemark, type DesiredObject } from '../model/objects.js';
import type { Delegation, Holding, Lease, Resolved } from '../resolve/resolved.js';
import { LOCAL_PROVIDER } from '../repo/config.js';
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
 * The registry objects the records imply on day `at` (docs/format.md#what-leasekit-publishes): lease ROAs or
 * child-CA resources, AS0 ROAs over holdings, route objects. Run only on a repository
 * that validated without errors.
 */
export function compileDesired(model: Resolved, at: string): DesiredObject[] {
  const desired: DesiredObject[] = []; // the diff keeps the first of any duplicates
  const add = (o: DesiredObject) => void desired.push(o);
  const targets = new Map<Holding, HoldingTargets>(); // per holding, not per lease
  const targetsFor = (h: Holding) => targets.get(h) ?? targets.set(h, targetsOf(model, h)).get(h)!;
  const delegations = activeDelegationsByLease(model, at);
  for (const holding of model.repo.byKind.holding) {
    if (!model.prefixOf(holding) || !isManagedHolding(model, holding)) continue;
    const { as0, rpkiProvider } = targetsFor(holding);
    if (as0) add({ type: 'roa', provider: rpkiProvider, prefix: model.prefixOf(holding)!.text, maxLength: 32, asn: 0, reason: { holding: holding.id } });
  }
  for (const lease of model.repo.byKind.lease) {
    const term = model.leaseTerm(lease);
    const holding = model.holdingOf(lease);
    if (!term || !isActive(term, at) || !holding || !isManagedHolding(model, holding)) continue;
    for (const o of leaseObjects(model, lease, targetsFor(holding), delegations.get(lease.id) ?? [])) add(o);
  }
  return desired;
}

function leaseObjects(model: Resolved, lease: Lease, targets: HoldingTargets, delegations: Delegation[]): DesiredObject[] {
  const prefix = model.prefixOf(lease)!;
  const origins = usable(lease, 'origins') ?? [];
  const objects: DesiredObject[] = [];
  const reason = { lease: lease.id }; // one per lease, shared by its objects (values are never mutated)
  const childCas = delegations.filter((d) => usable(d, 'type') === 'rpki-ca');
  if (childCas.length) {
    for (const d of childCas) objects.push({ type: 'child-resources', provider: targets.rpkiProvider, child: usable(d, 'handle')!, prefix: prefix.text, reason: { delegation: d.id } });
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

/** The holding's maintainer, then those of irr-maintainer delegations; shared per holding when there are none. */
function maintainersFor(targets: HoldingTargets, delegations: Delegation[]): string[] {
  const delegated = delegations.filter((d) => usable(d, 'type') === 'irr-maintainer').map((d) => usable(d, 'maintainer'));
  if (delegated.length === 0) return (targets.ownMaintainers ??= unique([targets.maintainer]));
  return unique([targets.maintainer, ...delegated]);
}

function activeDelegationsByLease(model: Resolved, at: string): Map<string, Delegation[]> {
  const active = model.repo.byKind.delegation.filter((d) => {
    const term = model.delegationTerm(d);
    return term !== undefined && model.leaseOf(d) !== undefined && isActive(term, at);
  });
  return groupBy(active, (d) => model.leaseOf(d)!.id);
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
}
