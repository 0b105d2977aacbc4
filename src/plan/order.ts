import type { RegistryObject } from '../model/objects.js';
import { parsePrefix } from '../net/ipv4.js';
import type { PlannedChange } from './types.js';

/**
 * Make-before-break (docs/format.md#what-leasekit-publishes): ROA creates, child resources, route creates and
 * updates, route deletes, ROA deletes. IRRd in RPKI-aware mode refuses a route object
 * no ROA covers, and an old ROA must outlive the route objects that rely on it.
 */
export const PHASES = ['roa-create', 'child-resources', 'route-write', 'route-delete', 'roa-delete'] as const;
export type Phase = (typeof PHASES)[number];

export function phaseOf(change: PlannedChange): Phase {
  const type = change.object.type;
  if (type === 'child-resources') return 'child-resources';
  if (type === 'route') return change.op === 'delete' ? 'route-delete' : 'route-write';
  return change.op === 'delete' ? 'roa-delete' : 'roa-create';
}

/** Phase, then provider, then prefix (numeric), then ASN. */
export function orderChanges(changes: PlannedChange[]): PlannedChange[] {
  const keyed = changes.map((change) => ({ change, key: sortKey(change) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  return keyed.map((k) => k.change);
}

type SortKey = [number, string, number, number, number, string];

function sortKey(change: PlannedChange): SortKey {
  const o = change.object;
  const parsed = parsePrefix(o.prefix);
  const [start, length] = parsed.ok ? [parsed.prefix.start, parsed.prefix.length] : [Number.MAX_SAFE_INTEGER, 0];
  return [PHASES.indexOf(phaseOf(change)), o.provider, start, length, asnOf(o), tieBreak(change)];
}

function asnOf(o: RegistryObject): number {
  return o.type === 'roa' ? o.asn : o.type === 'route' ? o.origin : 0;
}

function tieBreak(change: PlannedChange): string {
  const o = change.object;
  if (o.type === 'roa') return `${o.maxLength}`;
  if (o.type === 'route') return o.source;
  return `${change.op} ${o.child}`;
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    return typeof a[i] === 'number' ? (a[i] as number) - (b[i] as number) : (a[i] as string) < (b[i] as string) ? -1 : 1;
  }
  return 0;
}
