import { openPulls, upsertPull } from '../github/pull-requests.js';
import { commitToBranch } from '../git/branch-commit.js';
import type { GitSession } from '../git/git-client.js';
import type { Github } from '../github/client.js';
import type { RepoRef } from '../github/context.js';
import { keyIn, keyLine } from './markers.js';
import type { PullProposal } from './pull-specs.js';

export interface PullContext {
  github: Github;
  repo: RepoRef;
  git: GitSession;
  root: string;
  base: string;
  author: string;
}

/**
 * Brings the pull request for one proposal into being or up to date: the branch is rebuilt on the
 * base and force-pushed only when its content changed, the open pull request is updated instead
 * of a second one opened, and a proposal someone closed unmerged is not opened again.
 */
export async function reconcilePull(ctx: PullContext, proposal: PullProposal): Promise<string> {
  const [open] = await openPulls(ctx.github, ctx.repo, { branch: proposal.branch });
  if (!open) {
    const declined = await declinedPull(ctx, proposal);
    if (declined) return `${proposal.kind}: closed unmerged in #${declined}; not opening it again`;
  }
  const pushed = await commitToBranch(ctx.git, ctx.root, { branch: proposal.branch, base: ctx.base, changes: proposal.changes, message: proposal.title, force: true });
  if (pushed.status === 'empty') return `${proposal.kind}: already on ${ctx.base}`;
  const pull = await upsertPull(ctx.github, ctx.repo, { branch: proposal.branch, base: ctx.base, title: proposal.title, body: proposal.body });
  if (pull.status === 'created') return `${proposal.kind}: opened pull request #${pull.number} (${proposal.branch})`;
  const changed = pull.status === 'updated' || pushed.status === 'updated';
  return `${proposal.kind}: ${changed ? 'updated' : 'unchanged'} pull request #${pull.number}${pushed.status === 'updated' ? ' (branch rebuilt and force-pushed)' : ''}`;
}

/**
 * Closes leasekit's open pull requests under `prefix` that no proposal wants any more (a contract
 * renewed by hand, leases removed by hand). Their key line goes, so that closing is not taken
 * for a person declining them.
 */
export async function closeUnwanted(ctx: PullContext, prefix: string, wanted: ReadonlySet<string>, at: string): Promise<string[]> {
  const pulls = await openPulls(ctx.github, ctx.repo, { prefix });
  const lines: string[] = [];
  for (const pull of pulls.filter((p) => p.author === ctx.author && !wanted.has(p.branch))) {
    const why = `On ${at} this is no longer needed: the records on ${ctx.base} no longer call for it. Closing. (leasekit reconcile)`;
    await ctx.github.rest.issues.createComment({ ...ctx.repo, issue_number: pull.number, body: why });
    const key = keyIn(pull.body);
    const body = key ? pull.body.replace(`${keyLine(key)}\n`, '') : pull.body;
    await ctx.github.rest.pulls.update({ ...ctx.repo, pull_number: pull.number, state: 'closed', body });
    lines.push(`closed pull request #${pull.number} (${pull.branch}): no longer needed`);
  }
  return lines;
}

/** A closed, unmerged pull request of ours for the same branch and key: a person said no. */
async function declinedPull(ctx: PullContext, proposal: PullProposal): Promise<number | undefined> {
  const closed = await ctx.github.paginate(ctx.github.rest.pulls.list, { ...ctx.repo, state: 'closed', head: `${ctx.repo.owner}:${proposal.branch}`, per_page: 100 });
  return closed.find((p) => !p.merged_at && p.user?.login === ctx.author && keyIn(p.body) === proposal.key)?.number;
}
