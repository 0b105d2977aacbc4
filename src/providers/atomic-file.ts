import fs from 'node:fs';
import path from 'node:path';

/** Writes a file so that a reader sees the old or the new content, never a mix: temp file, fsync, rename. */
export function writeFileAtomic(target: string, content: string, faultHook?: () => void): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  faultHook?.();
  fs.renameSync(temp, target);
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
