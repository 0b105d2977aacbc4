import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BranchRefusal, commitToBranch } from '../../src/git/branch-commit.js';
import { BOT_IDENTITY, openGit } from '../../src/git/git-client.js';
import { GitRemote } from '../fakes/git-remote.js';

let remote: GitRemote;
let work: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  remote = GitRemote.create({ 'leases/a.yaml': 'kind: party\nid: a\nname: A\n', 'README.md': 'hello\n' });
  work = remote.checkout('main');
  // a throwaway HOME and an ambient GIT_* variable simple-git must ignore rather than choke on
  env = { PATH: process.env.PATH, HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-home-')), GIT_AUTHOR_NAME: 'ambient' };
});

const request = (changes: Record<string, string | null>, force = true) => ({ branch: 'leasekit/test', base: 'main', changes, message: 'test change', force });
const log = (rev: string) => execFileSync('git', ['--git-dir', remote.bare, 'log', '-1', '--format=%an <%ae>|%s', rev], { encoding: 'utf8', env: { PATH: process.env.PATH } }).trim();

describe('commitToBranch', () => {
  it('creates the branch on origin with exactly the changes, as the bot, leaving the checkout alone', async () => {
    fs.writeFileSync(path.join(work, 'README.md'), 'local edit\n');
    const git = await openGit(work, env);
    const result = await commitToBranch(git, work, request({ 'leases/b.yaml': 'kind: party\nid: b\nname: B\n', 'leases/a.yaml': null }));
    expect(result.status).toBe('created');
    expect(remote.sha('leasekit/test')).toBe(result.sha);
    expect(remote.changedFiles('main', 'leasekit/test').map((f) => [f.filename, f.status])).toEqual([
      ['leases/a.yaml', 'removed'],
      ['leases/b.yaml', 'added'],
    ]);
    expect(log('leasekit/test')).toBe(`${BOT_IDENTITY.name} <${BOT_IDENTITY.email}>|test change`);
    expect(fs.readFileSync(path.join(work, 'README.md'), 'utf8')).toBe('local edit\n');
    expect(fs.existsSync(path.join(work, 'leases/b.yaml'))).toBe(false);
  });

  it('leaves a branch that already holds the content, and force-pushes one that does not', async () => {
    const git = await openGit(work, env);
    const first = await commitToBranch(git, work, request({ 'leases/b.yaml': 'one\n' }));
    expect(await commitToBranch(git, work, request({ 'leases/b.yaml': 'one\n' }))).toEqual({ status: 'unchanged', sha: first.sha });
    const second = await commitToBranch(git, work, request({ 'leases/b.yaml': 'two\n' }));
    expect(second.status).toBe('updated');
    expect(remote.isAncestor(first.sha!, second.sha!)).toBe(false);
    expect(remote.readFile('leasekit/test', 'leases/b.yaml')).toBe('two\n');
  });

  it('says when the changes are already on the base, and refuses to replace a branch without force', async () => {
    const git = await openGit(work, env);
    expect(await commitToBranch(git, work, request({ 'README.md': 'hello\n' }))).toEqual({ status: 'empty' });
    await commitToBranch(git, work, request({ 'leases/b.yaml': 'one\n' }));
    await expect(commitToBranch(git, work, request({ 'leases/b.yaml': 'two\n' }, false))).rejects.toThrow(BranchRefusal);
    expect(remote.readFile('leasekit/test', 'leases/b.yaml')).toBe('one\n');
    const addOnly = { ...request({ 'leases/a.yaml': 'replaced\n' }), branch: 'leasekit/other', addOnly: true };
    await expect(commitToBranch(git, work, addOnly)).rejects.toThrow(/leases\/a.yaml already exists on origin\/main/);
    expect(remote.sha('leasekit/other')).toBeUndefined();
  });

  it('takes the identity from LEASEKIT_GIT_USER_*, and refuses a folder that is not a working copy', async () => {
    const git = await openGit(work, { ...env, LEASEKIT_GIT_USER_NAME: 'leasekit-app[bot]', LEASEKIT_GIT_USER_EMAIL: '1+leasekit-app[bot]@users.noreply.github.com' });
    await commitToBranch(git, work, request({ 'leases/b.yaml': 'one\n' }));
    expect(log('leasekit/test')).toBe('leasekit-app[bot] <1+leasekit-app[bot]@users.noreply.github.com>|test change');
    await expect(openGit(fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-nogit-')), env)).rejects.toThrow(/not a git working copy/);
  });
});
