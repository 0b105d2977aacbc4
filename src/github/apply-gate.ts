import { neutralise } from '../render/text-safe.js';
import { markerOf } from './sticky-comment.js';

/** The comment the apply job leaves on a merged pull request when it refuses. */
export const APPLY_COMMENT = 'leasekit:apply';

/** Why nothing was applied, for the merged pull request: the reasons in a code block, never as Markdown. */
export function refusalBody(sha: string, reasons: string[], planNow = ''): string {
  const block = (lines: string) => lines.split('\n').map(neutralise).join('\n').replace(/`/g, "'").slice(0, 25_000);
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
