import type { DesiredObject, Roa, RouteObject } from '../model/objects.js';
import { parsePrefix } from '../net/ipv4.js';

export type DesiredRoa = Roa & Pick<DesiredObject, 'reason'>;
export type DesiredRoute = RouteObject & Pick<DesiredObject, 'reason'>;

/**
 * The desired ROAs once each as a relying party sees them, (prefix, maxLength, asn) without
 * the provider, in numeric prefix order, then maxLength, then ASN.
 */
export function desiredRoas(desired: readonly DesiredObject[]): DesiredRoa[] {
  const roas = desired.filter((o): o is DesiredRoa => o.type === 'roa');
  const seen = new Set<string>();
  const once = roas.filter((r) => {
    const key = `${r.prefix}|${r.maxLength}|${r.asn}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
  return sortByPrefix(once, (r) => [r.maxLength, r.asn, '']);
}

/** The desired route objects in numeric prefix order, then origin, then source. */
export function desiredRoutes(desired: readonly DesiredObject[]): DesiredRoute[] {
  const routes = desired.filter((o): o is DesiredRoute => o.type === 'route');
  return sortByPrefix(routes, (r) => [0, r.origin, r.source]);
}

/** Sorts by (start address, length) then the given tie-breakers; keys are computed once per item. */
export function sortByPrefix<T extends { prefix: string }>(items: T[], tail: (item: T) => [number, number, string]): T[] {
  const keyed = items.map((item) => {
    const parsed = parsePrefix(item.prefix);
    const [start, length] = parsed.ok ? [parsed.prefix.start, parsed.prefix.length] : [Number.MAX_SAFE_INTEGER, 0];
    return { item, key: [start, length, ...tail(item)] as const };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const [x, y] = [a.key[i], b.key[i]];
      if (x !== y) return typeof x === 'number' ? x - (y as number) : x < y ? -1 : 1;
    }
    return 0;
  });
  return keyed.map((k) => k.item);
}

/** `lease acme-1` / `holding h1 (AS0)`: why an exported object exists, for comments. */
export function reasonText(reason: DesiredObject['reason']): string {
  if ('lease' in reason) return `lease ${reason.lease}`;
  if ('holding' in reason) return `holding ${reason.holding} (AS0)`;
  return `delegation ${reason.delegation}`;
}
