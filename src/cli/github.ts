import fs from 'node:fs';
import path from 'node:path';
import { verifiedArtifact, writeArtifact, type PlanArtifact } from '../github/artifact.js';
import { APPLY_COMMENT, approvedPlanOf, mergedPullFor, refusalBody } from '../github/apply-gate.js';
import { annotationOf, checkSummary, publishCheckRun } from '../github/check-run.js';
import { clientFromEnv, type Github } from '../github/client.js';
import { findPullConflicts, type PullConflict } from '../github/conflicts.js';
import { checkedSha, optionalText, pullRequestOf, readContext, type GithubContext, type PullRequestRef } from '../github/context.js';
import { PLAN_COMMENT, planCommentBody } from '../github/plan-comment.js';
import { DEFAULT_AUTHOR, upsertSticky, type StickyResult } from '../github/sticky-comment.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { makePlan } from '../plan/make-plan.js';
import { safetyViolations, type SafetyViolation } from '../plan/safety.js';
import type { Plan } from '../plan/types.js';
import { loadRepository, type Repository } from '../repo/load.js';
import { conflictsMarkdown } from '../render/conflicts-markdown.js';
import { validate } from '../rules/index.js';
import { diagnosticsGithub, diagnosticsJson, diagnosticsText } from '../render/diagnostics.js';
import { runApply } from './apply.js';
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
  summary: "on a push to main: apply the merged pull request's approved plan, or refuse",
  flags: { ...REPO_FLAGS, author: AUTHOR_FLAG },
  env: GITHUB_ENV,
  examples: ['leasekit github apply'],
  exitCodes: { 1: 'refused (no approved plan, or the plan changed since approval) or a registry refusal' },
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
    const body = planCommentBody({ ...artifact, trusted: false });
    return reportSticky(io, artifact.pullRequest, await upsertSticky(github, { repo: ctx.repo, issueNumber: artifact.pullRequest, name: PLAN_COMMENT, author }, body));
  }
  const pr = pullRequestOr(ctx, io, 'comment');
  if (!pr) return 0;
  if (pr.fromFork) return skip(io, "a fork's pull request: its token cannot comment; the workflow_run job posts its plan");
  const github = client(io);
  const at = dayFlag(flags);
  const planned = await planFor(repoRoot(flags, io), at, io.env);
  const conflicts = flags.conflicts ? await findPullConflicts(github, ctx.repo, pr, planned.repo) : [];
  const body = planCommentBody({ at, plan: planned.plan, diagnostics: planned.diagnostics, violations: planned.violations, conflicts, trusted: true });
  return reportSticky(io, pr.number, await upsertSticky(github, { repo: ctx.repo, issueNumber: pr.number, name: PLAN_COMMENT, author }, body));
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
  const run = await publishCheckRun(github, { repo: ctx.repo, headSha: source.headSha, conclusion, title, summary, annotations });
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
  const after = ctx.event.after;
  const sha = after === undefined || after === null ? (ctx.sha ?? '') : (optionalText(after) ?? '');
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new UsageError('no pushed commit: run on a push event (GITHUB_SHA)');
  const github = client(io);
  const root = repoRoot(flags, io);
  const pull = await mergedPullFor(github, ctx.repo, sha);
  const approved = pull && (await approvedPlanOf(github, ctx.repo, pull.number, stringFlag(flags, 'author') ?? DEFAULT_AUTHOR));
  if (!approved) {
    const why = pull
      ? `pull request #${pull.number} has no plan comment from this repository's workflow with a fingerprint (a fork's plan is not trusted)`
      : `no merged pull request made ${sha.slice(0, 12)}: a direct push has no reviewed plan`;
    return refuseUnlessNothingToDo(github, ctx, flags, io, root, sha, pull?.number, why);
  }
  io.stderr(`leasekit: applying the plan shown in #${pull.number}: ${approved.fingerprint} for ${approved.at}\n`);
  const at = stringFlag(flags, 'at') ?? approved.at;
  const said = { stdout: [] as string[], stderr: [] as string[] };
  const tee: Io = { ...io, stdout: (s) => (said.stdout.push(s), io.stdout(s)), stderr: (s) => (said.stderr.push(s), io.stderr(s)) };
  const code = await runApply({ positional: [], flags: { repo: root, at, fingerprint: approved.fingerprint, yes: true } }, tee);
  if (code !== 0) await commentRefusal(github, ctx, pull.number, sha, said.stderr.join('').split('\n').filter(Boolean), said.stdout.join(''));
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

// ---- artifact and summary -------------------------------------------------------------------

async function runArtifact(flags: Flags, io: Io): Promise<number> {
  const out = stringFlag(flags, 'out');
  if (!out) throw new UsageError('github artifact needs --out DIR');
  const ctx = readContext(io.env);
  const pr = pullRequestOr(ctx, io, 'artifact');
  if (!pr) return 0;
  const at = dayFlag(flags);
  const planned = await planFor(repoRoot(flags, io), at, io.env);
  const conflicts = flags.conflicts ? await findPullConflicts(client(io), ctx.repo, pr, planned.repo) : [];
  const artifact: PlanArtifact = {
    version: 1,
    pullRequest: pr.number,
    headSha: pr.headSha,
    at,
    records: planned.repo.records.length,
    ...(planned.plan ? { plan: planned.plan } : {}),
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
  const planned = await planFor(repoRoot(flags, io), at, io.env);
  const pr = pullRequestOf(ctx);
  const conflicts = flags.conflicts && pr && !pr.fromFork ? await findPullConflicts(client(io), ctx.repo, pr, planned.repo) : [];
  const body = planCommentBody({ at, plan: planned.plan, diagnostics: planned.diagnostics, violations: planned.violations, conflicts, trusted: false }).replace(/^(<!--.*-->\n)+/, '');
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
}

async function planFor(root: string, at: string, env: NodeJS.ProcessEnv, options: { validateOnly?: boolean } = {}): Promise<Planned> {
  const repo = loadRepository(root);
  if (options.validateOnly) {
    return { repo, diagnostics: validate(repo, at).diagnostics, violations: [] };
  }
  const { validation, plan } = await makePlan(repo, at, env);
  return { repo, diagnostics: validation.diagnostics, plan, violations: plan ? safetyViolations(plan, repo.config) : [] };
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
