import fs from 'node:fs';
import path from 'node:path';

export const CONFIG_FILE = 'leasekit.yaml';

/**
 * The repository a command run in `start` means: the nearest folder from `start` upwards that
 * holds leasekit.yaml, as git finds .git; `start` itself when none does (a repository may have
 * no configuration). Whether that folder is a lease repository at all is the loader's question.
 */
export function findRepositoryRoot(start: string): string {
  for (let dir = path.resolve(start); ; ) {
    if (fs.existsSync(path.join(dir, CONFIG_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}
