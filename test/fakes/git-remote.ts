import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ChangedFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  previous_filename?: string;
  additions: number;
  deletions: number;
}

export interface TreeEntry {
  name: string;
  path: string;
  type: 'file' | 'dir';
  sha: string;
  size: number;
}

const IDENTITY = ['-c', 'user.name=leasekit test', '-c', 'user.email=test@leasekit.invalid'];
const STATUS: Record<string, ChangedFile['status']> = { A: 'added', D: 'removed', M: 'modified', R: 'renamed', T: 'modified' };

/**
 * A bare git repository standing in for the repository on GitHub. Commits are written with
 * plumbing straight into the bare repository (no work tree), so branches and merges cost a
 * few milliseconds. Git runs with a throwaway HOME and none of the caller's GIT_* variables.
 */
export class GitRemote {
  private readonly env: NodeJS.ProcessEnv;

  private constructor(
    readonly bare: string,
    readonly defaultBranch: string,
    home: string,
  ) {
    this.env = isolatedEnv(home);
  }

  /** A new remote whose default branch holds `files`. */
  static create(files: Record<string, string>, options: { branch?: string } = {}): GitRemote {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-remote-'));
    const branch = options.branch ?? 'main';
    const remote = new GitRemote(path.join(dir, 'remote.git'), branch, path.join(dir, 'home'));
    fs.mkdirSync(path.join(dir, 'home'));
    remote.run(['init', '--quiet', '--bare', `--initial-branch=${branch}`, remote.bare], dir);
    remote.commit(branch, files, 'initial records', null);
    return remote;
  }

  /** The commit a branch (or any revision) names, or undefined when it does not exist. */
  sha(rev: string): string | undefined {
    const ref = /^[0-9a-f]{40}$/.test(rev) ? rev : `refs/heads/${rev}`;
    try {
      return this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
    } catch {
      return undefined;
    }
  }

  branches(): string[] {
    return this.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads']).split('\n').filter(Boolean);
  }

  /**
   * Commits `changes` (path -> text, or null to delete) on `branch` and moves the branch there.
   * A missing branch starts from `from` (default: the default branch); null starts a root commit.
   */
  commit(branch: string, changes: Record<string, string | null>, message: string, from: string | null = this.defaultBranch): string {
    const parent = this.sha(branch) ?? (from === null ? undefined : this.sha(from));
    if (from !== null && parent === undefined) throw new Error(`no branch ${from} to start ${branch} from`);
    const index = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-index-')), 'index');
    const withIndex = { GIT_INDEX_FILE: index };
    if (parent) this.git(['read-tree', parent], withIndex);
    // --index-info needs no work tree: mode 0 removes a path
    const entries = Object.entries(changes).map(([file, text]) => {
      if (text === null) return `0 ${'0'.repeat(40)}\t${file}`;
      return `100644 ${this.git(['hash-object', '-w', '--stdin'], {}, text).trim()}\t${file}`;
    });
    this.git(['update-index', '--index-info'], withIndex, entries.join('\n') + '\n');
    const tree = this.git(['write-tree'], withIndex).trim();
    const commit = this.git([...IDENTITY, 'commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message]).trim();
    this.git(['update-ref', `refs/heads/${branch}`, commit]);
    fs.rmSync(path.dirname(index), { recursive: true, force: true });
    return commit;
  }

  /** Merges `head` into `base` with a merge commit, as GitHub's merge button does; throws on conflicts. */
  merge(base: string, head: string, message: string): string {
    const baseSha = this.mustSha(base);
    const headSha = this.mustSha(head);
    const tree = this.git(['merge-tree', '--write-tree', baseSha, headSha]).split('\n')[0].trim();
    const commit = this.git([...IDENTITY, 'commit-tree', tree, '-p', baseSha, '-p', headSha, '-m', message]).trim();
    this.git(['update-ref', `refs/heads/${base}`, commit]);
    return commit;
  }

  /** The merge a pull request would make, without moving any branch: what `pull_request` workflows check out. */
  testMerge(base: string, head: string): string {
    const baseSha = this.mustSha(base);
    const headSha = this.mustSha(head);
    const tree = this.git(['merge-tree', '--write-tree', baseSha, headSha]).split('\n')[0].trim();
    return this.git([...IDENTITY, 'commit-tree', tree, '-p', baseSha, '-p', headSha, '-m', `test merge ${head} into ${base}`]).trim();
  }

  readFile(rev: string, file: string): string | undefined {
    const entry = this.entry(rev, file);
    return entry?.type === 'file' ? this.git(['cat-file', 'blob', entry.sha]) : undefined;
  }

  /** The tree entry at `file` ('' for the root), or undefined. */
  entry(rev: string, file: string): TreeEntry | undefined {
    if (file === '' || file === '/') return { name: '', path: '', type: 'dir', sha: this.git(['rev-parse', `${this.mustSha(rev)}^{tree}`]).trim(), size: 0 };
    const line = this.git(['ls-tree', '-l', this.mustSha(rev), '--', file]).split('\n')[0];
    return line ? parseTreeLine(line, path.posix.dirname(file)) : undefined;
  }

  listDir(rev: string, dir: string): TreeEntry[] | undefined {
    const entry = this.entry(rev, dir);
    if (entry?.type !== 'dir') return undefined;
    const parent = dir.replace(/\/$/, '');
    const out = this.git(['ls-tree', '-l', entry.sha]);
    return out.split('\n').filter(Boolean).map((line) => parseTreeLine(line, parent));
  }

  /** Files a pull request from `head` into `base` changes: the diff from their merge base, as GitHub shows it. */
  changedFiles(base: string, head: string): ChangedFile[] {
    const from = this.git(['merge-base', this.mustSha(base), this.mustSha(head)]).trim();
    const to = this.mustSha(head);
    const counts = new Map<string, [number, number]>();
    for (const line of this.git(['diff', '--numstat', '-M', from, to]).split('\n').filter(Boolean)) {
      const [added, deleted, ...names] = line.split('\t');
      counts.set(names[names.length - 1].replace(/^.*=> /, '').replace(/[{}]/g, ''), [Number(added) || 0, Number(deleted) || 0]);
    }
    return this.git(['diff', '--name-status', '-M', from, to])
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [code, first, second] = line.split('\t');
        const status = STATUS[code[0]] ?? 'modified';
        const filename = status === 'renamed' ? second : first;
        const [additions, deletions] = counts.get(filename) ?? [0, 0];
        return { filename, status, additions, deletions, ...(status === 'renamed' ? { previous_filename: first } : {}) };
      });
  }

  /** A fresh checkout of `rev` (a branch or commit) in a new folder: the runner's working copy. */
  checkout(rev: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-checkout-'));
    this.run(['clone', '--quiet', '--no-checkout', this.bare, dir], os.tmpdir());
    this.run(['checkout', '--quiet', '--detach', this.mustSha(rev)], dir);
    return dir;
  }

  updateRef(branch: string, sha: string): void {
    this.git(['update-ref', `refs/heads/${branch}`, sha]);
  }

  deleteRef(branch: string): void {
    this.git(['update-ref', '-d', `refs/heads/${branch}`]);
  }

  isAncestor(ancestor: string, of: string): boolean {
    try {
      this.git(['merge-base', '--is-ancestor', ancestor, of]);
      return true;
    } catch {
      return false;
    }
  }

  private mustSha(rev: string): string {
    const sha = this.sha(rev);
    if (!sha) throw new Error(`no such branch or commit: ${rev}`);
    return sha;
  }

  private git(args: string[], extraEnv: NodeJS.ProcessEnv = {}, input?: string): string {
    return execFileSync('git', ['--git-dir', this.bare, ...args], { env: { ...this.env, ...extraEnv }, input, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'pipe'] });
  }

  private run(args: string[], cwd: string): string {
    return execFileSync('git', args, { cwd, env: this.env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  }
}

/** `<mode> <type> <sha> <size>\t<name>` */
function parseTreeLine(line: string, parent: string): TreeEntry {
  const [meta, name] = line.split('\t');
  const [, type, sha, size] = meta.split(/\s+/);
  const base = path.posix.basename(name);
  const full = parent === '.' || parent === '' ? base : `${parent}/${base}`;
  return { name: base, path: full, type: type === 'tree' ? 'dir' : 'file', sha, size: Number(size) || 0 };
}

/** PATH and a throwaway HOME only: no global config, no ambient GIT_* variables. */
function isolatedEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', LANG: 'C' };
}
