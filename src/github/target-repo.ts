import { UsageError } from '../errors.js';
import type { Github } from './client.js';
import type { RepoRef } from './context.js';

/**
 * The GitHub repository to open pull requests in: GITHUB_REPOSITORY inside Actions, else
 * the owner/repo that origin's GitHub URL names (a person running propose on a laptop).
 */
export function targetRepo(env: NodeJS.ProcessEnv, originUrl: string | undefined): RepoRef {
  const named = env.GITHUB_REPOSITORY ?? '';
  const fromEnv = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(named);
  if (fromEnv) return { owner: fromEnv[1], repo: fromEnv[2] };
  const fromUrl = originUrl && /github\.com[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(originUrl);
  if (fromUrl) return { owner: fromUrl[1], repo: fromUrl[2] };
  throw new UsageError('cannot tell which GitHub repository to use: set GITHUB_REPOSITORY=owner/repo (origin is not a github.com URL)');
}

/** --base when given, else the repository's default branch as GitHub reports it. */
export async function baseBranch(github: Github, repo: RepoRef, requested: string | undefined): Promise<string> {
  if (requested) return requested;
  const { data } = await github.rest.repos.get({ ...repo });
  return data.default_branch;
}
