import type { RegistryObject } from '../model/objects.js';
import type { Plan, PlannedChange } from '../plan/types.js';
import type { Verification } from '../plan/verify.js';

/** The plan JSON of docs/format.md#machine-readable-output (flat change items), extended with `unmanaged` and `verification`. */
export function planJson(plan: Plan, verification: readonly Verification[] = []): string {
  return JSON.stringify(planBody(plan, verification), null, 2) + '\n';
}

/** The plan as the JSON value that `planJson` writes and `apply --plan` reads back. */
export function planBody(plan: Plan, verification: readonly Verification[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {
    at: plan.at,
    fingerprint: plan.fingerprint,
    changes: plan.changes.map(changeItem),
    summary: plan.summary,
    unmanaged: plan.unmanaged.map((o) => flat(o)),
  };
  if (verification.length) {
    body.verification = verification.map((v) => ({ provider: v.provider, op: v.change.op, ...flat(v.change.object), ok: v.ok, ...(v.message ? { message: v.message } : {}) }));
  }
  return body;
}

function changeItem(c: PlannedChange): Record<string, unknown> {
  const item: Record<string, unknown> = { op: c.op, ...flat(c.object) };
  if (c.op === 'update' && c.before?.type === 'route') item.from = { mntBy: c.before.mntBy, remarks: c.before.remarks ?? [] };
  if (c.reason) item.reason = c.reason;
  return item;
}

/** type and provider first, as documented, whatever order the object was built in. */
function flat(o: RegistryObject): Record<string, unknown> {
  const { type, provider, ...attributes } = o;
  return { type, provider, ...attributes };
}
