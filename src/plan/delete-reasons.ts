import type { DesiredCompiler } from '../compile/desired.js';
import { isActive } from '../model/dates.js';
import { MANAGED_MARKER, identity, type Reason, type RegistryObject } from '../model/objects.js';
import type { Lease } from '../resolve/resolved.js';
import { groupBy } from '../util/group-by.js';

const MARKER_LEASE = new RegExp(`^${MANAGED_MARKER}, lease (\\S+)$`);

/**
 * Why a managed object in a registry is no longer desired on `at` (docs/time.md), as data.
 * The records are searched over their whole timeline: a lease on the object's prefix that
 * ended, has not started, or is published but implies something else; a route object's
 * ownership marker naming a lease that is gone; else `unknown`, which apply deletes only
 * with --force (typically a registry that held ROAs before leasekit).
 */
export function deleteExplainer(compiler: DesiredCompiler, at: string): (object: RegistryObject) => Reason {
  let explain: ((object: RegistryObject) => Reason) | undefined; // indexes built on the first delete only: most plans have none
  return (object) => (explain ??= explainer(compiler, at))(object);
}

function explainer(compiler: DesiredCompiler, at: string): (object: RegistryObject) => Reason {
  const model = compiler.model;
  const managed = model.repo.byKind.lease.filter((lease) => compiler.managedHoldingOf(lease) && compiler.published(lease));
  const leasesByPrefix = groupBy(managed, (lease) => model.prefixOf(lease)!.text);
  const holdingsByPrefix = new Map(compiler.holdingObjects().map((o) => [o.prefix, 'holding' in o.reason ? o.reason.holding : '']));
  for (const holding of model.repo.byKind.holding) {
    const prefix = model.prefixOf(holding);
    if (prefix && !holdingsByPrefix.has(prefix.text)) holdingsByPrefix.set(prefix.text, holding.id);
  }
  const implied = new Map<Lease, Set<string>>(); // per lease, only for leases on a deleted object's prefix
  const impliedBy = (lease: Lease) => implied.get(lease) ?? implied.set(lease, new Set(compiler.everImplied(lease).map(identity))).get(lease)!;

  const timed = (lease: Lease): Reason => {
    const term = compiler.published(lease)!;
    if (isActive(term, at)) return { lease: lease.id, event: 'changed' };
    if (at < term.start) return { lease: lease.id, event: 'not-started' };
    return { lease: lease.id, event: 'ended', day: term.end! };
  };

  return (object) => {
    const named = object.type === 'route' ? markedLease(object.remarks ?? []) : undefined;
    if (named !== undefined) {
      const lease = model.byId.lease.get(named);
      if (!lease || !compiler.published(lease)) return { lease: named, event: 'removed' };
      return timed(lease);
    }
    if (object.type === 'roa' && object.asn === 0 && holdingsByPrefix.has(object.prefix)) return { holding: holdingsByPrefix.get(object.prefix)!, event: 'changed' };
    const candidates = leasesByPrefix.get(object.prefix) ?? [];
    if (candidates.length === 0) return { event: 'unknown' };
    const key = identity(object);
    const implying = candidates.filter((lease) => impliedBy(lease).has(key));
    return timed(closest(implying.length ? implying : candidates, compiler, at));
  };
}

/** A lease published on `at` if there is one, else the one that ended last, else the next to start. */
function closest(leases: Lease[], compiler: DesiredCompiler, at: string): Lease {
  const terms = leases.map((lease) => ({ lease, term: compiler.published(lease)! }));
  const now = terms.find((t) => isActive(t.term, at));
  if (now) return now.lease;
  const ended = terms.filter((t) => t.term.end !== undefined && t.term.end <= at).sort((a, b) => (a.term.end! < b.term.end! ? 1 : -1));
  if (ended.length) return ended[0].lease;
  return terms.sort((a, b) => (a.term.start < b.term.start ? -1 : 1))[0].lease;
}

function markedLease(remarks: readonly string[]): string | undefined {
  for (const remark of remarks) {
    const m = MARKER_LEASE.exec(remark);
    if (m) return m[1];
  }
  return undefined;
}
