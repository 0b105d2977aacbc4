import fs from 'node:fs';
import path from 'node:path';
import { RepositoryError } from '../errors.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Kind } from '../model/records.js';
import { configFrom, type Config } from './config.js';
import { recordsInFile, type FileRecord, type LoadedFile } from './file-records.js';
import { loadWithCache } from './parse-cache.js';
import { listRecordFiles, readText } from './files.js';
import { loadAll } from './parallel-load.js';
import type { AnyRecord, RecordOf } from './record.js';
import { checkSchema } from './schema-diagnostics.js';
import { CONFIG_FILE } from './root.js';
import { SourceFile } from './source-file.js';
import { parseYaml, type YamlProblem } from './yaml-documents.js';

export { CONFIG_FILE };

export interface Repository {
  root: string;
  config: Config;
  /** Every record whose kind and id could be read, in file order then document order. */
  records: AnyRecord[];
  byKind: { [K in Kind]: RecordOf<K>[] };
  /** Findings made while loading: unreadable files, YAML and schema problems. */
  diagnostics: Diagnostic[];
}

export { RepositoryError };

export interface LoadOptions {
  /** The parse cache's folder, relative to the root (docs/parse-cache.md); none by default. */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
}

export function loadRepository(root: string, options: LoadOptions = {}): Repository {
  assertFolder(root);
  const diagnostics: Diagnostic[] = [];
  const config = loadConfig(root, diagnostics);
  const { paths, problems } = listRecordFiles(root);
  for (const p of problems) diagnostics.push({ severity: 'error', code: p.code, message: p.message, file: p.path, line: 1, column: 1 });
  const records: AnyRecord[] = [];
  for (const loaded of loadFiles(root, paths, options)) {
    diagnostics.push(...loaded.diagnostics);
    if (loaded.text === undefined) continue;
    const file = new SourceFile(loaded.path, loaded.text);
    for (const r of loaded.records) records.push(recordFrom(r, file));
  }
  const byKind = { party: [], holding: [], contract: [], lease: [], delegation: [] } as unknown as Repository['byKind'];
  for (const r of records) (byKind[r.kind] as AnyRecord[]).push(r);
  return { root, config, records, byKind, diagnostics };
}


function loadFiles(root: string, paths: string[], { cacheDir, env = process.env }: LoadOptions): LoadedFile[] {
  if (!cacheDir) return loadAll(root, paths, env);
  const { files, reused } = loadWithCache(root, paths, cacheDir, env);
  if (env.LEASEKIT_DEBUG) process.stderr.write(`leasekit: parse cache: ${reused} of ${paths.length} files reused\n`);
  return files;
}

function assertFolder(root: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new RepositoryError(`repository folder ${root} does not exist`);
  }
  if (!stat.isDirectory()) throw new RepositoryError(`repository path ${root} is not a folder`);
  if (!fs.existsSync(path.join(root, CONFIG_FILE)) && !fs.existsSync(path.join(root, 'leases'))) {
    throw new RepositoryError(`${root} is not a lease repository: it has neither ${CONFIG_FILE} nor leases/ (run leasekit init to start one, or pass --repo DIR)`);
  }
}

function loadConfig(root: string, diagnostics: Diagnostic[]): Config {
  const full = path.join(root, CONFIG_FILE);
  if (!fs.existsSync(full)) return configFrom(undefined);
  const file = readText(full, CONFIG_FILE);
  if (!(file instanceof SourceFile)) {
    diagnostics.push({ severity: 'error', code: file.code, message: file.message, file: CONFIG_FILE, line: 1, column: 1 });
    return configFrom(undefined);
  }
  const { documents, problems } = parseYaml(file);
  diagnostics.push(...problems.map((p) => yamlDiagnostic(file, p)));
  const doc = documents[0];
  if (!doc || doc.value === null) return configFrom(undefined);
  const { diagnostics: found, invalidFields } = checkSchema('leasekit', doc.value, { file, doc });
  diagnostics.push(...found);
  const value = { ...(doc.value as Record<string, unknown>) };
  for (const field of invalidFields) delete value[field];
  return configFrom(value);
}

/** The records of one file; loading findings go to `diagnostics`. Also used for files read through the GitHub API. */
export function recordsOf(file: SourceFile, diagnostics: Diagnostic[]): AnyRecord[] {
  const found = recordsInFile(file);
  diagnostics.push(...found.diagnostics);
  return found.records.map((r) => recordFrom(r, file));
}

const NO_INVALID_FIELDS: ReadonlySet<string> = new Set();

/** A loaded record pointing at its file; what rules see. */
function recordFrom(r: FileRecord, file: SourceFile): AnyRecord {
  const invalid = r.invalid ? new Set(r.invalid) : NO_INVALID_FIELDS;
  return { kind: r.kind, id: r.id, fields: r.fields, file, doc: { index: r.doc, value: r.fields }, invalid, derived: undefined } as unknown as AnyRecord;
}

function yamlDiagnostic(file: SourceFile, problem: YamlProblem): Diagnostic {
  return { severity: 'error', code: problem.code, message: problem.message, ...file.location(problem.offset) };
}
