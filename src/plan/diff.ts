import { hasManagedMarker, identity, type DesiredObject, type RegistryObject } from '../model/objects.js';
import type { Prefix } from '../net/ipv4.js';
import { parsePrefix } from '../net/ipv4.js';
import { PrefixIndex } from '../net/interval-index.js';
import { canonicalLine, fingerprint } from './fingerprint.js';
import { orderChanges } from './order.js';
import type { Plan, PlanInputs, PlannedChange } from './types.js';

/**
 * Desired against current. What lies outside our managed holdings, or is a route object
 * without leasekit's marker, is unmanaged: listed, never changed.
 */
export function diff(inputs: PlanInputs, managedSpace: readonly Prefix[]): Plan {
  const isManaged = managedTest(managedSpace);
  const pending = byIdentity(inputs.desired); // what is not yet matched by a current object
  const desiredLines = [...pending].map(([key, o]) => canonicalLine(key, o));
  const currentLines: string[] = [];
  const changes: PlannedChange[] = [];
  const unmanaged: RegistryObject[] = [];
  const managedCounts: Record<string, number> = {};
  let unchanged = 0;
  for (const objects of inputs.current.values()) {
    for (const object of objects) {
      const key = identity(object);
      currentLines.push(canonicalLine(key, object));
      const wanted = pending.get(key);
      pending.delete(key);
      if (!isManaged(object)) {
        if (!wanted) unmanaged.push(object); // else someone else's object already says what we want: leave it
        continue;
      }
      managedCounts[object.provider] = (managedCounts[object.provider] ?? 0) + 1;
      if (!wanted) changes.push({ op: 'delete', object, before: object });
      else if (needsUpdate(object, wanted)) changes.push({ op: 'update', object: strip(wanted), before: object, reason: wanted.reason });
      else unchanged++;
    }
  }
  for (const wanted of pending.values()) changes.push({ op: 'create', object: strip(wanted), reason: wanted.reason });
  const ordered = orderChanges(changes);
  return {
    at: inputs.at,
    fingerprint: fingerprint(inputs.at, desiredLines, currentLines),
    changes: ordered,
    unmanaged,
    summary: { create: count(ordered, 'create'), update: count(ordered, 'update'), delete: count(ordered, 'delete'), unchanged },
    managedCounts,
  };
}

/** Desired objects by identity; should two records imply the same object, the first one's reason stands. */
function byIdentity(desired: readonly DesiredObject[]): Map<string, DesiredObject> {
  const map = new Map<string, DesiredObject>();
  for (const o of desired) {
    const key = identity(o);
    if (!map.has(key)) map.set(key, o);
  }
  return map;
}

/** Whether an object is ours to change: inside a managed holding and, for a route object, marked. */
function managedTest(managedSpace: readonly Prefix[]): (object: RegistryObject) => boolean {
  const space = new PrefixIndex(managedSpace, (p) => p);
  const inside = new Map<string, boolean>(); // a ROA and a route object often share a prefix
  return (object) => {
    let known = inside.get(object.prefix);
    if (known === undefined) {
      const parsed = parsePrefix(object.prefix);
      inside.set(object.prefix, (known = parsed.ok && space.containing(parsed.prefix).length > 0));
    }
    return known && (object.type !== 'route' || hasManagedMarker(object));
  };
}

function needsUpdate(current: RegistryObject, wanted: RegistryObject): boolean {
  if (current.type !== 'route' || wanted.type !== 'route') return false;
  return !sameList(current.mntBy, wanted.mntBy) || !sameList(current.remarks ?? [], wanted.remarks ?? []);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The registry object without its reason. */
function strip(o: DesiredObject | RegistryObject): RegistryObject {
  const { reason: _reason, ...object } = o as DesiredObject;
  return object;
}

function count(changes: PlannedChange[], op: PlannedChange['op']): number {
  return changes.filter((c) => c.op === op).length;
}
