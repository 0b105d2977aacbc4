import fs from 'node:fs';
import { UsageError } from '../errors.js';

/**
 * What the workflow run is about, read from the runner's environment and event file: never
 * from arguments a workflow built with `${{ }}` (GITHUB.md §1, script injection).
 */
export interface RepoRef {
  owner: string;
  repo: string;
}

export interface GithubContext {
  repo: RepoRef;
  eventName: string;
  event: Record<string, any>;
  /** GITHUB_SHA: on pull_request the test merge commit, on push the new head. */
  sha?: string;
}

export interface PullRequestRef {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  /** The pull request comes from a fork: its run has a read-only token and no secrets. */
  fromFork: boolean;
}

export function readContext(env: NodeJS.ProcessEnv): GithubContext {
  const full = env.GITHUB_REPOSITORY ?? '';
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(full);
  if (!m) throw new UsageError(`GITHUB_REPOSITORY must be owner/repo, got '${full}'`);
  return { repo: { owner: m[1], repo: m[2] }, eventName: env.GITHUB_EVENT_NAME ?? '', event: readEvent(env.GITHUB_EVENT_PATH), sha: env.GITHUB_SHA || undefined };
}

function readEvent(file: string | undefined): Record<string, any> {
  if (!file) return {};
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, any>) : {};
  } catch (err) {
    throw new UsageError(`cannot read the event file GITHUB_EVENT_PATH=${file}: ${(err as Error).message}`);
  }
}

/** The pull request of a `pull_request` event, or undefined for any other event. */
export function pullRequestOf(ctx: GithubContext): PullRequestRef | undefined {
  const pr = ctx.event.pull_request;
  if (!pr || typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string') return undefined;
  const headRepo = pr.head?.repo?.full_name;
  return {
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: String(pr.base?.sha ?? ''),
    baseRef: String(pr.base?.ref ?? ''),
    fromFork: typeof headRepo === 'string' && headRepo !== `${ctx.repo.owner}/${ctx.repo.repo}`,
  };
}

/** The commit a check run belongs to: the PR head (not the merge commit), the merge group head, or GITHUB_SHA. */
export function checkedSha(ctx: GithubContext): string | undefined {
  return pullRequestOf(ctx)?.headSha ?? ctx.event.merge_group?.head_sha ?? ctx.event.after ?? ctx.sha;
}

export function describeRepo(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`;
}
