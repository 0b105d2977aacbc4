import type { Resolved } from '../resolve/resolved.js';
import { todayUtc } from '../model/dates.js';
import type { Provider } from '../providers/types.js';
import { loadRepository, type Repository } from '../repo/load.js';
import type { Validation } from '../rules/index.js';
import { executePlan, type ExecuteResult } from './execute.js';
import { appendJournal } from './journal.js';
import { makePlan } from './make-plan.js';
import { explainDifference, planFileBody, type PlanFile } from './plan-file.js';
import { isUnknownDelete, safetyViolations, type SafetyViolation } from './safety.js';
import type { Phase } from './order.js';
import type { Plan } from './types.js';

/** What was approved: a saved plan (with its day), or only its fingerprint (as a pull request showed it). */
export type Approved = { file: PlanFile } | { fingerprint: string };

export interface ApplyRequest {
  root: string;
  /** The day to plan for; else the saved plan's day; else today (UTC). */
  at?: string;
  approved?: Approved;
  /** Crosses the safety thresholds and deletes objects no record explains. */
  force?: boolean;
  dryRun?: boolean;
  /** Milliseconds to wait between the creates and the deletes. */
  settleMs?: number;
  /** Absolute path of the journal file. */
  journal: string;
  env: NodeJS.ProcessEnv;
  /** Further reasons to refuse, asked once the plan is made (the CLI's impact on announcements). */
  guard?: (model: Resolved, plan: Plan) => Promise<string[]>;
}

export interface ApplyHooks {
  /** The plan, before anything is refused or sent: for people to read. */
  planned?(plan: Plan, violations: SafetyViolation[]): void;
  /** Asked once there is something to apply and nothing refused it. */
  confirm(plan: Plan): Promise<boolean>;
  /** Before and after each batch: one provider, one phase. */
  stepStarted?(provider: string, phase: Phase, count: number): void;
  stepDone?(provider: string, phase: Phase, count: number): void;
  settling?(ms: number): void;
}

export type ApplyOutcome =
  | { status: 'invalid'; repo: Repository; validation: Validation }
  | { status: 'refused'; plan: Plan; reasons: string[] }
  | { status: 'nothing' | 'dry-run' | 'cancelled'; plan: Plan }
  | { status: 'applied' | 'failed'; plan: Plan; result: ExecuteResult };

/**
 * `apply` as one call: plan (with the registries locked), refuse a stale approved plan, objects
 * no record explains and crossed thresholds (each unless forced, the stale plan never), confirm,
 * then carry the plan out phase by phase with the journal and the settle wait.
 */
export async function applyRepository(request: ApplyRequest, hooks: ApplyHooks): Promise<ApplyOutcome> {
  const at = request.at ?? ('file' in (request.approved ?? {}) ? (request.approved as { file: PlanFile }).file.at : todayUtc());
  const repo = loadRepository(request.root);
  const releases: Array<() => void> = [];
  try {
    const lockHeld = (providers: Provider[]) => providers.forEach((p) => p.lock && releases.push(p.lock()));
    const { validation, plan, registries } = await makePlan(repo, at, request.env, { lockHeld });
    if (!plan || !registries) return { status: 'invalid', repo, validation };
    const violations = safetyViolations(plan, repo.config);
    hooks.planned?.(plan, violations);
    const reasons = refusals(plan, violations, request);
    if (!reasons.length) reasons.push(...((await request.guard?.(validation.model, plan)) ?? []));
    if (reasons.length) return { status: 'refused', plan, reasons };
    if (plan.changes.length === 0) return { status: 'nothing', plan };
    if (request.dryRun) return { status: 'dry-run', plan };
    if (!(await hooks.confirm(plan))) return { status: 'cancelled', plan };
    const result = await executePlan(plan, registries, {
      progress: (provider, phase, count) => hooks.stepStarted?.(provider, phase, count),
      settled: (provider, phase, count) => hooks.stepDone?.(provider, phase, count),
      record: (batch) => appendJournal(request.journal, batch),
      settle: async () => {
        const ms = request.settleMs ?? 0;
        if (ms <= 0) return;
        hooks.settling?.(ms);
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    return { status: result.failed.length || result.error ? 'failed' : 'applied', plan, result };
  } finally {
    for (const release of releases.reverse()) release();
  }
}

/** Reasons not to go on: a stale approved plan; deletes nobody explains and crossed thresholds without --force. */
function refusals(plan: Plan, violations: SafetyViolation[], request: ApplyRequest): string[] {
  const approved = request.approved;
  const fingerprint = approved && ('file' in approved ? approved.file.fingerprint : approved.fingerprint);
  if (fingerprint && fingerprint !== plan.fingerprint) {
    const details = approved && 'file' in approved ? explainDifference(approved.file, planFileBody(plan)) : [];
    return [`the plan changed since it was approved (approved ${fingerprint}, now ${plan.fingerprint})`, ...details, 'run plan again and have the new plan reviewed'];
  }
  if (request.force) return [];
  const reasons: string[] = [];
  const unknown = plan.changes.filter(isUnknownDelete);
  if (unknown.length) {
    reasons.push(
      `${unknown.length} object(s) that no record explains would be deleted (${unknown.slice(0, 5).map((c) => `${c.object.provider} ${c.object.type} ${c.object.prefix}`).join(', ')}${unknown.length > 5 ? ', …' : ''})`,
      "run 'leasekit import' to draft records for what the registries already hold, or pass --force to delete them",
    );
  }
  if (violations.length) reasons.push(...violations.map((v) => `${v.provider}: ${v.message}`), 'pass --force if this is intended');
  return reasons;
}
