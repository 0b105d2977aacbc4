import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { RefusalError } from '../errors.js';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  command?: string;
  /** Tells this acquisition apart from any other, also of the same process. */
  token?: string;
}

/** Another process holds the lock: exit 1, naming it. */
export class LockedError extends RefusalError {}

const ATTEMPTS = 50;
const PAUSE_MS = 10;

/**
 * An exclusive lock file. It appears whole or not at all: the owner is written to a private
 * temp file, which is then hard-linked to the lock's name (link fails if the name exists). A
 * lock left by a process that no longer runs on this host is stale and taken over, but only by
 * one process at a time: the taker first creates `<lock>.takeover` the same exclusive way, then
 * checks again that the lock is still stale before removing it. So two processes starting
 * together on a stale lock never both get it; a live lock makes the caller fail at once.
 */
export function acquireFileLock(path: string, what: string): () => void {
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), command: process.argv.slice(2).join(' '), token: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(path, owner)) return () => releaseIfOurs(path, owner.token!);
    const current = readOwner(path);
    if (current === 'missing') continue; // released meanwhile: try again
    if (current && isAlive(current)) throw lockedBy(what, current);
    if (!takeOverStale(path, owner)) pause(PAUSE_MS); // another process is taking it over
  }
  throw new LockedError(`${what}: could not take the lock ${path}; another process kept taking it over`);
}

/** Creates `path` holding `owner`, atomically and only if it does not exist. */
function createExclusive(path: string, owner: LockOwner): boolean {
  const temp = `${path}.${process.pid}.${owner.token}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(owner) + '\n', { flag: 'wx' });
  try {
    fs.linkSync(temp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return createWithOpen(path, owner); // no hard links here
    throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function createWithOpen(path: string, owner: LockOwner): boolean {
  try {
    fs.writeFileSync(path, JSON.stringify(owner) + '\n', { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Removes a stale lock while holding `<lock>.takeover`; false when another process holds that. */
function takeOverStale(path: string, owner: LockOwner): boolean {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, owner)) {
    const taker = readOwner(guard);
    if (taker !== 'missing' && taker && !isAlive(taker)) {
      throw new LockedError(`${guard} was left by process ${taker.pid}, which died while taking over a stale lock; remove ${guard} and retry`);
    }
    return false;
  }
  try {
    const again = readOwner(path);
    if (again !== 'missing' && !(again && isAlive(again))) fs.rmSync(path, { force: true }); // still stale: nobody else replaced it
    return true;
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function releaseIfOurs(path: string, token: string): void {
  const current = readOwner(path);
  if (current !== 'missing' && current?.token === token) fs.rmSync(path, { force: true });
}

function lockedBy(what: string, owner: LockOwner): LockedError {
  return new LockedError(`${what} is locked by process ${owner.pid} on ${owner.host} since ${owner.since}${owner.command ? ` (leasekit ${owner.command})` : ''}; wait for it to finish`);
}

function readOwner(path: string): LockOwner | 'missing' | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
  try {
    const value = JSON.parse(text) as LockOwner;
    return typeof value?.pid === 'number' && typeof value.host === 'string' ? value : undefined;
  } catch {
    return undefined; // not a lock leasekit wrote whole (an old version's half-written one): stale
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true; // cannot check another host: assume it runs
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
