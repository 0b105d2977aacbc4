import fs from 'node:fs';
import os from 'node:os';
import { RefusalError } from '../errors.js';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  command?: string;
}

/** Another process holds the lock: exit 1, naming it. */
export class LockedError extends RefusalError {}

/**
 * An exclusive lock file created with O_EXCL. A lock left by a process that no longer
 * runs on this host is stale and taken over; a live one makes the caller fail at once.
 */
export function acquireFileLock(path: string, what: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(path, 'wx');
      const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), command: process.argv.slice(2).join(' ') };
      fs.writeSync(fd, JSON.stringify(owner) + '\n');
      fs.closeSync(fd);
      return () => fs.rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(path);
      if (owner && isAlive(owner)) {
        throw new LockedError(`${what} is locked by process ${owner.pid} on ${owner.host} since ${owner.since}${owner.command ? ` (leasekit ${owner.command})` : ''}; wait for it to finish`);
      }
      fs.rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new LockedError(`${what}: could not take the lock ${path}`);
}

function readOwner(path: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return undefined; // half-written or unreadable: treat as stale
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
