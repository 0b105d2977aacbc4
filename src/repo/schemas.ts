import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AnySchemaObject, ErrorObject } from 'ajv';
import type Ajv2020Type from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';

// ajv ships CommonJS whose default export does not survive nodenext's ESM interop; require it.
const require = createRequire(import.meta.url);
const Ajv2020 = (require('ajv/dist/2020') as { default: typeof Ajv2020Type.default }).default;
const addFormats = (require('ajv-formats') as { default: FormatsPlugin }).default;

const SCHEMA_DIR = new URL('../../schema/', import.meta.url);
const SCHEMA_FILES = ['common', 'party', 'holding', 'contract', 'lease', 'delegation', 'record', 'leasekit'];
// Each schema's $id is its file name: editors resolve the sibling $refs against the file itself, ajv by these ids.
const fileOf = (name: string) => `${name}.schema.json`;

export type SchemaName = 'party' | 'holding' | 'contract' | 'lease' | 'delegation' | 'leasekit';

export interface SchemaSet {
  validate(name: SchemaName, value: unknown): ErrorObject[];
  /** The property names a schema (or one of its nested objects, by JSON pointer) allows, for "did you mean". */
  knownFields(name: SchemaName, pointer: string): string[];
}

let cached: SchemaSet | undefined;

/** Compiles every schema once per process (ajv: compile once, validate many). */
export function schemas(): SchemaSet {
  cached ??= compileSchemas();
  return cached;
}

function compileSchemas(): SchemaSet {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv, ['date', 'email', 'uri']);
  const raw = new Map<string, unknown>(); // by file name, as $refs name them
  for (const name of SCHEMA_FILES) {
    const schema = JSON.parse(fs.readFileSync(new URL(fileOf(name), SCHEMA_DIR), 'utf8')) as AnySchemaObject;
    raw.set(fileOf(name), schema);
    ajv.addSchema(schema);
  }
  return {
    validate(name, value) {
      const fn = ajv.getSchema(fileOf(name)); // compiled on first use, then cached by ajv
      if (!fn) throw new Error(`schema ${name} is not installed`);
      return fn(value) ? [] : (fn.errors ?? []);
    },
    knownFields(name, pointer) {
      return propertiesAt(raw, raw.get(fileOf(name)), pointer);
    },
  };
}

/** Follows a data pointer like `/rpki` or `/documents/0` through `properties` and `items` (and local `$ref`s). */
function propertiesAt(raw: Map<string, unknown>, schema: unknown, pointer: string): string[] {
  let node = resolveRef(raw, schema);
  for (const step of pointer.split('/').slice(1)) {
    const props = (node as { properties?: Record<string, unknown> })?.properties;
    node = resolveRef(raw, /^\d+$/.test(step) ? (node as { items?: unknown })?.items : props?.[step]);
  }
  return Object.keys((node as { properties?: object })?.properties ?? {});
}

function resolveRef(raw: Map<string, unknown>, node: unknown): unknown {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  if (!ref) return node;
  const [file, fragment = ''] = ref.split('#');
  const base = raw.get(file);
  return fragment.split('/').slice(1).reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], base);
}
