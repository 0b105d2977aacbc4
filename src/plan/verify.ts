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

export interface Verified {
  results: Verification[];
  /** Providers with changes that could check them; empty when none can (the plan then says so). */
  verifiers: string[];
}

/** Asks each registry that can (RIPE Database's dry-run) whether it would accept its changes. */
export async function verifyPlan(plan: Plan, registries: Registries): Promise<Verified> {
  const results: Verification[] = [];
  const verifiers: string[] = [];
  for (const [name, provider] of registries.providers) {
    const changes = plan.changes.filter((c) => c.object.provider === name).map((c): Change => ({ op: c.op, object: c.object, before: c.before }));
    if (!provider.verify || changes.length === 0) continue;
    verifiers.push(name);
    for (const r of await provider.verify(changes)) results.push({ provider: name, change: r.change, ok: r.ok, message: r.message });
  }
  return { results, verifiers };
}
