// What a plan does to live announcements: apply its ROA creates and deletes to the VRPs and
// re-validate only the announcements a changed ROA covers (a ROA can change nothing else).
import { PrefixIndex } from '../net/interval-index.js';
import { formatPrefix, type Prefix } from '../net/ipv4.js';
import type { PlannedChange } from '../plan/types.js';
import type { Origin, RouteSet } from '../routes/route-set.js';
import type { Vrp } from '../routes/vrp.js';
import { VrpIndex, type RpkiState } from './rov.js';
import { vrpOf } from './vrp-sources.js';

export interface ImpactEntry {
  prefix: string;
  origin: Origin;
  before: RpkiState;
  after: RpkiState;
}

/** `valid → invalid` first, then `valid → not-found`, then every other change; each by prefix, then origin. */
function rank(e: ImpactEntry): number {
  if (e.before === 'valid') return e.after === 'invalid' ? 0 : 1;
  return 2;
}

export function planImpact(routes: RouteSet, vrps: readonly Vrp[], changes: readonly PlannedChange[]): ImpactEntry[] {
  const before = new VrpIndex(vrps);
  const after = new VrpIndex(vrps);
  const changed: Prefix[] = [];
  for (const c of changes) {
    if (c.object.type !== 'roa' || c.op === 'update') continue;
    const vrp = vrpOf(c.object);
    if (!vrp) continue;
    if (c.op === 'create') after.add(vrp);
    else after.remove(vrp);
    changed.push({ text: vrp.prefix, start: vrp.start, end: vrp.end, length: vrp.length });
  }
  if (changed.length === 0) return [];
  const changedIndex = new PrefixIndex(changed, (p) => p);
  const found: Array<ImpactEntry & { start: number; length: number }> = [];
  const probe: Prefix = { text: '', start: 0, end: 0, length: 0 };
  routes.forEachRaw((start, length, origin) => {
    probe.start = start;
    probe.length = length;
    probe.end = (start + 2 ** (32 - length) - 1) >>> 0;
    if (changedIndex.containing(probe).length === 0) return;
    const was = before.validate(start, length, origin);
    const will = after.validate(start, length, origin);
    if (was !== will) found.push({ prefix: formatPrefix(start, length), origin, before: was, after: will, start, length });
  });
  found.sort((a, b) => rank(a) - rank(b) || a.start - b.start || a.length - b.length || (a.origin ?? -1) - (b.origin ?? -1));
  return found.map(({ prefix, origin, before: b, after: a }) => ({ prefix, origin, before: b, after: a }));
}

/** The announcements a plan would turn from valid to invalid or not-found: what apply refuses without --force. */
export function harmful(impact: readonly ImpactEntry[]): ImpactEntry[] {
  return impact.filter((e) => e.before === 'valid' && e.after !== 'valid');
}
