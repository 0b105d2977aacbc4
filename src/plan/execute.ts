import { groupBy } from '../util/group-by.js';
import { applyWithRecovery } from '../providers/recovery.js';
import type { Change, ChangeResult } from '../providers/types.js';
import type { Registries } from './make-plan.js';
import { PHASES, phaseOf, type Phase } from './order.js';
import type { Plan, PlannedChange } from './types.js';

export interface BatchRecord {
  time: string;
  provider: string;
  phase: Phase;
  sent: Change[];
  results: Array<{ ok: boolean; message?: string }>;
  error?: string;
}

export interface ExecuteHooks {
  /** Before each batch: `local: 3 roa-create`. */
  progress(provider: string, phase: Phase, count: number): void;
  /** After each batch, with how many changes it settled. */
  settled?(provider: string, phase: Phase, count: number): void;
  /** After each batch, success or not: the journal. */
  record(batch: BatchRecord): void;
  /** Waits between the creates and the deletes so relying parties see new ROAs first. */
  settle(): Promise<void>;
}

export interface ExecuteResult {
  applied: ChangeResult[];
  failed: ChangeResult[];
  /** Planned changes not attempted because an earlier phase failed. */
  skipped: number;
  error?: string;
}

/**
 * Carries out a plan phase by phase (make-before-break), one batch per provider and
 * phase, so no registry call mixes creates with deletes. Stops after a phase with any
 * failure: later phases rely on the earlier ones.
 */
export async function executePlan(plan: Plan, registries: Registries, hooks: ExecuteHooks): Promise<ExecuteResult> {
  const result: ExecuteResult = { applied: [], failed: [], skipped: 0 };
  let wroteSomething = false;
  for (const [index, phase] of PHASES.entries()) {
    const inPhase = plan.changes.filter((c) => phaseOf(c) === phase);
    if (inPhase.length === 0) continue;
    if (isDeletePhase(phase) && wroteSomething) await hooks.settle();
    for (const [provider, changes] of byProvider(inPhase)) {
      hooks.progress(provider, phase, changes.length);
      const ok = await runBatch(registries, provider, phase, changes, hooks, result);
      hooks.settled?.(provider, phase, changes.length);
      if (!ok) break;
    }
    wroteSomething ||= !isDeletePhase(phase) && result.applied.length > 0;
    if (result.failed.length || result.error) {
      result.skipped = plan.changes.filter((c) => PHASES.indexOf(phaseOf(c)) > index).length + unattempted(inPhase, result);
      break;
    }
  }
  return result;
}

async function runBatch(registries: Registries, provider: string, phase: Phase, changes: PlannedChange[], hooks: ExecuteHooks, result: ExecuteResult): Promise<boolean> {
  const sent: Change[] = changes.map((c) => ({ op: c.op, object: c.object, ...(c.before ? { before: c.before } : {}) }));
  const time = new Date().toISOString();
  try {
    const results = await applyWithRecovery(registries.providers.get(provider)!, sent, registries.scopes.get(provider)!);
    hooks.record({ time, provider, phase, sent, results: results.map((r) => ({ ok: r.ok, ...(r.message ? { message: r.message } : {}) })) });
    for (const r of results) (r.ok ? result.applied : result.failed).push(r);
    return results.every((r) => r.ok);
  } catch (err) {
    const message = (err as Error).message;
    hooks.record({ time, provider, phase, sent, results: [], error: message });
    result.error = message;
    return false;
  }
}

function unattempted(inPhase: PlannedChange[], result: ExecuteResult): number {
  const attempted = new Set([...result.applied, ...result.failed].map((r) => r.change.object));
  return result.error ? inPhase.filter((c) => !attempted.has(c.object)).length : 0;
}

function isDeletePhase(phase: Phase): boolean {
  return phase === 'route-delete' || phase === 'roa-delete';
}

function byProvider(changes: PlannedChange[]): Map<string, PlannedChange[]> {
  return groupBy(changes, (c) => c.object.provider);
}
