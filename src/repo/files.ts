import fs from 'node:fs';
import path from 'node:path';
import { SourceFile } from './source-file.js';

export const MAX_FILE_BYTES = 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file that could not be taken as YAML text, with the reason. */
export interface FileProblem {
  path: string;
  code: 'yaml-syntax' | 'path-escape';
  message: string;
}

export interface RecordFiles {
  files: SourceFile[];
  problems: FileProblem[];
}

const isYaml = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every *.yaml / *.yml below `dir` (relative to root), in code-unit path order; links out of the repository are not followed. */
export function readRecordFiles(root: string, dir = 'leases'): RecordFiles {
  const realRoot = fs.realpathSync(root);
  const found: string[] = [];
  const problems: FileProblem[] = [];
  walk(realRoot, path.join(root, dir), new Set(), found, problems);
  found.sort(byCodeUnit);
  const files: SourceFile[] = [];
  for (const rel of found) {
    const read = readText(path.join(root, rel), rel);
    if (read instanceof SourceFile) files.push(read);
    else problems.push(read);
  }
  return { files, problems };
}

function walk(realRoot: string, dir: string, seen: Set<string>, found: string[], problems: FileProblem[]): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return; // no leases/ folder: a repository with no records yet
  }
  if (seen.has(real)) return; // a link loop
  seen.add(real);
  const relDir = path.relative(realRoot, real).split(path.sep).join('/');
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    // Dirent types are free; only a link needs a stat to know where it leads
    const link = entry.isSymbolicLink();
    if (link && !insideRoot(realRoot, full)) {
      if (isYaml(entry.name) || isDirectory(full)) {
        problems.push({ path: rel, code: 'path-escape', message: 'symbolic link leads outside the repository (or nowhere); it is not followed' });
      }
      continue;
    }
    if (link ? isDirectory(full) : entry.isDirectory()) walk(realRoot, full, seen, found, problems);
    else if (isYaml(entry.name)) found.push(rel);
  }
}

/** Whether an absolute path is the folder or lies below it (paths compared as text; resolve links first). */
export function isWithin(folder: string, target: string): boolean {
  return target === folder || target.startsWith(folder + path.sep);
}

function insideRoot(realRoot: string, full: string): boolean {
  try {
    return isWithin(realRoot, fs.realpathSync(full));
  } catch {
    return false; // dangling link
  }
}

function isDirectory(full: string): boolean {
  try {
    return fs.statSync(full).isDirectory();
  } catch {
    return false;
  }
}

/** Reads one file as UTF-8 text, refusing what cannot be YAML: too large, binary, badly encoded. */
export function readText(full: string, rel: string): SourceFile | FileProblem {
  const fail = (message: string): FileProblem => ({ path: rel, code: 'yaml-syntax', message });
  let bytes: Buffer;
  try {
    const size = fs.statSync(full).size;
    if (size > MAX_FILE_BYTES) return fail(`file is ${size} bytes; record files are limited to 1 MiB (split it)`);
    bytes = fs.readFileSync(full);
  } catch (err) {
    return fail(`cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (bytes.includes(0)) return fail('file is binary (it contains NUL bytes), not YAML text');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(`file is not valid UTF-8 (first bad byte near offset ${firstBadByte(bytes)}); save it as UTF-8`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return new SourceFile(rel, text);
}

function firstBadByte(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      utf8.decode(bytes.subarray(0, mid + 1));
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
