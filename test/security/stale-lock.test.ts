import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireFileLock, LockedError } from '../../src/providers/file-lock.js';
import { EXAMPLE_ROOT } from '../helpers/repo.js';

/**
 * Two processes start together on a stale lock, 100 times: at most one may get it each time.
 * The children run the built lock code (dist/) and wait at a barrier file per trial, so both
 * reach the stale lock within the same moment.
 */
const LOCK_MODULE = path.join(EXAMPLE_ROOT, 'dist/providers/file-lock.js');
const TRIALS = 100;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

const CHILD = `
import fs from 'node:fs';
import path from 'node:path';
const [dir, name, trials] = process.argv.slice(1);
const { acquireFileLock } = await import(process.env.LOCK_MODULE);
const spinUntil = (file) => { const end = Date.now() + 20000; while (!fs.existsSync(file)) { if (Date.now() > end) process.exit(3); } };
for (let n = 0; n < Number(trials); n++) {
  spinUntil(path.join(dir, 'go-' + n));
  let got = 'locked';
  try { acquireFileLock(path.join(dir, 'registry.lock'), 'test'); got = 'acquired'; } catch (e) { got = e.constructor.name === 'LockedError' ? 'locked ' + e.message : 'error ' + e.message; }
  const done = path.join(dir, 'done-' + n + '-' + name);
  fs.writeFileSync(done + '.part', got);
  fs.renameSync(done + '.part', done); // the parent never reads a half-written answer
}
spinUntil(path.join(dir, 'end')); // exiting earlier would make a held lock stale while the other still tries
`;

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function staleLock(file: string, pid: number): void {
  fs.writeFileSync(file, JSON.stringify({ pid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z', command: 'apply' }) + '\n');
}

async function waitFor(files: string[], ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!files.every((f) => fs.existsSync(f))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${files.join(', ')}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('the apply lock', () => {
  it('a stale lock is taken over by exactly one of two processes starting together (100 trials)', async () => {
    expect(fs.existsSync(LOCK_MODULE), 'build dist/ first (npm test does)').toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-lock-race-'));
    const dead = deadPid();
    const lock = path.join(dir, 'registry.lock');
    for (const name of ['a', 'b']) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, dir, name, String(TRIALS)], { env: { ...process.env, LOCK_MODULE }, stdio: 'ignore' });
      children.push(child);
    }
    let doubles = 0;
    let single = 0;
    for (let n = 0; n < TRIALS; n++) {
      fs.rmSync(lock, { force: true });
      staleLock(lock, dead);
      fs.writeFileSync(path.join(dir, `go-${n}`), '');
      const done = ['a', 'b'].map((name) => path.join(dir, `done-${n}-${name}`));
      await waitFor(done, 20_000);
      const results = done.map((f) => fs.readFileSync(f, 'utf8'));
      expect(results.filter((r) => r.startsWith('error'))).toEqual([]);
      const acquired = results.filter((r) => r === 'acquired').length;
      if (acquired === 2) doubles++;
      if (acquired === 1) single++;
    }
    fs.writeFileSync(path.join(dir, 'end'), '');
    expect(doubles).toBe(0);
    expect(single).toBe(TRIALS); // and never none: the stale lock is always taken over
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.takeover') || f.endsWith('.part'))).toEqual([]);
  }, 60_000);

  it('a live lock refuses at once, naming its owner; release removes only our own lock', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-lock-'));
    const lock = path.join(dir, 'registry.lock');
    const release = acquireFileLock(lock, 'local registry');
    expect(() => acquireFileLock(lock, 'local registry')).toThrow(LockedError);
    expect(() => acquireFileLock(lock, 'local registry')).toThrow(`locked by process ${process.pid}`);
    release();
    expect(fs.existsSync(lock)).toBe(false);
    const again = acquireFileLock(lock, 'local registry');
    staleLock(lock, deadPid()); // someone replaced it: our release must not remove theirs
    again();
    expect(fs.existsSync(lock)).toBe(true);
  });
});
