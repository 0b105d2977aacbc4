// The one audit issue on GitHub, kept as the drift issue is: found by marker AND author, left
// alone while the findings stay the same, rewritten when they change, closed when the audit is clean.
import { fitBody } from '../github/body-limit.js';
import { LEASEKIT_LABEL } from '../github/pull-requests.js';
import type { Github } from '../github/client.js';
import type { RepoRef } from '../github/context.js';
import { hasMarker, keyIn, keyLine, keyOf, markerLine } from './markers.js';
import { auditMarkdown } from '../render/audit.js';
import type { AuditReport } from '../audit/audit.js';

export const AUDIT_KIND = 'audit';

export interface AuditIssue {
  title: string;
  body: string;
  key: string;
}

/** The issue for a report with findings; undefined when the audit is clean. */
export function auditIssue(report: AuditReport): AuditIssue | undefined {
  if (report.findings.length === 0) return undefined;
  // the day and the counts of announcements read change daily; only the findings decide "changed"
  const key = keyOf(report.findings.map((f) => [f.code, f.prefix, f.origin, f.maxLength, f.asn, f.lease, f.holding, f.rpki].join('|')));
  const { errors, warnings } = report.summary;
  const title = `leasekit audit: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in the routing system`;
  const body = fitBody(
    [markerLine(AUDIT_KIND), keyLine(key), '', auditMarkdown(report), '', '_Kept up to date by the daily leasekit audit workflow; closed when the audit is clean. See docs/audit.md._', ''].join('\n'),
    'run `leasekit audit` for every finding',
  );
  return { title, body, key };
}

export async function reconcileAuditIssue(github: Github, repo: RepoRef, author: string, report: AuditReport): Promise<string> {
  const wanted = auditIssue(report);
  const current = await findAuditIssue(github, repo, author);
  if (!wanted) {
    if (!current) return 'audit issue: none (clean)';
    await github.rest.issues.createComment({ ...repo, issue_number: current.number, body: `On ${report.at} the audit is clean: closing. (leasekit audit)` });
    await github.rest.issues.update({ ...repo, issue_number: current.number, state: 'closed' });
    return `audit issue: clean now; closed #${current.number}`;
  }
  if (!current) {
    const { data } = await github.rest.issues.create({ ...repo, title: wanted.title, body: wanted.body, labels: [LEASEKIT_LABEL] });
    return `audit issue: opened #${data.number}`;
  }
  if (keyIn(current.body) === wanted.key) return `audit issue: #${current.number} already describes these findings`;
  await github.rest.issues.update({ ...repo, issue_number: current.number, title: wanted.title, body: wanted.body });
  return `audit issue: updated #${current.number}`;
}

async function findAuditIssue(github: Github, repo: RepoRef, author: string): Promise<{ number: number; body: string } | undefined> {
  const issues = await github.paginate(github.rest.issues.listForRepo, { ...repo, state: 'open', per_page: 100 });
  const found = issues.find((i) => !i.pull_request && i.user?.login === author && hasMarker(i.body, AUDIT_KIND));
  return found && { number: found.number, body: found.body ?? '' };
}
