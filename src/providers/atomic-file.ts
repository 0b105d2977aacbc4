import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that a reader sees the old or the new content, never a mix: temp file, fsync,
 * rename. The temp file is new (O_EXCL, a random name: never a planted link) and is removed when
 * anything fails, a full disk included, so no `*.tmp` is left behind.
 */
export function writeFileAtomic(target: string, content: string, faultHook?: () => void): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(temp, 'wx');
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    faultHook?.();
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  syncDirectory(path.dirname(target));
}

function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // some filesystems refuse fsync on a directory; the rename itself is still atomic
  }
}
