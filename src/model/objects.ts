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

/** Why a desired object exists: the record that implies it. */
export type Reason = { lease: string } | { holding: string } | { delegation: string };

export type DesiredObject = RegistryObject & { reason: Reason };

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
