import type { Change } from '../providers/types.js';
import type { Registries } from './make-plan.js';
import type { Plan } from './types.js';

/** A registry's dry-run answer on one planned change. */
export interface Verification {
  provider: string;
  change: Change;
  ok: boolean;
  message?: string;
}

/** Asks each registry that can (RIPE Database's dry-run) whether it would accept its changes. */
export async function verifyPlan(plan: Plan, registries: Registries): Promise<Verification[]> {
  const results: Verification[] = [];
  for (const [name, provider] of registries.providers) {
    const changes = plan.changes.filter((c) => c.object.provider === name).map((c): Change => ({ op: c.op, object: c.object, before: c.before }));
    if (!provider.verify || changes.length === 0) continue;
    for (const r of await provider.verify(changes)) results.push({ provider: name, change: r.change, ok: r.ok, message: r.message });
  }
  return results;
}
