import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { isWithin } from '../repo/files.js';
import { locationOf, usable } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';

/** document-missing, document-hash-mismatch and path-escape for a contract's signed papers. */
export function contractDocuments({ model, root }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  const realRoot = fs.realpathSync(root);
  for (const contract of model.repo.byKind.contract) {
    const documents = usable(contract, 'documents') ?? [];
    documents.forEach((doc, i) => {
      const where = () => locationOf(contract, ['documents', i, 'path']);
      const full = insideRepository(realRoot, doc.path);
      if (full === undefined) {
        found.push(finding('path-escape', contract, where(), `document path '${doc.path}' leaves the repository; keep signed documents inside it and give a relative path`));
      } else if (full === null) {
        found.push(finding('document-missing', contract, where(), `document '${doc.path}' does not exist (paths are relative to the repository root)`));
      } else {
        const actual = sha256(full);
        if (actual !== doc.sha256.toLowerCase()) {
          found.push(finding('document-hash-mismatch', contract, locationOf(contract, ['documents', i, 'sha256']), `document '${doc.path}' has sha256 ${actual}, not the recorded ${doc.sha256}; the file changed after signing, or the hash is wrong`));
        }
      }
    });
  }
  return found;
}

/** The real path of a document inside the repository; null when missing; undefined when it escapes. */
function insideRepository(realRoot: string, relative: string): string | null | undefined {
  if (path.isAbsolute(relative) || relative.includes('\0')) return undefined;
  const joined = path.resolve(realRoot, relative);
  if (!isWithin(realRoot, joined)) return undefined;
  let real: string;
  try {
    real = fs.realpathSync(joined);
  } catch {
    return null;
  }
  if (!isWithin(realRoot, real)) return undefined; // a symbolic link out of the repository
  return fs.statSync(real).isFile() ? real : null;
}

const HASH_CHUNK_BYTES = 1 << 20;

/** Hashed a chunk at a time: a signed scan of any size, 2 GiB and over included, in bounded memory. */
function sha256(file: string): string {
  const hash = crypto.createHash('sha256');
  const chunk = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    for (let read = fs.readSync(fd, chunk); read > 0; read = fs.readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
