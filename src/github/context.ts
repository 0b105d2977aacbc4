import fs from 'node:fs';
import { UsageError } from '../errors.js';

/**
 * What the workflow run is about, read from the runner's environment and event file: never
 * from arguments a workflow built with `${{ }}` (script injection; docs/github.md#tokens-and-secrets).
 */
export interface RepoRef {
  owner: string;
  repo: string;
}

export interface GithubContext {
  repo: RepoRef;
  eventName: string;
  event: GithubEvent;
  /** GITHUB_SHA: on pull_request the test merge commit, on push the new head. */
  sha?: string;
}

/**
 * The parts of the event payload leasekit reads. GitHub writes the file, but values in it come
 * from whoever opened the pull request or pushed, so each is checked before use.
 */
export interface GithubEvent {
  pull_request?: { number?: unknown; head?: { sha?: unknown; repo?: { full_name?: unknown } | null }; base?: { sha?: unknown; ref?: unknown } };
  merge_group?: { head_sha?: unknown };
  workflow_run?: { head_sha?: unknown };
  after?: unknown;
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

function readEvent(file: string | undefined): GithubEvent {
  if (!file) return {};
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null ? value : {};
  } catch (err) {
    throw new UsageError(`cannot read the event file GITHUB_EVENT_PATH=${file}: ${(err as Error).message}`);
  }
}

/** The pull request of a `pull_request` event, or undefined for any other event. */
export function pullRequestOf(ctx: GithubContext): PullRequestRef | undefined {
  const pr = ctx.event.pull_request;
  if (!pr || typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string') return undefined;
  const headRepo = pr.head.repo?.full_name;
  return {
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: text(pr.base?.sha),
    baseRef: text(pr.base?.ref),
    fromFork: typeof headRepo === 'string' && headRepo !== `${ctx.repo.owner}/${ctx.repo.repo}`,
  };
}

/** The commit a check run belongs to: the PR head (not the merge commit), the merge group head, or GITHUB_SHA. */
export function checkedSha(ctx: GithubContext): string | undefined {
  return pullRequestOf(ctx)?.headSha ?? optionalText(ctx.event.merge_group?.head_sha) ?? optionalText(ctx.event.after) ?? ctx.sha;
}

/** A string or number from the event as text; '' for anything else. */
function text(value: unknown): string {
  return optionalText(value) ?? '';
}

/** A string or number from the event as text, else undefined. */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function describeRepo(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`;
}
