import fs from 'node:fs';
import path from 'node:path';
import { RepositoryError } from '../errors.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { KINDS, type Kind } from '../model/records.js';
import { configFrom, type Config } from './config.js';
import { readRecordFiles, readText } from './files.js';
import type { AnyRecord, RecordOf } from './record.js';
import { checkSchema } from './schema-diagnostics.js';
import { CONFIG_FILE } from './root.js';
import { SourceFile } from './source-file.js';
import { parseAll } from './parallel-parse.js';
import { documentOffset, locate, parseYaml, type ParsedYaml, type YamlDocument, type YamlProblem } from './yaml-documents.js';

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

export function loadRepository(root: string): Repository {
  assertFolder(root);
  const diagnostics: Diagnostic[] = [];
  const config = loadConfig(root, diagnostics);
  const { files, problems } = readRecordFiles(root);
  for (const p of problems) diagnostics.push({ severity: 'error', code: p.code, message: p.message, file: p.path, line: 1, column: 1 });
  const records: AnyRecord[] = [];
  const parsed = parseAll(files);
  files.forEach((file, i) => records.push(...recordsOf(file, diagnostics, parsed[i])));
  const byKind = { party: [], holding: [], contract: [], lease: [], delegation: [] } as unknown as Repository['byKind'];
  for (const r of records) (byKind[r.kind] as AnyRecord[]).push(r);
  return { root, config, records, byKind, diagnostics };
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
export function recordsOf(file: SourceFile, diagnostics: Diagnostic[], parsed: ParsedYaml = parseYaml(file)): AnyRecord[] {
  const { documents, problems } = parsed;
  diagnostics.push(...problems.map((p) => yamlDiagnostic(file, p)));
  if (documents.length === 0 && problems.length === 0) {
    diagnostics.push(fileDiagnostic(file, 0, 'file holds no records: write at least one document with kind and id'));
  }
  const records: AnyRecord[] = [];
  for (const doc of documents) {
    const record = recordOf(file, doc, diagnostics);
    if (record) records.push(record);
  }
  return records;
}

function recordOf(file: SourceFile, doc: YamlDocument, diagnostics: Diagnostic[]): AnyRecord | undefined {
  const value = doc.value;
  const nth = () => `document ${doc.index + 1}`; // built only for a finding
  if (value === null || value === undefined) {
    diagnostics.push(fileDiagnostic(file, documentOffset(file, doc), `${nth()} is empty: every document must be one record with kind and id`));
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : `a ${typeof value === 'string' ? 'string' : 'scalar'}`;
    diagnostics.push(fileDiagnostic(file, documentOffset(file, doc), `${nth()} is ${what}; a record is a mapping with kind and id (separate records with ---)`));
    return undefined;
  }
  const fields = value as Record<string, unknown>;
  const kind = fields.kind;
  const id = typeof fields.id === 'string' ? fields.id : typeof fields.id === 'number' ? String(fields.id) : undefined;
  if (!KINDS.includes(kind as Kind)) {
    const message = kind === undefined ? `${nth()} has no 'kind'` : `unknown kind ${JSON.stringify(kind)}`;
    diagnostics.push(atPath(file, doc, kind === undefined ? [] : ['kind'], `${message}; expected one of: ${KINDS.join(', ')}`, id));
    return undefined;
  }
  const { diagnostics: found, invalidFields } = checkSchema(kind as Kind, value, { file, doc, kind: kind as string, id });
  diagnostics.push(...found);
  if (id === undefined) return undefined; // reported by the schema; rules cannot name the record
  return { kind, id, fields, file, doc, invalid: invalidFields, derived: undefined } as unknown as AnyRecord;
}

function atPath(file: SourceFile, doc: YamlDocument, p: string[], message: string, id?: string): Diagnostic {
  const offset = p.length ? locate(file, doc, p) : documentOffset(file, doc);
  return { ...fileDiagnostic(file, offset, message), ...(id ? { id } : {}) };
}

function fileDiagnostic(file: SourceFile, offset: number, message: string): Diagnostic {
  return { severity: 'error', code: 'schema', message, ...file.location(offset) };
}

function yamlDiagnostic(file: SourceFile, problem: YamlProblem): Diagnostic {
  return { severity: 'error', code: problem.code, message: problem.message, ...file.location(problem.offset) };
}
