import type { DesiredCompiler } from '../compile/desired.js';
import { addDays, publishedTerm } from '../model/dates.js';
import type { DesiredObject, Reason } from '../model/objects.js';
import type { Lease } from '../resolve/resolved.js';
import { sameContent } from '../model/objects.js';
import { byIdentity, strip } from './diff.js';
import { orderChanges } from './order.js';
import type { PlannedChange, ScheduledDay } from './types.js';

/**
 * The schedule (docs/time.md): for each day `d` in `(at, at + horizonDays]` on which the
 * desired state differs from day `d - 1`, the changes from one to the other. Only leases with
 * a window or delegation boundary on `d` are compiled for it, so the cost follows the number
 * of boundaries in the horizon, not days times records.
 */
export function scheduleOf(compiler: DesiredCompiler, at: string, horizonDays: number): ScheduledDay[] {
  if (horizonDays <= 0) return [];
  const last = addDays(at, horizonDays);
  const leasesByDay = new Map<string, Lease[]>();
  for (const lease of compiler.model.repo.byKind.lease) {
    for (const day of new Set(compiler.boundaries(lease))) {
      if (day <= at || day > last) continue;
      const list = leasesByDay.get(day);
      if (list) list.push(lease);
      else leasesByDay.set(day, [lease]);
    }
  }
  const schedule: ScheduledDay[] = [];
  for (const day of [...leasesByDay.keys()].sort()) {
    const leases = leasesByDay.get(day)!;
    const before = byIdentity(leases.flatMap((lease) => compiler.leaseObjects(lease, addDays(day, -1))));
    const after = byIdentity(leases.flatMap((lease) => compiler.leaseObjects(lease, day)));
    const changes = dayChanges(compiler, day, before, after);
    if (changes.length) schedule.push({ day, changes: orderChanges(changes) });
  }
  return schedule;
}

function dayChanges(compiler: DesiredCompiler, day: string, before: Map<string, DesiredObject>, after: Map<string, DesiredObject>): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const [key, wanted] of after) {
    const was = before.get(key);
    if (!was) changes.push({ op: 'create', object: strip(wanted), reason: wanted.reason });
    else if (!sameContent(was, wanted)) changes.push({ op: 'update', object: strip(wanted), before: strip(was), reason: { ...wanted.reason, event: 'changed' } });
  }
  for (const [key, was] of before) {
    if (after.has(key)) continue;
    const object = strip(was);
    changes.push({ op: 'delete', object, before: object, reason: goneReason(compiler, day, was) });
  }
  return changes;
}

/** `ended` when the record behind the object stops being published on `day`, else `changed`. */
function goneReason(compiler: DesiredCompiler, day: string, was: DesiredObject): Reason {
  const model = compiler.model;
  const reason = was.reason;
  if ('lease' in reason) {
    const lease = model.byId.lease.get(reason.lease);
    const end = lease && compiler.published(lease)?.end;
    return end === day ? { lease: reason.lease, event: 'ended', day } : { lease: reason.lease, event: 'changed' };
  }
  if ('delegation' in reason) {
    const delegation = model.byId.delegation.get(reason.delegation);
    const term = delegation && model.delegationTerm(delegation);
    const end = term && publishedTerm(term, compiler.window).end;
    return end === day ? { delegation: reason.delegation, event: 'ended', day } : { delegation: reason.delegation, event: 'changed' };
  }
  return { ...reason, event: 'changed' };
}
