import type { Github } from './client.js';
import type { RepoRef } from './context.js';

/** The labels every pull request and issue leasekit opens carries, so people can filter them. */
export const LEASEKIT_LABEL = 'leasekit';

export interface PullRequestSpec {
  branch: string;
  base: string;
  title: string;
  body: string;
  labels?: string[];
}

export type UpsertStatus = 'created' | 'updated' | 'unchanged';

export interface OpenPull {
  number: number;
  branch: string;
  title: string;
  body: string;
  author: string;
}

/**
 * Opens the pull request for `spec.branch`, or brings the open one up to date: one pull request
 * per branch, however often this runs. Title and body are only written when they changed.
 */
export async function upsertPull(github: Github, repo: RepoRef, spec: PullRequestSpec): Promise<{ number: number; status: UpsertStatus }> {
  const [current] = await openPulls(github, repo, { branch: spec.branch });
  if (current) {
    if (current.title === spec.title && current.body === spec.body) return { number: current.number, status: 'unchanged' };
    await github.rest.pulls.update({ ...repo, pull_number: current.number, title: spec.title, body: spec.body });
    return { number: current.number, status: 'updated' };
  }
  const { data } = await github.rest.pulls.create({ ...repo, head: spec.branch, base: spec.base, title: spec.title, body: spec.body });
  const labels = spec.labels ?? [LEASEKIT_LABEL];
  if (labels.length) await github.rest.issues.addLabels({ ...repo, issue_number: data.number, labels });
  return { number: data.number, status: 'created' };
}

/** Open pull requests from this repository's `branch`, or from every branch starting with `prefix`. */
export async function openPulls(github: Github, repo: RepoRef, which: { branch?: string; prefix?: string }): Promise<OpenPull[]> {
  const head = which.branch ? { head: `${repo.owner}:${which.branch}` } : {};
  const pulls = await github.paginate(github.rest.pulls.list, { ...repo, state: 'open', per_page: 100, ...head });
  return pulls
    .filter((p) => p.head.repo?.full_name === undefined || p.head.repo.full_name === `${repo.owner}/${repo.repo}`)
    .filter((p) => !which.prefix || p.head.ref.startsWith(which.prefix))
    .map((p) => ({ number: p.number, branch: p.head.ref, title: p.title, body: p.body ?? '', author: p.user?.login ?? '' }));
}
