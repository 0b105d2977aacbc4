import { hasManagedMarker, identity, type DesiredObject, type RegistryObject, type RouteObject } from '../model/objects.js';
import type { Prefix } from '../net/ipv4.js';
import { parsePrefix } from '../net/ipv4.js';
import { PrefixIndex } from '../net/interval-index.js';
import { fingerprint } from './fingerprint.js';
import { orderChanges } from './order.js';
import type { Plan, PlanInputs, PlannedChange } from './types.js';

/**
 * Desired against current. What lies outside our managed holdings, or is a route object
 * without leasekit's marker, is unmanaged: listed, never changed.
 */
export function diff(inputs: PlanInputs, managedSpace: readonly Prefix[]): Plan {
  const space = new PrefixIndex(managedSpace, (p) => p);
  const desiredByKey = new Map(inputs.desired.map((o) => [identity(o), o]));
  const changes: PlannedChange[] = [];
  const unmanaged: RegistryObject[] = [];
  const managedCounts: Record<string, number> = {};
  const seen = new Set<string>();
  let unchanged = 0;
  const allCurrent = [...inputs.current.values()].flat();
  for (const object of allCurrent) {
    const key = identity(object);
    const wanted = desiredByKey.get(key);
    if (!isManaged(object, space)) {
      if (!wanted) unmanaged.push(object);
      else seen.add(key); // someone else's object already says what we want: leave it
      continue;
    }
    managedCounts[object.provider] = (managedCounts[object.provider] ?? 0) + 1;
    seen.add(key);
    if (!wanted) changes.push({ op: 'delete', object, before: object });
    else if (needsUpdate(object, wanted)) changes.push({ op: 'update', object: strip(wanted), before: object, reason: wanted.reason });
    else unchanged++;
  }
  for (const [key, wanted] of desiredByKey) {
    if (!seen.has(key)) changes.push({ op: 'create', object: strip(wanted), reason: wanted.reason });
  }
  const ordered = orderChanges(changes);
  return {
    at: inputs.at,
    fingerprint: fingerprint(inputs.at, inputs.desired.map(strip), allCurrent),
    changes: ordered,
    unmanaged,
    summary: { create: count(ordered, 'create'), update: count(ordered, 'update'), delete: count(ordered, 'delete'), unchanged },
    managedCounts,
  };
}

function isManaged(object: RegistryObject, space: PrefixIndex<Prefix>): boolean {
  const parsed = parsePrefix(object.prefix);
  if (!parsed.ok || space.containing(parsed.prefix).length === 0) return false;
  return object.type !== 'route' || hasManagedMarker(object);
}

function needsUpdate(current: RegistryObject, wanted: RegistryObject): boolean {
  if (current.type !== 'route' || wanted.type !== 'route') return false;
  return !sameList(current.mntBy, wanted.mntBy) || !sameList(current.remarks ?? [], (wanted as RouteObject).remarks ?? []);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The registry object without its reason. */
function strip(o: DesiredObject | RegistryObject): RegistryObject {
  const { reason: _reason, ...object } = o as DesiredObject;
  return object as RegistryObject;
}

function count(changes: PlannedChange[], op: PlannedChange['op']): number {
  return changes.filter((c) => c.op === op).length;
}
