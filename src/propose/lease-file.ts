import fs from 'node:fs';
import path from 'node:path';
import { renderTemplate } from '../render/templates.js';
import type { LeaseInput } from './lease-input.js';

const SCHEMA_FILE = 'schema/record.schema.json';

/** Where a new lease goes: beside the other leases in leases/leases/ when that folder exists, else in leases/. */
export function leaseFilePath(root: string, id: string): string {
  const folder = fs.existsSync(path.join(root, 'leases', 'leases')) ? 'leases/leases' : 'leases';
  return `${folder}/${id}.yaml`;
}

/** The lease file's text, from templates/lease.yaml.hbs; `file` is relative to `root`. */
export function renderLeaseFile(input: LeaseInput, root: string, file: string): string {
  // the editor's schema line only where the schema is: leasekit's own example repository
  const schemaPath = fs.existsSync(path.join(root, SCHEMA_FILE)) ? path.posix.relative(path.posix.dirname(file), SCHEMA_FILE) : null;
  return renderTemplate('lease.yaml.hbs', {
    schemaPath,
    id: input.id,
    contract: input.contract,
    prefix: input.prefix,
    start: input.start ?? null,
    end: input.end ?? null,
    origins: input.origins,
    maxLength: input.maxLength ?? null,
    note: input.note ?? null,
  });
}
