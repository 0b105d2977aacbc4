import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { KINDS, type Kind } from '../model/records.js';
import { readText } from './files.js';
import { checkSchema } from './schema-diagnostics.js';
import { SourceFile } from './source-file.js';
import { suggest } from '../util/suggest.js';
import { documentOffset, locate, parseYaml, type YamlDocument, type YamlProblem } from './yaml-documents.js';

/**
 * One record as a file yields it: plain data, so it can cross from a worker thread or come
 * out of the parse cache. The loader wraps it into a RecordOf that points at its file.
 */
export interface FileRecord {
  kind: Kind;
  id: string;
  fields: Record<string, unknown>;
  /** The record's document among the file's documents, from 0. */
  doc: number;
  /** Top-level fields that failed their schema (usually none). */
  invalid?: string[];
}

/** Everything loading one file found: its text (kept to locate later findings), records and findings, located. */
export interface LoadedFile {
  path: string;
  /** Absent when the file could not be read as YAML text. */
  text?: string;
  records: FileRecord[];
  diagnostics: Diagnostic[];
}

/** Reads, parses and schema-checks one record file. Runs on either thread. */
export function loadFile(root: string, rel: string): LoadedFile {
  const read = readText(path.join(root, rel), rel);
  if (!(read instanceof SourceFile)) {
    return { path: rel, records: [], diagnostics: [{ severity: 'error', code: read.code, message: read.message, file: rel, line: 1, column: 1 }] };
  }
  return { path: rel, text: read.text, ...recordsInFile(read) };
}

/** The records of one file and the findings made loading them (YAML, shape, schema). */
export function recordsInFile(file: SourceFile): { records: FileRecord[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { documents, problems } = parseYaml(file);
  diagnostics.push(...problems.map((p) => yamlDiagnostic(file, p)));
  if (documents.length === 0 && problems.length === 0) {
    diagnostics.push(fileDiagnostic(file, 0, 'file holds no records: write at least one document with kind and id'));
  }
  const records: FileRecord[] = [];
  for (const doc of documents) {
    const record = recordOf(file, doc, diagnostics);
    if (record) records.push(record);
  }
  return { records, diagnostics };
}

function recordOf(file: SourceFile, doc: YamlDocument, diagnostics: Diagnostic[]): FileRecord | undefined {
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
    const hint = typeof kind === 'string' ? suggest(kind, KINDS) : undefined;
    const message = kind === undefined ? `${nth()} has no 'kind'` : `unknown kind ${shortValue(kind)}${hint ? ` (did you mean '${hint}'?)` : ''}`;
    diagnostics.push(atPath(file, doc, kind === undefined ? [] : ['kind'], `${message}; expected one of: ${KINDS.join(', ')}`, id));
    return undefined;
  }
  const { diagnostics: found, invalidFields } = checkSchema(kind as Kind, value, { file, doc, kind: kind as string, id });
  diagnostics.push(...found);
  if (id === undefined) return undefined; // reported by the schema; rules cannot name the record
  return invalidFields.size ? { kind: kind as Kind, id, fields, doc: doc.index, invalid: [...invalidFields] } : { kind: kind as Kind, id, fields, doc: doc.index };
}

const SHOWN_CHARS = 60;

/** A value for a message: a scalar as JSON, cut short; a list or mapping by its shape, never serialised whole. */
export function shortValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > SHOWN_CHARS ? `${json.slice(0, SHOWN_CHARS)}...` : json;
}

function atPath(file: SourceFile, doc: YamlDocument, p: string[], message: string, id?: string): Diagnostic {
  const offset = p.length ? locate(file, doc, p) : documentOffset(file, doc);
  return { ...fileDiagnostic(file, offset, message), ...(id ? { id } : {}) };
}

function fileDiagnostic(file: SourceFile, offset: number, message: string): Diagnostic {
  return { severity: 'error', code: 'schema', message, ...file.location(offset) };
}

export function yamlDiagnostic(file: SourceFile, problem: YamlProblem): Diagnostic {
  return { severity: 'error', code: problem.code, message: problem.message, ...file.location(problem.offset) };
}
