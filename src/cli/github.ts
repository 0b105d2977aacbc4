import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACT_BOUNDS, verifiedArtifact, writeArtifact, type PlanArtifact } from '../github/artifact.js';
import { APPLY_COMMENT, refusalBody } from '../github/apply-gate.js';
import { appSlugOf, approvalOf, mergedPullFor, publishApproval } from '../github/approval.js';
import { annotationOf, checkSummary, publishCheckRun } from '../github/check-run.js';
import { clientFromEnv, type Github } from '../github/client.js';
import { changesConfig } from '../github/config-change.js';
import { findPullConflicts, leasesChangedBy, type PullConflict } from '../github/conflicts.js';
import { timelineOf } from '../github/timeline.js';
import { addDays } from '../model/dates.js';
import { checkedSha, optionalText, pullRequestOf, readContext, type GithubContext, type PullRequestRef } from '../github/context.js';
import { COMMENT_HORIZON_DAYS, PLAN_COMMENT, planCommentBody } from '../github/plan-comment.js';
import { isScheduledEvent, notOnDefaultBranch, scheduledApply } from '../reconcile/scheduled-apply.js';
import { DEFAULT_AUTHOR, upsertSticky, type StickyResult } from '../github/sticky-comment.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { makePlan } from '../plan/make-plan.js';
import { planFileBody, planFromFile } from '../plan/plan-file.js';
import { impactOf, impactSources } from '../audit/plan-impact.js';
import type { ImpactEntry } from '../audit/impact.js';
import { safetyViolations, type SafetyViolation } from '../plan/safety.js';
import type { Plan } from '../plan/types.js';
import { loadRepository, type Repository } from '../repo/load.js';
import { conflictsMarkdown } from '../render/conflicts-markdown.js';
import { planText } from '../render/plan-text.js';
import { Progress } from '../render/progress.js';
import { validate } from '../rules/index.js';
import { diagnosticsGithub, diagnosticsJson, diagnosticsText } from '../render/diagnostics.js';
import { DEFAULT_JOURNAL, report as reportApply, runApply } from './apply.js';
import { UsageError } from '../errors.js';
import { stringFlag, type CommandSpec, type FlagDef, type Flags } from './command.js';
import { REPO_FLAGS, dayFlag, formatFlag, formatFlagDef, repoRoot, type Io } from './common.js';

const SUMMARY_LIMIT = 1024 * 1024; // GitHub keeps at most 1 MiB of one step's summary

const AUTHOR_FLAG: FlagDef = { type: 'string', value: 'LOGIN', description: "the bot whose comments leasekit owns", default: DEFAULT_AUTHOR };
const CONFLICTS_FLAG: FlagDef = { type: 'boolean', description: 'also list overlaps with the leases of other open pull requests' };
const ARTIFACT_FLAG: FlagDef = { type: 'string', value: 'FILE', description: "a fork's plan artifact to publish (workflow_run job), instead of planning the checkout" };
const GITHUB_ENV = {
  GITHUB_TOKEN: 'token for the GitHub API (never printed)',
  GITHUB_REPOSITORY: 'owner/repo',
  GITHUB_EVENT_NAME: 'the event that started the workflow',
  GITHUB_EVENT_PATH: "the event payload file (the pull request's number and head)",
  GITHUB_SHA: 'the commit checked out',
  GITHUB_API_URL: 'the API root (default https://api.github.com)',
};

const commentCommand: CommandSpec = {
  name: 'comment',
  summary: 'keep one sticky plan comment on the pull request',
  flags: { ...REPO_FLAGS, author: AUTHOR_FLAG, conflicts: CONFLICTS_FLAG, artifact: ARTIFACT_FLAG },
  env: GITHUB_ENV,
  examples: ['leasekit github comment --conflicts'],
  run: ({ flags }, io) => runComment(flags, io),
};

const checkCommand: CommandSpec = {
  name: 'check',
  summary: "publish the 'leasekit' check run with annotations at file and line",
  flags: { ...REPO_FLAGS, conflicts: CONFLICTS_FLAG, artifact: ARTIFACT_FLAG },
  env: GITHUB_ENV,
  examples: ['leasekit github check --conflicts'],
  run: ({ flags }, io) => runCheck(flags, io),
};

const conflictsCommand: CommandSpec = {
  name: 'conflicts',
  summary: 'overlaps with the leases of other open pull requests',
  flags: { ...REPO_FLAGS, format: formatFlagDef(['text', 'json', 'github'], 'text') },
  env: GITHUB_ENV,
  examples: ['leasekit github conflicts --format json'],
  exitCodes: { 1: 'an overlap with another open pull request' },
  run: ({ flags }, io) => runConflicts(flags, io),
};

const applyGateCommand: CommandSpec = {
  name: 'apply',
  summary: "on a push to main: apply the merged pull request's approved plan, or refuse; on schedule or workflow_dispatch: apply main's plan for the day",
  description:
    "On a push to main: finds the pull request merged as that commit and applies the plan its comment showed, or refuses.\n" +
    "On schedule or workflow_dispatch: applies main's plan for the day (leases start and end on their days), within the\n" +
    'safety thresholds and never forced; a refusal or failure opens or updates one issue, which the next good run closes.',
  flags: { ...REPO_FLAGS, author: AUTHOR_FLAG },
  env: GITHUB_ENV,
  examples: ['leasekit github apply'],
  exitCodes: { 1: 'refused (no approved plan, the plan changed since approval, thresholds, unknown objects) or a registry refusal' },
  run: ({ flags }, io) => runApplyGate(flags, io),
};

const artifactCommand: CommandSpec = {
  name: 'artifact',
  summary: "write a fork's plan as data for the workflow_run job",
  flags: { ...REPO_FLAGS, out: { type: 'string', value: 'DIR', description: 'folder to write the artifact into (required)' }, conflicts: CONFLICTS_FLAG },
  env: GITHUB_ENV,
  examples: ['leasekit github artifact --out plan-artifact'],
  run: ({ flags }, io) => runArtifact(flags, io),
};

const summaryCommand: CommandSpec = {
  name: 'summary',
  summary: 'write the plan into the job summary ($GITHUB_STEP_SUMMARY)',
  flags: { ...REPO_FLAGS, conflicts: CONFLICTS_FLAG },
  env: { ...GITHUB_ENV, GITHUB_STEP_SUMMARY: 'the file the job summary is appended to' },
  examples: ['leasekit github summary'],
  run: ({ flags }, io) => runSummary(flags, io),
};

/** `leasekit github <subcommand>`: the pull-request gate, run inside GitHub Actions. */
export const githubCommand: CommandSpec = {
  name: 'github',
  summary: 'the pull-request gate, run inside GitHub Actions (reads GITHUB_* variables and the event file)',
  description:
    'The pull-request gate, run inside GitHub Actions: it reads the GITHUB_* variables and the event file.\n' +
    "GitHub API failures exit 2 with GitHub's answer, never the token.",
  subcommands: [commentCommand, checkCommand, conflictsCommand, applyGateCommand, artifactCommand, summaryCommand],
};

// ---- comment --------------------------------------------------------------------------------

async function runComment(flags: Flags, io: Io): Promise<number> {
  const ctx = readContext(io.env);
  const author = stringFlag(flags, 'author') ?? DEFAULT_AUTHOR;
  const artifactFile = stringFlag(flags, 'artifact');
  if (artifactFile) {
    const github = client(io);
    const artifact = await verifiedArtifact(github, ctx, path.resolve(io.cwd, artifactFile));
    const plan = artifact.plan && planFromFile(artifact.plan);
    const body = planCommentBody({ ...artifact, plan, horizon: artifact.plan?.horizon, trusted: false, configChanged: await changesConfig(github, ctx.repo, artifact.pullRequest) });
    const target = { repo: ctx.repo, issueNumber: artifact.pullRequest, name: PLAN_COMMENT, author, maxParts: ARTIFACT_BOUNDS.commentParts };
    return reportSticky(io, artifact.pullRequest, await upsertSticky(github, target, body));
  }
  const pr = pullRequestOr(ctx, io, 'comment');
  if (!pr) return 0;
  if (pr.fromFork) return skip(io, "a fork's pull request: its token cannot comment; the workflow_run job posts its plan");
  const github = client(io);
  const at = dayFlag(flags);
  const planned = await planFor(repoRoot(flags, io), at, io.env, { horizonDays: COMMENT_HORIZON_DAYS });
  const conflicts = flags.conflicts ? await findPullConflicts(github, ctx.repo, pr, planned.repo) : [];
  const gantt = planned.plan ? timelineOf(planned.repo, await leasesChangedBy(github, ctx.repo, pr, planned.repo), addDays(at, COMMENT_HORIZON_DAYS)) : [];
  const configChanged = await changesConfig(github, ctx.repo, pr.number);
  const body = planCommentBody({ at, plan: planned.plan, diagnostics: planned.diagnostics, violations: planned.violations, conflicts, horizon: COMMENT_HORIZON_DAYS, gantt, impact: planned.impact, trusted: true, configChanged });
  const code = reportSticky(io, pr.number, await upsertSticky(github, { repo: ctx.repo, issueNumber: pr.number, name: PLAN_COMMENT, author }, body));
  // the approval record: structured data on a check run, what the apply job reads (never the comment)
  if (planned.plan && ctx.sha) {
    await publishApproval(github, ctx.repo, { at: planned.plan.at, fingerprint: planned.plan.fingerprint, pull: pr.number, head: pr.headSha, base: pr.baseSha, merge: ctx.sha, fork: false });
    io.stdout(`leasekit: approval record for #${pr.number} at ${pr.headSha.slice(0, 12)}: ${planned.plan.fingerprint}\n`);
  }
  return code;
}

function reportSticky(io: Io, number: number, r: StickyResult): number {
  io.stdout(`leasekit: plan comment on #${number}: ${r.ids.length} part(s); ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.deleted} deleted\n`);
  return 0;
}

// ---- check ----------------------------------------------------------------------------------

async function runCheck(flags: Flags, io: Io): Promise<number> {
  const ctx = readContext(io.env);
  const github = client(io);
  const artifactFile = stringFlag(flags, 'artifact');
  const source = artifactFile ? await fromArtifact(github, ctx, path.resolve(io.cwd, artifactFile)) : await fromCheckout(github, ctx, flags, io);
  const errors = source.diagnostics.filter((d) => d.severity === 'error').length;
  const conclusion = errors ? 'failure' : 'success';
  // overlaps with other pull requests are shown, but only this repository's own findings decide
  const annotations = [...source.diagnostics.map(annotationOf), ...source.conflicts.map((c) => ({ ...annotationOf(c.diagnostic), annotation_level: 'warning' as const }))];
  const title = errors ? `${errors} validation error(s)` : `valid: ${source.records} record(s)`;
  const summary = checkSummary(source.diagnostics, source.records, conflictsMarkdown(source.conflicts));
  const maxAnnotations = artifactFile ? ARTIFACT_BOUNDS.annotations : undefined;
  const run = await publishCheckRun(github, { repo: ctx.repo, headSha: source.headSha, conclusion, title, summary, annotations, maxAnnotations });
  io.stdout(`leasekit: check run leasekit on ${source.headSha.slice(0, 12)}: ${conclusion}, ${annotations.length} annotation(s) in ${run.requests} request(s)\n`);
  return 0;
}

interface CheckSource {
  headSha: string;
  records: number;
  diagnostics: Diagnostic[];
  conflicts: PullConflict[] | PlanArtifact['conflicts'];
}

async function fromCheckout(github: Github, ctx: GithubContext, flags: Flags, io: Io): Promise<CheckSource> {
  const headSha = checkedSha(ctx);
  if (!headSha) throw new UsageError('no commit to check: run on a pull_request, merge_group or push event, or set GITHUB_SHA');
  const planned = await planFor(repoRoot(flags, io), dayFlag(flags), io.env, { validateOnly: true });
  const pr = pullRequestOf(ctx);
  const conflicts = flags.conflicts && pr ? await findPullConflicts(github, ctx.repo, pr, planned.repo) : [];
  return { headSha, records: planned.repo.records.length, diagnostics: planned.diagnostics, conflicts };
}

async function fromArtifact(github: Github, ctx: GithubContext, file: string): Promise<CheckSource> {
  const artifact = await verifiedArtifact(github, ctx, file);
  return { headSha: artifact.headSha, records: artifact.records, diagnostics: artifact.diagnostics, conflicts: artifact.conflicts };
}

// ---- conflicts ------------------------------------------------------------------------------

const RENDER = { text: diagnosticsText, json: diagnosticsJson, github: diagnosticsGithub };

async function runConflicts(flags: Flags, io: Io): Promise<number> {
  const format = formatFlag(flags, io, ['text', 'json', 'github'] as const, 'text');
  const ctx = readContext(io.env);
  const pr = pullRequestOr(ctx, io, 'conflicts');
  if (!pr) return 0;
  const repo = loadRepository(repoRoot(flags, io));
  const conflicts = await findPullConflicts(client(io), ctx.repo, pr, repo);
  const diagnostics = conflicts.map((c) => c.diagnostic);
  io.stdout(RENDER[format]({ ok: diagnostics.length === 0, records: repo.records.length, errors: diagnostics.length, warnings: 0, diagnostics }));
  return diagnostics.length ? 1 : 0;
}

// ---- apply gate -----------------------------------------------------------------------------

/**
 * On a push to the default branch: find the pull request merged as GITHUB_SHA, read the plan
 * fingerprint its plan comment showed, and apply only if re-planning gives the same one. A
 * refusal fails the job and says why on that pull request.
 */
async function runApplyGate(flags: Flags, io: Io): Promise<number> {
  const ctx = readContext(io.env);
  if (isScheduledEvent(ctx.eventName)) return runScheduledApply(ctx, flags, io);
  const after = ctx.event.after;
  const sha = after === undefined || after === null ? (ctx.sha ?? '') : (optionalText(after) ?? '');
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new UsageError('no pushed commit: run on a push event (GITHUB_SHA)');
  const github = client(io);
  const root = repoRoot(flags, io);
  const pull = await mergedPullFor(github, ctx.repo, sha);
  const lookup = pull ? await approvalOf(github, ctx.repo, pull, appSlugOf(stringFlag(flags, 'author') ?? DEFAULT_AUTHOR)) : undefined;
  const approved = lookup && 'approval' in lookup ? lookup.approval : undefined;
  if (!approved) {
    const why = lookup && 'refusal' in lookup ? lookup.refusal : `no merged pull request made ${sha.slice(0, 12)}: a direct push has no reviewed plan`;
    return refuseUnlessNothingToDo(github, ctx, flags, io, root, sha, pull?.number, why);
  }
  io.stderr(`leasekit: applying the plan shown in #${pull!.number}: ${approved.fingerprint} for ${approved.at}\n`);
  const at = stringFlag(flags, 'at') ?? approved.at;
  const said = { stdout: [] as string[], stderr: [] as string[] };
  const tee: Io = { ...io, stdout: (s) => (said.stdout.push(s), io.stdout(s)), stderr: (s) => (said.stderr.push(s), io.stderr(s)) };
  const code = await runApply({ positional: [], flags: { repo: root, at, fingerprint: approved.fingerprint, yes: true } }, tee);
  if (code !== 0) await commentRefusal(github, ctx, pull!.number, sha, said.stderr.join('').split('\n').filter(Boolean), said.stdout.join(''));
  return code;
}

async function refuseUnlessNothingToDo(github: Github, ctx: GithubContext, flags: Flags, io: Io, root: string, sha: string, pull: number | undefined, why: string): Promise<number> {
  const planned = await planFor(root, dayFlag(flags), io.env);
  if (planned.plan && planned.plan.changes.length === 0) {
    io.stdout(`leasekit: nothing to apply (${why})\n`);
    return 0;
  }
  const reasons = planned.plan ? [why, `the plan now has ${planned.plan.changes.length} change(s); nothing was applied`] : [why, 'the records do not validate'];
  io.stderr(`leasekit: apply refused:\n${reasons.map((r) => `  - ${r}`).join('\n')}\n`);
  if (pull !== undefined) await commentRefusal(github, ctx, pull, sha, reasons);
  return 1;
}

async function commentRefusal(github: Github, ctx: GithubContext, pull: number, sha: string, reasons: string[], planNow = ''): Promise<void> {
  await upsertSticky(github, { repo: ctx.repo, issueNumber: pull, name: APPLY_COMMENT, author: DEFAULT_AUTHOR }, refusalBody(sha, reasons, planNow));
}

/** On `schedule` and `workflow_dispatch`: the default branch's plan for the day (docs/time.md). */
async function runScheduledApply(ctx: GithubContext, flags: Flags, io: Io): Promise<number> {
  const wrongBranch = notOnDefaultBranch(ctx, io.env);
  if (wrongBranch) throw new UsageError(wrongBranch);
  const root = repoRoot(flags, io);
  const at = dayFlag(flags);
  const journal = path.resolve(root, DEFAULT_JOURNAL);
  io.stderr(`leasekit: ${ctx.eventName}: applying the default branch's plan for ${at}\n`);
  const progress = new Progress(0, io.stderr, false);
  const done = await scheduledApply(client(io), ctx, stringFlag(flags, 'author') ?? DEFAULT_AUTHOR, { root, at, journal, env: io.env }, {
    planned: (plan, violations) => io.stdout(planText(plan, { violations })),
    stepStarted: (provider, phase, count) => progress.start(provider, phase, count),
    stepDone: (provider, phase, count) => progress.advance(provider, phase, count),
  });
  const code = reportApply(done.outcome, io, path.relative(root, journal));
  if (done.issue) io.stdout(`leasekit: apply failure issue: ${done.issue}\n`);
  return code;
}

// ---- artifact and summary -------------------------------------------------------------------

async function runArtifact(flags: Flags, io: Io): Promise<number> {
  const out = stringFlag(flags, 'out');
  if (!out) throw new UsageError('github artifact needs --out DIR');
  const ctx = readContext(io.env);
  const pr = pullRequestOr(ctx, io, 'artifact');
  if (!pr) return 0;
  const at = dayFlag(flags);
  const planned = await planFor(repoRoot(flags, io), at, io.env, { horizonDays: COMMENT_HORIZON_DAYS });
  const conflicts = flags.conflicts ? await findPullConflicts(client(io), ctx.repo, pr, planned.repo) : [];
  const artifact: PlanArtifact = {
    version: 1,
    pullRequest: pr.number,
    headSha: pr.headSha,
    at,
    records: planned.repo.records.length,
    ...(planned.plan ? { plan: planFileBody(planned.plan, { violations: planned.violations, horizon: COMMENT_HORIZON_DAYS }) } : {}),
    diagnostics: planned.diagnostics,
    violations: planned.violations,
    conflicts: conflicts.map((c) => ({ diagnostic: c.diagnostic, pull: c.pull })),
  };
  io.stdout(`leasekit: wrote ${path.relative(io.cwd, writeArtifact(path.resolve(io.cwd, out), artifact))}\n`);
  return 0;
}

async function runSummary(flags: Flags, io: Io): Promise<number> {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) throw new UsageError('GITHUB_STEP_SUMMARY is not set: run this inside a GitHub Actions step');
  const ctx = readContext(io.env);
  const at = dayFlag(flags);
  const planned = await planFor(repoRoot(flags, io), at, io.env, { horizonDays: COMMENT_HORIZON_DAYS });
  const pr = pullRequestOf(ctx);
  const conflicts = flags.conflicts && pr && !pr.fromFork ? await findPullConflicts(client(io), ctx.repo, pr, planned.repo) : [];
  const body = planCommentBody({ at, plan: planned.plan, diagnostics: planned.diagnostics, violations: planned.violations, conflicts, horizon: COMMENT_HORIZON_DAYS, trusted: false }).replace(/^(<!--.*-->\n)+/, '');
  const fits = Buffer.byteLength(body, 'utf8') <= SUMMARY_LIMIT - 1024;
  fs.appendFileSync(file, fits ? body : `${Buffer.from(body).subarray(0, SUMMARY_LIMIT - 1024).toString('utf8')}\n\n… cut at GitHub's 1 MiB summary limit: see the pull-request comment.\n`);
  return 0;
}

// ---- shared ---------------------------------------------------------------------------------

interface Planned {
  repo: Repository;
  diagnostics: Diagnostic[];
  plan?: Plan;
  violations: SafetyViolation[];
  impact?: ImpactEntry[];
}

async function planFor(root: string, at: string, env: NodeJS.ProcessEnv, options: { validateOnly?: boolean; horizonDays?: number } = {}): Promise<Planned> {
  const repo = loadRepository(root);
  if (options.validateOnly) {
    return { repo, diagnostics: validate(repo, at).diagnostics, violations: [] };
  }
  const { validation, plan } = await makePlan(repo, at, env, { horizonDays: options.horizonDays });
  // the impact on the announcements leasekit.yaml's audit.routes names, once the workflow fetched them
  const sources = plan && impactSources(validation.model, { routes: [] }, root, () => undefined);
  const impact = plan && sources ? await impactOf(validation.model, plan, sources, env) : undefined;
  return { repo, diagnostics: validation.diagnostics, plan, violations: plan ? safetyViolations(plan, repo.config) : [], impact };
}

function client(io: Io): Github {
  return clientFromEnv(io.env, (line) => io.stderr(`leasekit: ${line}\n`));
}

function pullRequestOr(ctx: GithubContext, io: Io, what: string): PullRequestRef | undefined {
  const pr = pullRequestOf(ctx);
  if (!pr) skip(io, `github ${what} acts on pull_request events; this is '${ctx.eventName || 'unknown'}'`);
  return pr;
}

function skip(io: Io, why: string): number {
  io.stdout(`leasekit: nothing to do: ${why}\n`);
  return 0;
}
