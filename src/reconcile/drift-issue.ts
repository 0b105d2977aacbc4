import { LEASEKIT_LABEL } from '../github/pull-requests.js';
import type { Github } from '../github/client.js';
import type { RepoRef } from '../github/context.js';
import { DRIFT_KIND, type DriftReport } from './drift.js';
import { hasMarker, keyIn } from './markers.js';

interface OpenIssue {
  number: number;
  body: string;
}

/**
 * One open issue describes the drift while it lasts. It is found by its marker AND its author,
 * so nobody else's issue that quotes the marker is taken for it. The same drift (same key)
 * leaves it untouched; different drift rewrites it; no drift closes it, saying so.
 */
export async function reconcileDriftIssue(github: Github, repo: RepoRef, author: string, report: DriftReport | undefined, at: string): Promise<string> {
  const current = await findDriftIssue(github, repo, author);
  if (!report) {
    if (!current) return 'drift: none';
    await github.rest.issues.createComment({ ...repo, issue_number: current.number, body: `On ${at} the registries match the records again: closing. (leasekit reconcile)` });
    await github.rest.issues.update({ ...repo, issue_number: current.number, state: 'closed' });
    return `drift: none any more; closed issue #${current.number}`;
  }
  if (!current) {
    const { data } = await github.rest.issues.create({ ...repo, title: report.title, body: report.body, labels: [LEASEKIT_LABEL] });
    return `drift: opened issue #${data.number} (${report.count} change(s))`;
  }
  if (keyIn(current.body) === report.key) return `drift: issue #${current.number} already describes it (${report.count} change(s))`;
  await github.rest.issues.update({ ...repo, issue_number: current.number, title: report.title, body: report.body });
  return `drift: updated issue #${current.number} (${report.count} change(s))`;
}

async function findDriftIssue(github: Github, repo: RepoRef, author: string): Promise<OpenIssue | undefined> {
  const issues = await github.paginate(github.rest.issues.listForRepo, { ...repo, state: 'open', per_page: 100 });
  const found = issues.find((i) => !i.pull_request && i.user?.login === author && hasMarker(i.body, DRIFT_KIND));
  return found && { number: found.number, body: found.body ?? '' };
}
