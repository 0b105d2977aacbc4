import { isActive } from '../model/dates.js';
import { groupBy } from '../util/group-by.js';
import { identity, managedRemark, type DesiredObject } from '../model/objects.js';
import type { Delegation, Holding, Lease, Resolved } from '../model/resolved.js';
import { LOCAL_PROVIDER } from '../repo/config.js';
import { usable } from '../repo/record.js';

/** Where a holding's objects go, with FORMAT.md's defaults applied. */
export interface HoldingTargets {
  holding: Holding;
  rpkiProvider: string;
  irrProvider: string;
  irrSource: string;
  maintainer?: string;
  as0: boolean;
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
 * The registry objects the records imply on day `at` (FORMAT.md §5): lease ROAs or
 * child-CA resources, AS0 ROAs over holdings, route objects. Run only on a repository
 * that validated without errors.
 */
export function compileDesired(model: Resolved, at: string): DesiredObject[] {
  const desired = new Map<string, DesiredObject>();
  const add = (o: DesiredObject) => {
    const key = identity(o);
    if (!desired.has(key)) desired.set(key, o);
  };
  const delegations = activeDelegationsByLease(model, at);
  for (const holding of model.repo.byKind.holding) {
    if (!model.prefixOf(holding) || !isManagedHolding(model, holding)) continue;
    const targets = targetsOf(model, holding);
    if (targets.as0) add({ type: 'roa', provider: targets.rpkiProvider, prefix: model.prefixOf(holding)!.text, maxLength: 32, asn: 0, reason: { holding: holding.id } });
  }
  for (const lease of model.repo.byKind.lease) {
    const term = model.leaseTerm(lease);
    const holding = model.holdingOf(lease);
    if (!term || !isActive(term, at) || !holding || !isManagedHolding(model, holding)) continue;
    for (const o of leaseObjects(model, lease, targetsOf(model, holding), delegations.get(lease.id) ?? [])) add(o);
  }
  return [...desired.values()];
}

function leaseObjects(model: Resolved, lease: Lease, targets: HoldingTargets, delegations: Delegation[]): DesiredObject[] {
  const prefix = model.prefixOf(lease)!;
  const origins = usable(lease, 'origins') ?? [];
  const objects: DesiredObject[] = [];
  const childCas = delegations.filter((d) => usable(d, 'type') === 'rpki-ca');
  if (childCas.length) {
    for (const d of childCas) objects.push({ type: 'child-resources', provider: targets.rpkiProvider, child: usable(d, 'handle')!, prefix: prefix.text, reason: { delegation: d.id } });
  } else {
    const maxLength = usable(lease, 'maxLength') ?? prefix.length;
    for (const asn of origins) objects.push({ type: 'roa', provider: targets.rpkiProvider, prefix: prefix.text, maxLength, asn, reason: { lease: lease.id } });
  }
  if (usable(lease, 'irr') !== false) {
    const mntBy = unique([targets.maintainer, ...delegations.filter((d) => usable(d, 'type') === 'irr-maintainer').map((d) => usable(d, 'maintainer'))]);
    for (const origin of origins) {
      objects.push({ type: 'route', provider: targets.irrProvider, source: targets.irrSource, prefix: prefix.text, origin, mntBy, remarks: [managedRemark(lease.id)], reason: { lease: lease.id } });
    }
  }
  return objects;
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
