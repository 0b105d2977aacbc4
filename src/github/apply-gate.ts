import type { Github } from './client.js';
import type { RepoRef } from './context.js';
import { PLAN_COMMENT, readApprovedPlan, type ApprovedPlan } from './plan-comment.js';
import { existingParts, markerOf } from './sticky-comment.js';

/** The comment the apply job leaves on a merged pull request when it refuses. */
export const APPLY_COMMENT = 'leasekit:apply';

export interface MergedPull {
  number: number;
  title: string;
}

/** The pull request whose merge made `sha` (GET /repos/{owner}/{repo}/commits/{sha}/pulls). */
export async function mergedPullFor(github: Github, repo: RepoRef, sha: string): Promise<MergedPull | undefined> {
  const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 });
  const merged = data.filter((p) => p.merged_at);
  const pull = merged.find((p) => p.merge_commit_sha === sha) ?? merged[0];
  return pull ? { number: pull.number, title: pull.title } : undefined;
}

/** The plan fingerprint shown in the pull request's plan comment, from leasekit's own comments only. */
export async function approvedPlanOf(github: Github, repo: RepoRef, issueNumber: number, author: string): Promise<ApprovedPlan | undefined> {
  const parts = await existingParts(github, { repo, issueNumber, name: PLAN_COMMENT, author });
  for (const part of [...parts.keys()].sort((a, b) => a - b)) {
    const approved = readApprovedPlan(parts.get(part)![0].body);
    if (approved) return approved;
  }
  return undefined;
}

/** Why nothing was applied, for the merged pull request: the reasons in a code block, never as Markdown. */
export function refusalBody(sha: string, reasons: string[], planNow = ''): string {
  const block = (lines: string) => lines.replace(/`/g, "'").slice(0, 25_000);
  const now = planNow.trim() ? ['', 'The plan on the default branch now:', '', '```diff', block(planNow.trim()), '```'] : [];
  return [
    markerOf(APPLY_COMMENT),
    `### :no_entry: leasekit did not apply this merge (${sha.slice(0, 12)})`,
    '',
    'The plan on the default branch is not the plan this pull request showed, so nothing was sent to any registry.',
    '',
    '```text',
    block(reasons.join('\n')),
    '```',
    ...now,
    '',
    'To go on, open a pull request (an empty commit will do) so that reviewers see the current plan, and merge it.',
    '',
  ].join('\n');
}
