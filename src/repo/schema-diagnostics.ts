import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceFile } from './source-file.js';
import { locate, type Path, type YamlDocument } from './yaml-documents.js';
import { schemas, type SchemaName } from './schemas.js';
import { suggest } from '../util/suggest.js';

/** Values a dedicated rule reports with its own code (prefix-invalid, asn-invalid), so the schema stays quiet on them. */
const RULE_OWNED = [/^\/prefix$/, /^\/asns\/\d+$/, /^\/origins\/\d+$/];

export interface SchemaFindings {
  diagnostics: Diagnostic[];
  /** Top-level fields with a schema violation. */
  invalidFields: Set<string>;
}

export interface Subject {
  file: SourceFile;
  doc: YamlDocument;
  kind?: string;
  id?: string;
}

/** Validates a document against a schema and turns each violation into a diagnostic at the offending value. */
const NO_FINDINGS: SchemaFindings = Object.freeze({ diagnostics: [], invalidFields: new Set<string>() });

export function checkSchema(name: SchemaName, value: unknown, subject: Subject): SchemaFindings {
  const all = schemas().validate(name, value);
  if (all.length === 0) return NO_FINDINGS; // the common case allocates nothing
  const errors = all.filter(relevant);
  const invalidFields = new Set<string>();
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of errors) {
    const path = pathOf(error.instancePath);
    if (typeof path[0] === 'string' && error.keyword !== 'additionalProperties') invalidFields.add(path[0]);
    const diagnostic = toDiagnostic(name, error, path, subject);
    const key = `${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`;
    if (!seen.has(key)) diagnostics.push(diagnostic);
    seen.add(key);
  }
  return { diagnostics, invalidFields };
}

function relevant(error: ErrorObject): boolean {
  // if/then and anyOf wrappers repeat what their inner error already says
  if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') return false;
  return !RULE_OWNED.some((re) => re.test(error.instancePath));
}

function pathOf(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function toDiagnostic(name: SchemaName, error: ErrorObject, path: Path, subject: Subject): Diagnostic {
  const { file, doc } = subject;
  let offset: number;
  if (error.keyword === 'additionalProperties') {
    offset = locate(file, doc, [...path, error.params.additionalProperty as string], 'key');
  } else if (error.keyword === 'required' && path.length === 0 && subject.id !== undefined) {
    offset = locate(file, doc, ['id']);
  } else {
    offset = locate(file, doc, path);
  }
  return {
    severity: 'error',
    code: 'schema',
    message: messageFor(name, error, path),
    ...file.location(offset),
    ...(subject.kind ? { kind: subject.kind } : {}),
    ...(subject.id !== undefined ? { id: subject.id } : {}),
  };
}

function fieldName(path: Path): string {
  return path.length === 0 ? 'the record' : `'${path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[')}'`;
}

function messageFor(name: SchemaName, error: ErrorObject, path: Path): string {
  const where = fieldName(path);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknown = String(p.additionalProperty);
      const known = schemas().knownFields(name, error.instancePath);
      const hint = suggest(unknown, known);
      return `unknown field '${unknown}'${path.length ? ` in ${where}` : ''}${hint ? ` (did you mean '${hint}'?)` : ''}; allowed: ${known.join(', ')}`;
    }
    case 'required':
      return `missing required field '${String(p.missingProperty)}'${path.length ? ` in ${where}` : ''}`;
    case 'type':
      return `${where} must be ${article(String(p.type))}`;
    case 'format':
      return p.format === 'date'
        ? `${where} must be a real calendar date written YYYY-MM-DD (quote it or not; e.g. 2026-01-31)`
        : `${where} is not a valid ${String(p.format)}`;
    case 'pattern':
      return patternMessage(where, path, String(p.pattern));
    case 'enum':
      return `${where} must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `${where} must be ${JSON.stringify(p.allowedValue)}`;
    case 'minItems':
      return `${where} must list at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${where} ${error.message ?? 'is out of range'}`;
    case 'minLength':
      return `${where} must not be empty`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function article(type: string): string {
  const words = type.split(',').map((t) => (t === 'integer' ? 'an integer' : t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : `a ${t}`));
  return words.join(' or ');
}

function patternMessage(where: string, path: Path, pattern: string): string {
  if (pattern.startsWith('^[a-z0-9][a-z0-9._-]')) {
    return `${where} must be an id: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 63 characters`;
  }
  if (path[path.length - 1] === 'sha256') return `${where} must be 64 hexadecimal digits (a SHA-256 digest)`;
  if (path[path.length - 1] === 'country') return `${where} must be an ISO 3166 alpha-2 code in capitals, e.g. NL`;
  return `${where} must match ${pattern}`;
}
