/** The registry objects leasekit manages (docs/format.md#what-leasekit-publishes), as plain values. */
export interface Roa {
  type: 'roa';
  provider: string;
  prefix: string;
  maxLength: number;
  asn: number;
}

export interface RouteObject {
  type: 'route';
  provider: string;
  source: string;
  prefix: string;
  origin: number;
  mntBy: string[];
  /** Free text such as `managed by leasekit, lease acme-1`: the ownership marker. */
  remarks?: string[];
  descr?: string[];
}

export interface ChildResources {
  type: 'child-resources';
  provider: string;
  child: string;
  prefix: string;
}

export type RegistryObject = Roa | RouteObject | ChildResources;
export type ObjectType = RegistryObject['type'];

/** The record behind a change. */
export type ReasonRecord = { lease: string } | { holding: string } | { delegation: string };

/**
 * What happened to that record (docs/time.md). Creates and updates: `starts` (published from this
 * day), `active` (published before), `changed`. Deletes: `ended` (on `day`), `not-started`,
 * `changed`, `removed` (the lease a route object's marker names is gone), `unknown` (nothing
 * in the repository, past or future, implies the object).
 */
export type ReasonEvent = 'starts' | 'active' | 'changed' | 'ended' | 'not-started' | 'removed' | 'unknown';

/** Why a change happens, as data: the words for people are made in render/. */
export type Reason = (ReasonRecord | { [K in never]: never }) & { event: ReasonEvent; day?: string };

export type DesiredObject = RegistryObject & { reason: ReasonRecord & { event: ReasonEvent } };

/** Identity (docs/format.md#what-leasekit-publishes): a ROA changes by delete+create; a route object's other attributes change by update. */
export function identity(o: RegistryObject): string {
  switch (o.type) {
    case 'roa':
      return `roa|${o.provider}|${o.prefix}|${o.maxLength}|${o.asn}`;
    case 'route':
      return `route|${o.provider}|${o.source}|${o.prefix}|${o.origin}`;
    case 'child-resources':
      return `child-resources|${o.provider}|${o.child}|${o.prefix}`;
  }
}

export const MANAGED_MARKER = 'managed by leasekit';

export function managedRemark(leaseId: string): string {
  return `${MANAGED_MARKER}, lease ${leaseId}`;
}

/** Whether a route object carries leasekit's ownership marker. */
export function hasManagedMarker(route: RouteObject): boolean {
  return (route.remarks ?? []).some((r) => r.startsWith(MANAGED_MARKER));
}

/**
 * Whether two objects of one identity say the same: for route objects, the same maintainers
 * and remarks in order (the attributes leasekit writes besides the key); other kinds are
 * all identity. The diff and the recovery after an uncertain write both use this one test.
 */
export function sameContent(a: RegistryObject, b: RegistryObject): boolean {
  if (a.type !== 'route' || b.type !== 'route') return true;
  return sameList(a.mntBy, b.mntBy) && sameList(a.remarks ?? [], b.remarks ?? []);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
