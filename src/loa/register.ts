import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RepositoryError } from '../errors.js';
import { writeFileAtomic } from '../providers/atomic-file.js';
import { acquireFileLock } from '../providers/file-lock.js';

/** Where the letters issued from a repository are recorded, relative to its root. */
export const REGISTER_PATH = 'state/loa-register.json';

/** A letter as issued: enough to tell later whether it still matches the records. */
export interface IssuedLetter {
  id: string;
  lease: string;
  issued: string;
  to?: string;
  format: 'md' | 'html' | 'pdf';
  recordSha256: string;
  termsSha256: string;
  /** sha256 of the letter's bytes as written: a letter edited afterwards is not the one issued. */
  fileSha256: string;
}

export interface Register {
  version: 1;
  letters: IssuedLetter[];
}

/** `LOA-20260601-3F9A2C1B`: the issue day and 32 random bits, never one the register already holds. */
export const DOCUMENT_ID = /LOA-\d{8}-[0-9A-F]{8}/;

/** The register cannot be read: like an unreadable repository, exit 2. */
export class RegisterError extends RepositoryError {}

export function readRegister(root: string): Register {
  const file = path.join(root, REGISTER_PATH);
  if (!fs.existsSync(file)) return { version: 1, letters: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RegisterError(`${REGISTER_PATH}: not valid JSON (${(err as Error).message}); restore it from git`);
  }
  const register = parsed as Partial<Register>;
  if (register?.version !== 1 || !Array.isArray(register.letters)) throw new RegisterError(`${REGISTER_PATH}: expected {"version": 1, "letters": [...]}`);
  return register as Register;
}

export function newDocumentId(register: Register, at: string): string {
  const taken = new Set(register.letters.map((l) => l.id));
  for (;;) {
    const id = `LOA-${at.replace(/-/g, '')}-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * Adds letters and writes the register whole and atomically (a reader never sees half a file),
 * under a lock so that two runs at once cannot drop each other's letters.
 */
export function recordLetters(root: string, letters: readonly IssuedLetter[]): void {
  const file = path.join(root, REGISTER_PATH);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const release = acquireFileLock(`${file}.lock`, REGISTER_PATH);
  try {
    const register = readRegister(root);
    register.letters.push(...letters);
    writeFileAtomic(file, `${JSON.stringify(register, null, 2)}\n`);
  } finally {
    release();
  }
}
