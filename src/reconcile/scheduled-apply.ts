import { applyRepository, type ApplyHooks, type ApplyOutcome, type ApplyRequest } from '../plan/apply.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { planText } from '../render/plan-text.js';
import { reportApplyFailure, resolveApplyFailure } from './apply-failure-issue.js';
import type { Github } from '../github/client.js';
import type { GithubContext } from '../github/context.js';

/** Events on which `github apply` applies the default branch's plan for the day, with no pull request to approve it. */
export const SCHEDULED_EVENTS = ['schedule', 'workflow_dispatch'] as const;

export function isScheduledEvent(eventName: string): boolean {
  return (SCHEDULED_EVENTS as readonly string[]).includes(eventName);
}

/**
 * A dispatched run may name any branch; only the default branch holds approved records.
 * Returns why not, or undefined when the run is on the default branch (schedules always are).
 */
export function notOnDefaultBranch(ctx: GithubContext, env: NodeJS.ProcessEnv): string | undefined {
  const ref = typeof ctx.event.ref === 'string' ? ctx.event.ref : (env.GITHUB_REF ?? '');
  const defaultBranch = ctx.event.repository?.default_branch;
  if (!ref || typeof defaultBranch !== 'string' || ref === `refs/heads/${defaultBranch}`) return undefined;
  return `this ${ctx.eventName} run is on ${ref}, not on the default branch ${defaultBranch}: only the default branch's records were approved`;
}

export interface ScheduledApply {
  at: string;
  outcome: ApplyOutcome;
  /** What happened to the failure issue, if anything. */
  issue?: string;
}

/**
 * The daily apply (docs/time.md): the records on the default branch were approved when they
 * merged, and the dates in them are what was approved, so the day's plan is applied without a
 * fingerprint, under the same thresholds (never forced) and journal as any apply. A refusal or
 * failure opens or updates the one failure issue; a run that goes through closes it.
 */
export async function scheduledApply(github: Github, ctx: GithubContext, author: string, request: Omit<ApplyRequest, 'approved' | 'force' | 'dryRun'> & { at: string }, hooks: Omit<ApplyHooks, 'confirm'>): Promise<ScheduledApply> {
  let shown = '';
  const outcome = await applyRepository(request, {
    ...hooks,
    planned: (plan, violations) => {
      shown = planText(plan, { violations });
      hooks.planned?.(plan, violations);
    },
    confirm: async () => true,
  });
  const reasons = failureReasons(outcome);
  const runUrl = runUrlOf(ctx, request.env);
  const issue = reasons.length
    ? await reportApplyFailure(github, ctx.repo, author, { day: request.at, reasons, planText: shown, runUrl })
    : await resolveApplyFailure(github, ctx.repo, author, request.at);
  return { at: request.at, outcome, issue };
}

function failureReasons(outcome: ApplyOutcome): string[] {
  switch (outcome.status) {
    case 'invalid':
      return ['the records on the default branch do not validate:', diagnosticsText(validationReport(outcome.validation, outcome.repo.records.length)).trim()];
    case 'refused':
      return ['apply refused:', ...outcome.reasons.map((r) => `  - ${r}`)];
    case 'failed': {
      const { result } = outcome;
      return [
        `apply stopped: ${result.failed.length} change(s) refused by the registries, ${result.skipped} not attempted, ${result.applied.length} applied`,
        ...result.failed.map((f) => `  - ${f.change.op} ${f.change.object.provider} ${f.change.object.type} ${f.change.object.prefix}: ${f.message ?? 'refused'}`),
        ...(result.error ? [`  - ${result.error}`] : []),
      ];
    }
    default:
      return [];
  }
}

function runUrlOf(ctx: GithubContext, env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL;
  const run = env.GITHUB_RUN_ID;
  return server && run && /^\d+$/.test(run) ? `${server}/${ctx.repo.owner}/${ctx.repo.repo}/actions/runs/${run}` : undefined;
}
