import type { Github } from './client.js';
import type { RepoRef } from './context.js';

/**
 * The record of a plan reviewers saw, written by the gate job (this repository's own workflow,
 * never a fork's) as structured data on a check run of the pull request's head commit, and read
 * back by the apply job. No trusted decision ever parses a comment: comment bodies carry record
 * text that a pull request shapes. See docs/security.md.
 */
export const APPROVAL_CHECK = 'leasekit plan';
const EXTERNAL_ID_PREFIX = 'leasekit-approval/1 ';

export interface ApprovalRecord {
  /** The day the plan is for (YYYY-MM-DD). */
  at: string;
  fingerprint: string;
  pull: number;
  /** The pull request's head commit the gate planned. */
  head: string;
  /** The base commit and the test merge commit (GITHUB_SHA) the gate checked out. */
  base: string;
  merge: string;
  /** Always false: a fork's pull request never gets a record. Kept so the data says so itself. */
  fork: false;
}

const SHA = /^[0-9a-f]{40}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;

/** The check run's external_id: a fixed prefix, then the record as JSON. */
export function approvalExternalId(record: ApprovalRecord): string {
  return EXTERNAL_ID_PREFIX + JSON.stringify(record);
}

/** The record in an external_id, or undefined when it is not exactly one (nothing is repaired). */
export function parseApprovalExternalId(externalId: unknown): ApprovalRecord | undefined {
  if (typeof externalId !== 'string' || !externalId.startsWith(EXTERNAL_ID_PREFIX) || externalId.length > 1000) return undefined;
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(externalId.slice(EXTERNAL_ID_PREFIX.length)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(value).sort().join(',');
  if (keys !== 'at,base,fingerprint,fork,head,merge,pull') return undefined;
  const ok =
    typeof value.at === 'string' && DAY.test(value.at) &&
    typeof value.fingerprint === 'string' && FINGERPRINT.test(value.fingerprint) &&
    Number.isSafeInteger(value.pull) && (value.pull as number) > 0 &&
    typeof value.head === 'string' && SHA.test(value.head) &&
    typeof value.base === 'string' && SHA.test(value.base) &&
    typeof value.merge === 'string' && SHA.test(value.merge) &&
    value.fork === false;
  return ok ? (value as unknown as ApprovalRecord) : undefined;
}

/** Writes the record: a completed check run on the head commit, its external_id the data. */
export async function publishApproval(github: Github, repo: RepoRef, record: ApprovalRecord): Promise<number> {
  if (record.fork !== false) throw new Error('a fork pull request never gets an approval record');
  const { data } = await github.rest.checks.create({
    ...repo,
    name: APPROVAL_CHECK,
    head_sha: record.head,
    external_id: approvalExternalId(record),
    status: 'completed',
    conclusion: 'success',
    completed_at: new Date().toISOString(),
    output: {
      title: `plan ${record.fingerprint.slice(0, 19)}… for ${record.at}`,
      summary: `The plan shown on #${record.pull} for ${record.at}: \`${record.fingerprint}\`. Merging applies exactly this plan, or nothing.`,
    },
  });
  return data.id;
}

/** The GitHub App slug behind a bot login: `github-actions[bot]` -> `github-actions`. */
export function appSlugOf(login: string): string {
  return login.replace(/\[bot\]$/, '');
}

export interface MergedPull {
  number: number;
  title: string;
  headSha: string;
  /** From GitHub's own answer: the head repository is not the base repository (or is gone). */
  fromFork: boolean;
  headRepo: string;
}

/** The pull request whose merge made `sha`, as GitHub describes it now (pulls.get), or undefined. */
export async function mergedPullFor(github: Github, repo: RepoRef, sha: string): Promise<MergedPull | undefined> {
  const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 });
  const candidate = data.find((p) => p.merged_at && p.merge_commit_sha === sha);
  if (!candidate) return undefined;
  const { data: pull } = await github.rest.pulls.get({ ...repo, pull_number: candidate.number });
  if (!pull.merged_at || pull.merge_commit_sha !== sha) return undefined;
  const headRepo = pull.head.repo?.full_name ?? '(deleted repository)';
  const baseRepo = pull.base.repo.full_name;
  return { number: pull.number, title: pull.title, headSha: pull.head.sha, fromFork: headRepo !== baseRepo || baseRepo !== `${repo.owner}/${repo.repo}`, headRepo };
}

export type ApprovalLookup = { approval: ApprovalRecord } | { refusal: string };

/**
 * The approved plan of a merged pull request: never for a fork's, and only from a check run
 * written by `app` on the pull request's final head commit whose record names this pull request
 * and that commit. The newest such record wins (the gate re-runs on every push).
 */
export async function approvalOf(github: Github, repo: RepoRef, pull: MergedPull, app: string): Promise<ApprovalLookup> {
  if (pull.fromFork) return { refusal: `pull request #${pull.number} came from ${pull.headRepo}, a fork: a fork's plan is not trusted and is never applied` };
  const { data } = await github.rest.checks.listForRef({ ...repo, ref: pull.headSha, check_name: APPROVAL_CHECK, filter: 'all', per_page: 100 });
  const records = data.check_runs
    .filter((run) => run.app?.slug === app && run.head_sha === pull.headSha && run.status === 'completed' && run.conclusion === 'success')
    .sort((a, b) => b.id - a.id)
    .map((run) => parseApprovalExternalId(run.external_id))
    .filter((r): r is ApprovalRecord => r !== undefined && r.pull === pull.number && r.head === pull.headSha);
  if (!records.length) return { refusal: `pull request #${pull.number} has no approval record from this repository's gate for its head ${pull.headSha.slice(0, 12)} (a fork's plan is not trusted)` };
  return { approval: records[0] };
}
