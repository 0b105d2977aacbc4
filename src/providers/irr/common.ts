import type { RouteObject } from '../../model/objects.js';
import { contains, parsePrefix } from '../../net/ipv4.js';
import { ProviderError, type Change, type ChangeResult, type ReadScope } from '../types.js';
import { routeKey } from './rpsl.js';

/** The reason IRR databases record for a delete. */
export const DELETE_REASON = 'removed by leasekit: no active lease needs this route object';

/** The route object a change carries (IRR providers hold nothing else). */
export function routeOf(change: Change): RouteObject {
  if (change.object.type !== 'route') throw new ProviderError(change.object.provider, `an IRR database holds route objects only, not ${change.object.type}`);
  return change.object;
}

/** `route 192.0.2.0/24AS64500`: how messages name an object. */
export function routeLabel(route: Pick<RouteObject, 'prefix' | 'origin'>): string {
  return `route ${routeKey(route)}`;
}

/** Whether a prefix lies inside (or is) one of the holdings read. */
export function inScope(prefix: string, scope: ReadScope): boolean {
  const inner = parsePrefix(prefix);
  if (!inner.ok) return false;
  return scope.prefixes.some((p) => {
    const outer = parsePrefix(p);
    return outer.ok && contains(outer.prefix, inner.prefix);
  });
}

/**
 * A change whose `source` is not the database's own is refused before anything is sent:
 * written under the database's source it would read back as a different object forever.
 */
export function sourceRefusal(change: Change, source: string): ChangeResult | undefined {
  const route = routeOf(change);
  if (route.source.toUpperCase() === source.toUpperCase()) return undefined;
  return {
    change,
    ok: false,
    message: `${routeLabel(route)}: its source ${route.source} is not this database's source ${source}; set irr.source on the holding or source on the provider`,
  };
}

/** Objects once each, by route key and source, in the order first seen. */
export function uniqueRoutes(routes: readonly RouteObject[]): RouteObject[] {
  const byKey = new Map<string, RouteObject>();
  for (const r of routes) {
    const key = `${routeKey(r)}|${r.source}`;
    if (!byKey.has(key)) byKey.set(key, r);
  }
  return [...byKey.values()];
}

/** Every route object found by each query at each holding in scope (exact and more-specific), once each. */
export async function readEachPrefix<Q>(scope: ReadScope, queries: readonly Q[], query: (prefix: string, q: Q) => Promise<RouteObject[]>): Promise<RouteObject[]> {
  const found: RouteObject[] = [];
  for (const prefix of scope.prefixes) {
    for (const q of queries) found.push(...(await query(prefix, q)));
  }
  return uniqueRoutes(found);
}
