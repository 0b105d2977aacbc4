import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import type { GitSession } from './git-client.js';
import { RefusalError } from '../errors.js';

/** Repository-relative path -> new text, or null to delete the file. */
export type FileChanges = Record<string, string | null>;

export interface BranchRequest {
  /** The branch on origin to write, e.g. `leasekit/renew/acme-2026`. */
  branch: string;
  /** origin's branch the commit goes on top of. */
  base: string;
  changes: FileChanges;
  message: string;
  /** Replace the branch when it exists (bot-owned branches); otherwise refuse to touch it. */
  force: boolean;
  /** Refuse when a changed path already exists on the base: the commit may only add files. */
  addOnly?: boolean;
}

export type BranchStatus = 'created' | 'updated' | 'unchanged' | 'empty';

export interface BranchResult {
  status: BranchStatus;
  sha?: string;
}

/** The branch or a file to add already exists: a finding for the user (exit 1), not a failure. */
export class BranchRefusal extends RefusalError {}

export const REMOTE = 'origin';

/**
 * Commits `changes` on top of origin's `base` and pushes the result to `branch`. The commit is
 * made in a temporary worktree, so the caller's checkout (its branch, its uncommitted files, the
 * local registry's state) is never touched. A branch whose content is already exactly that is
 * left alone; otherwise it is force-pushed with a lease on the sha we saw, so a concurrent push
 * is not silently overwritten.
 */
export async function commitToBranch(session: GitSession, root: string, request: BranchRequest): Promise<BranchResult> {
  const git = session.at(root);
  const baseSha = await fetchBranch(git, request.base);
  if (!baseSha) throw new RefusalError(`origin has no branch ${request.base}`);
  const existing = await fetchBranch(git, request.branch);
  if (existing && !request.force) throw new BranchRefusal(`branch ${request.branch} already exists on ${REMOTE}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-worktree-'));
  try {
    await git.raw(['worktree', 'add', '--quiet', '--detach', dir, baseSha]);
    const tree = session.at(dir);
    const present = Object.keys(request.changes).filter((file) => fs.existsSync(path.join(dir, ...file.split('/'))));
    if (request.addOnly && present.length) throw new BranchRefusal(`${present.join(', ')} already exists on ${REMOTE}/${request.base}`);
    await writeChanges(tree, dir, request.changes);
    if ((await tree.diff(['--cached', '--name-only'])).trim() === '') return { status: 'empty' };
    // a bot commit: the repository's commit hooks are for people, and may not even be installed
    await tree.raw(['commit', '--quiet', '--no-verify', '-m', request.message]);
    const sha = (await tree.revparse(['HEAD'])).trim();
    if (existing && (await treeOf(git, existing)) === (await treeOf(tree, sha))) return { status: 'unchanged', sha: existing };
    await tree.raw(['push', '--quiet', `--force-with-lease=refs/heads/${request.branch}:${existing ?? ''}`, REMOTE, `${sha}:refs/heads/${request.branch}`]);
    return { status: existing ? 'updated' : 'created', sha };
  } finally {
    await git.raw(['worktree', 'remove', '--force', dir]).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Fetches origin's `branch` into refs/remotes/origin/ and returns its sha, or undefined when origin has none. */
export async function fetchBranch(git: SimpleGit, branch: string): Promise<string | undefined> {
  const listed = (await git.listRemote([REMOTE, `refs/heads/${branch}`])).trim();
  if (!listed) return undefined;
  await git.raw(['fetch', '--quiet', '--no-tags', REMOTE, `+refs/heads/${branch}:refs/remotes/${REMOTE}/${branch}`]);
  return (await git.revparse([`refs/remotes/${REMOTE}/${branch}`])).trim();
}

async function writeChanges(git: SimpleGit, dir: string, changes: FileChanges): Promise<void> {
  for (const [file, text] of Object.entries(changes)) {
    const full = path.join(dir, ...file.split('/'));
    if (text === null) fs.rmSync(full, { force: true });
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
    }
  }
  await git.raw(['add', '--all', '--', ...Object.keys(changes)]);
}

async function treeOf(git: SimpleGit, sha: string): Promise<string> {
  return (await git.revparse([`${sha}^{tree}`])).trim();
}
