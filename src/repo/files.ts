import fs from 'node:fs';
import path from 'node:path';
import { RepositoryError } from '../errors.js';
import { SourceFile } from './source-file.js';

export const MAX_FILE_BYTES = 1024 * 1024;
export const RECORDS_DIR = 'leases';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file that could not be taken as YAML text, with the reason. */
export interface FileProblem {
  path: string;
  code: 'yaml-syntax' | 'path-escape';
  message: string;
}

export interface RecordPaths {
  /** Record files relative to the root, with `/`, in code-unit order. */
  paths: string[];
  problems: FileProblem[];
}


const isYaml = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every *.yaml / *.yml below `leases/`, in code-unit path order. `readdir` with file
 * types says what each entry is, so only symbolic links cost a system call more; a link
 * (the folder itself included) is followed only while it stays inside the repository.
 */
export function listRecordFiles(root: string): RecordPaths {
  const realRoot = fs.realpathSync(root);
  const found: string[] = [];
  const problems: FileProblem[] = [];
  const top = path.join(root, RECORDS_DIR);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(top);
  } catch {
    return { paths: [], problems }; // no leases/ folder: a repository with no records yet
  }
  let realTop = path.join(realRoot, RECORDS_DIR);
  if (stat.isSymbolicLink()) {
    const target = realInside(realRoot, top);
    if (target === undefined) {
      problems.push({ path: RECORDS_DIR, code: 'path-escape', message: `'${RECORDS_DIR}' is a symbolic link that leads outside the repository (or nowhere); it is not followed, so no records were read` });
      return { paths: [], problems };
    }
    realTop = target;
    stat = fs.statSync(target);
  }
  if (!stat.isDirectory()) throw new RepositoryError(`'${RECORDS_DIR}' in ${root} is not a folder: records live in *.yaml files below a ${RECORDS_DIR}/ folder`);
  walk({ realRoot, found, problems, seen: new Set([realTop]) }, top, realTop);
  found.sort(byCodeUnit);
  return { paths: found, problems };
}

interface Walk {
  realRoot: string;
  found: string[];
  problems: FileProblem[];
  /** Real paths of the folders entered, so a link loop is entered once. */
  seen: Set<string>;
}

/** Files are named by their real path, so a folder reached through a link is listed once, under its own name. */
function walk(w: Walk, dir: string, realDir: string): void {
  const rel = path.relative(w.realRoot, realDir).split(path.sep).join('/');
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      const real = path.join(realDir, entry.name);
      if (!w.seen.has(real)) {
        w.seen.add(real);
        walk(w, full, real);
      }
    } else if (entry.isFile()) {
      if (isYaml(entry.name)) w.found.push(relPath);
    } else if (entry.isSymbolicLink() || entry.isFile() === entry.isDirectory()) {
      followLink(w, full, relPath, isYaml(entry.name));
    }
  }
}

/** A link (or an entry the file system did not type): stat it; follow it only inside the repository. */
function followLink(w: Walk, full: string, relPath: string, yamlName: boolean): void {
  const real = realInside(w.realRoot, full);
  let stat: fs.Stats | undefined;
  try {
    stat = real === undefined ? undefined : fs.statSync(real);
  } catch {
    stat = undefined;
  }
  if (!stat) {
    if (yamlName || isDirectoryLink(full)) w.problems.push({ path: relPath, code: 'path-escape', message: 'symbolic link leads outside the repository (or nowhere); it is not followed' });
  } else if (stat.isDirectory()) {
    if (!w.seen.has(real!)) {
      w.seen.add(real!);
      walk(w, full, real!);
    }
  } else if (stat.isFile() && yamlName) w.found.push(relPath);
}

function isDirectoryLink(full: string): boolean {
  try {
    return fs.statSync(full).isDirectory();
  } catch {
    return false;
  }
}

/** The real path of `full` when it lies inside the repository; undefined when it leaves it or leads nowhere. */
function realInside(realRoot: string, full: string): string | undefined {
  try {
    const real = fs.realpathSync(full);
    return isWithin(realRoot, real) ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an absolute path is the folder or lies below it (paths compared as text; resolve links first). */
export function isWithin(folder: string, target: string): boolean {
  return target === folder || target.startsWith(folder + path.sep);
}

// One buffer for every read: a file costs one open, one read and one close, and no garbage.
let readBuffer: Buffer | undefined;

/** Reads one file as UTF-8 text, refusing what cannot be YAML: too large, binary, badly encoded. */
export function readText(full: string, rel: string): SourceFile | FileProblem {
  readBuffer ??= Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
  let length: number;
  let fd: number | undefined;
  try {
    fd = fs.openSync(full, 'r');
    // a regular file is read whole unless it ends first: one read says it is short enough
    length = fs.readSync(fd, readBuffer, 0, readBuffer.length, 0);
    if (length > MAX_FILE_BYTES) return tooLarge(rel, fs.fstatSync(fd).size);
  } catch (err) {
    return { path: rel, code: 'yaml-syntax', message: `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return textOf(rel, readBuffer.subarray(0, length));
}

/** The same checks for text that did not come from a local file (read through the GitHub API). */
export function sourceFromText(rel: string, text: string): SourceFile | FileProblem {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FILE_BYTES) return tooLarge(rel, bytes);
  return textOf(rel, Buffer.from(text));
}

function tooLarge(rel: string, size: number): FileProblem {
  return { path: rel, code: 'yaml-syntax', message: `file is ${size} bytes; record files are limited to 1 MiB (split it)` };
}

function textOf(rel: string, bytes: Buffer): SourceFile | FileProblem {
  const fail = (message: string): FileProblem => ({ path: rel, code: 'yaml-syntax', message });
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
