import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { recordsInFile, type FileRecord, type LoadedFile } from './file-records.js';
import { readText } from './files.js';
import { loadAll } from './parallel-load.js';
import { SourceFile } from './source-file.js';

/**
 * The content-addressed parse cache (docs/parse-cache.md): what loading a file found,
 * keyed by the SHA-1 of its text, so a file whose bytes did not change is not parsed or
 * schema-checked again. Every file is still read (that is how a change is seen) and every
 * record still goes to the rules; a finding's line and column depend only on the text, so
 * they stay exact under any file name. One JSON file, rewritten only when
 * something changed, so GitHub's cache action can save and restore the folder.
 */
const PACK_FILE = 'parse-v1.json';
/** Bumped when what the loader stores changes shape or meaning. */
const FORMAT = 'leasekit-parse-cache 1';

interface Entry {
  records: FileRecord[];
  /** Their `file` is the name they were first seen under; it is replaced (in place, keeping the key order) on reuse. */
  diagnostics: Diagnostic[];
}

interface Pack {
  salt: string;
  entries: Record<string, Entry>;
}

export interface CacheUse {
  files: LoadedFile[];
  reused: number;
}

/** Loads every file, reusing what the cache holds for unchanged text, and rewrites the cache when it changed. */
export function loadWithCache(root: string, paths: readonly string[], cacheDir: string, env: NodeJS.ProcessEnv = process.env): CacheUse {
  const dir = path.resolve(root, cacheDir);
  let salt: string;
  try {
    salt = saltOf();
  } catch {
    return { files: loadAll(root, paths, env), reused: 0 }; // no package.json beside the code (a bundle): no cache
  }
  const old = readPack(dir, salt);
  if (!old) {
    const files = loadAll(root, paths, env); // nothing to reuse: load on both threads, then store it all
    writePack(dir, salt, files, new Map());
    return { files, reused: 0 };
  }
  const files: LoadedFile[] = [];
  const keys = new Map<LoadedFile, string>();
  let reused = 0;
  for (const rel of paths) {
    const read = readText(path.join(root, rel), rel);
    if (!(read instanceof SourceFile)) {
      files.push({ path: rel, records: [], diagnostics: [{ severity: 'error', code: read.code, message: read.message, file: rel, line: 1, column: 1 }] });
      continue;
    }
    const key = keyOf(read.text);
    const entry = Object.hasOwn(old.entries, key) ? old.entries[key] : undefined;
    const loaded: LoadedFile = entry
      ? { path: rel, text: read.text, records: entry.records, diagnostics: entry.diagnostics.map((d) => ({ ...d, file: rel })) }
      : { path: rel, text: read.text, ...recordsInFile(read) };
    if (entry) reused++;
    keys.set(loaded, key);
    files.push(loaded);
  }
  const stale = reused !== files.length || Object.keys(old.entries).length !== reused;
  if (stale) writePack(dir, salt, files, keys);
  return { files, reused };
}

const keyOf = (text: string) => crypto.hash('sha1', text);

/** What the cached results depend on besides the text: the cache format, leasekit's version and the schemas. */
function saltOf(): string {
  const hash = crypto.createHash('sha1').update(FORMAT);
  hash.update(fs.readFileSync(new URL('../../package.json', import.meta.url)));
  const schemaDir = new URL('../../schema/', import.meta.url);
  for (const name of fs.readdirSync(schemaDir).sort()) hash.update(name).update(fs.readFileSync(new URL(name, schemaDir)));
  return hash.digest('hex');
}

function readPack(dir: string, salt: string): Pack | undefined {
  try {
    const pack = JSON.parse(fs.readFileSync(path.join(dir, PACK_FILE), 'utf8')) as Pack;
    return pack?.salt === salt && typeof pack.entries === 'object' && pack.entries !== null ? pack : undefined;
  } catch {
    return undefined; // none yet, unreadable or from another version: start afresh
  }
}

/** Writes the entries of this run's files (so the pack never outgrows the repository); best effort. */
function writePack(dir: string, salt: string, files: LoadedFile[], keys: Map<LoadedFile, string>): void {
  const entries: Record<string, Entry> = {};
  for (const file of files) {
    if (file.text === undefined || !file.records.every((r) => jsonExact(r.fields))) continue; // .nan, .inf, -0 do not survive JSON
    const key = keys.get(file) ?? keyOf(file.text);
    entries[key] = { records: file.records, diagnostics: file.diagnostics };
  }
  const target = path.join(dir, PACK_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify({ salt, entries }));
    fs.renameSync(temporary, target);
  } catch {
    fs.rmSync(temporary, { force: true }); // a read-only checkout still validates, only without the cache
  }
}

/** Whether JSON gives this value back exactly (YAML's core schema only adds non-finite numbers and -0). */
function jsonExact(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (value === undefined) return false;
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(jsonExact);
  return Object.values(value).every(jsonExact);
}
