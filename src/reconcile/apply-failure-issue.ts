import { LEASEKIT_LABEL } from '../github/pull-requests.js';
import { hasMarker, markerLine } from './markers.js';
import type { Github } from '../github/client.js';
import type { RepoRef } from '../github/context.js';

/** The marker of the one issue that says the scheduled apply is not getting through. */
export const APPLY_FAILURE_KIND = 'apply-failure';

export interface ApplyFailure {
  day: string;
  /** Why nothing (or not everything) was applied, one line each. */
  reasons: string[];
  /** The plan as text, for the issue's reader. */
  planText: string;
  /** A link to the workflow run, when known. */
  runUrl?: string;
}

/**
 * One open issue while the scheduled apply is refused or fails, found by its marker AND its
 * author (so nobody else's issue quoting the marker is taken for it). A new failure rewrites
 * it; the next run that succeeds comments and closes it.
 */
export async function reportApplyFailure(github: Github, repo: RepoRef, author: string, failure: ApplyFailure): Promise<string> {
  const current = await findIssue(github, repo, author);
  const title = `leasekit: the scheduled apply for ${failure.day} did not go through`;
  const body = failureBody(failure);
  if (!current) {
    const { data } = await github.rest.issues.create({ ...repo, title, body, labels: [LEASEKIT_LABEL] });
    return `opened issue #${data.number}`;
  }
  await github.rest.issues.update({ ...repo, issue_number: current, title, body });
  return `updated issue #${current}`;
}

/** After a run that went through: closes the failure issue, if one is open, saying so. */
export async function resolveApplyFailure(github: Github, repo: RepoRef, author: string, day: string): Promise<string | undefined> {
  const current = await findIssue(github, repo, author);
  if (!current) return undefined;
  await github.rest.issues.createComment({ ...repo, issue_number: current, body: `The scheduled apply for ${day} went through: the registries now hold what the records say. Closing. (leasekit github apply)` });
  await github.rest.issues.update({ ...repo, issue_number: current, state: 'closed' });
  return `closed issue #${current}`;
}

async function findIssue(github: Github, repo: RepoRef, author: string): Promise<number | undefined> {
  const issues = await github.paginate(github.rest.issues.listForRepo, { ...repo, state: 'open', per_page: 100 });
  return issues.find((i) => !i.pull_request && i.user?.login === author && hasMarker(i.body, APPLY_FAILURE_KIND))?.number;
}

/** The reasons and the plan inside code blocks, never as Markdown: they quote registry answers and records. */
function failureBody(failure: ApplyFailure): string {
  const block = (text: string) => text.replace(/`/g, "'").slice(0, 25_000);
  return [
    markerLine(APPLY_FAILURE_KIND),
    `## The scheduled apply for ${failure.day} did not go through`,
    '',
    'The apply workflow runs every day on the default branch and carries out what the records imply for that day: leases that start or end, with `policy.publishLeadDays` and `policy.withdrawGraceDays`. This run did not finish:',
    '',
    '```text',
    block(failure.reasons.join('\n')),
    '```',
    '',
    '<details><summary>The plan it was asked to apply</summary>',
    '',
    '```diff',
    block(failure.planText.trim()),
    '```',
    '',
    '</details>',
    '',
    '**To fix it**: the scheduled run never passes `--force`. If a safety threshold refused a plan that is right, raise the threshold in `leasekit.yaml` through a pull request, or run `leasekit apply --force` with the registry credentials; if objects no record explains would be deleted, run `leasekit import` and merge records for them (or delete them with `leasekit apply --force`); if a registry refused a change, its answer is above. Then run the apply workflow by hand (`workflow_dispatch`) or wait for the next daily run: the first run that goes through closes this issue.',
    ...(failure.runUrl ? ['', `Run: ${failure.runUrl}`] : []),
    '',
  ].join('\n');
}
