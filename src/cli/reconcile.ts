import { baseBranch, targetRepo } from '../github/target-repo.js';
import { REMOTE, fetchBranch } from '../git/branch-commit.js';
import { openGit, type GitSession } from '../git/git-client.js';
import { clientFromEnv } from '../github/client.js';
import { DEFAULT_AUTHOR } from '../github/sticky-comment.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { makePlan } from '../plan/make-plan.js';
import type { Plan } from '../plan/types.js';
import { driftReport } from '../reconcile/drift.js';
import { reconcileDriftIssue } from '../reconcile/drift-issue.js';
import { dueExpiries } from '../reconcile/expiries.js';
import { closeUnwanted, reconcilePull, type PullContext } from '../reconcile/proposal-pulls.js';
import { EXPIRE_PREFIX, RENEW_PREFIX, expiryProposal, renewalProposal, type PullProposal } from '../reconcile/pull-specs.js';
import { dueRenewals } from '../reconcile/renewals.js';
import { loadRepository } from '../repo/load.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { UsageError } from '../errors.js';
import { stringFlag, type CommandSpec, type Flags, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, repoRoot, type Io } from './common.js';


export const reconcileCommand: CommandSpec = {
  name: 'reconcile',
  summary: 'keep the repository true, run daily: a drift issue, renewal pull requests, an expiry pull request',
  description:
    'Run daily by .github/workflows/reconcile.yml: one issue describing registry drift (updated, and closed once\n' +
    'the registries match again), one pull request per contract due for automatic renewal, and one pull request\n' +
    'removing leases past their quarantine. A second run updates what the first opened; it never duplicates.',
  flags: {
    ...REPO_FLAGS,
    base: { type: 'string', value: 'BRANCH', description: 'the branch pull requests target', default: "the repository's default branch" },
    author: { type: 'string', value: 'LOGIN', description: 'the bot whose issues and pull requests leasekit owns', default: 'github-actions[bot]' },
    'dry-run': { type: 'boolean', description: 'say what would be opened or updated, and change nothing' },
  },
  env: {
    GITHUB_TOKEN: 'token for the GitHub API (never printed); a GitHub App token so that its pull requests start workflows',
    GITHUB_REPOSITORY: 'owner/repo (default: from the origin remote)',
  },
  examples: ['leasekit reconcile --dry-run', 'leasekit reconcile --base main'],
  exitCodes: { 1: 'the records do not validate' },
  run: runReconcile,
};

interface Findings {
  at: string;
  plan: Plan;
  diagnostics: Diagnostic[];
  proposals: PullProposal[];
}

/** `leasekit reconcile`: exit 0 done (whatever it opened), 1 the records do not validate, 2 usage or GitHub/git failure. */
export async function runReconcile({ flags }: ParsedArgs, io: Io): Promise<number> {
  const root = repoRoot(flags, io);
  const at = dayFlag(flags);
  const repo = loadRepository(root);
  const planned = await makePlan(repo, at, io.env);
  if (!planned.plan) {
    io.stderr('leasekit: reconcile needs records that validate; fix these first\n');
    io.stdout(diagnosticsText(validationReport(planned.validation, repo.records.length)));
    return 1;
  }
  const model = planned.validation.model;
  const expiry = dueExpiries(model, at);
  const findings: Findings = {
    at,
    plan: planned.plan,
    diagnostics: planned.validation.diagnostics,
    proposals: [...dueRenewals(model, at).map(renewalProposal), ...(expiry ? [expiryProposal(expiry)] : [])],
  };
  if (flags['dry-run']) return showDryRun(findings, io);
  await act(findings, root, flags, io);
  return 0;
}

function showDryRun(findings: Findings, io: Io): number {
  const changes = findings.plan.changes.length;
  const lines = [changes ? `drift: ${changes} change(s) (would open or update one issue)` : 'drift: none'];
  for (const p of findings.proposals) lines.push(`${p.kind}: would open or update a pull request from ${p.branch} changing ${Object.keys(p.changes).join(', ')}`);
  if (findings.proposals.length === 0) lines.push('renewals and expiries: none due');
  io.stdout(lines.map((l) => `leasekit: ${l}\n`).join(''));
  return 0;
}

/** Does what the findings call for, reporting each step as it is done (a failure midway keeps what was said). */
async function act(findings: Findings, root: string, flags: Flags, io: Io): Promise<void> {
  const say = (line: string) => io.stdout(`leasekit: ${line}\n`);
  const github = clientFromEnv(io.env, (line) => io.stderr(`leasekit: ${line}\n`));
  const git = await openGit(root, io.env);
  const origin = (await git.at(root).remote(['get-url', REMOTE]).catch(() => undefined))?.trim();
  const repo = targetRepo(io.env, origin);
  const base = await baseBranch(github, repo, stringFlag(flags, 'base'));
  await assertAtBase(git, root, base);
  const author = stringFlag(flags, 'author') ?? DEFAULT_AUTHOR;
  const ctx: PullContext = { github, repo, git, root, base, author };
  const drift = driftReport(findings.plan, findings.diagnostics, base);
  say(await reconcileDriftIssue(github, repo, author, drift, findings.at));
  for (const proposal of findings.proposals) say(await reconcilePull(ctx, proposal));
  const wanted = new Set(findings.proposals.map((p) => p.branch));
  for (const prefix of [RENEW_PREFIX, EXPIRE_PREFIX]) for (const line of await closeUnwanted(ctx, prefix, wanted, findings.at)) say(line);
}

/**
 * Renewal and expiry edits rewrite whole files from the checkout's text: the checkout must be
 * origin's base, unmodified, or the pull requests would undo whatever it lacks.
 */
async function assertAtBase(git: GitSession, root: string, base: string): Promise<void> {
  const tree = git.at(root);
  const baseSha = await fetchBranch(tree, base);
  const head = (await tree.revparse(['HEAD'])).trim();
  if (head !== baseSha) throw new UsageError(`the checkout at ${root} is not ${REMOTE}/${base} (${baseSha?.slice(0, 12) ?? 'missing'}): check it out first`);
  const dirty = (await tree.raw(['status', '--porcelain', '--', 'leases', 'leasekit.yaml'])).trim();
  if (dirty) throw new UsageError(`the checkout at ${root} has uncommitted changes to the records:\n${dirty}`);
}
