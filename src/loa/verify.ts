import fs from 'node:fs';
import { UsageError } from '../errors.js';
import { Resolved } from '../resolve/resolved.js';
import { leaseState } from '../compile/lease-state.js';
import type { Repository } from '../repo/load.js';
import { letterFacts, recordSha256, sha256 } from './facts.js';
import { DOCUMENT_ID, readRegister, type IssuedLetter } from './register.js';

/** Letters are tens of kilobytes; anything this large is not one, and is not read into memory. */
const MAX_LETTER_BYTES = 20_000_000;

export interface LetterCheck {
  status: 'valid' | 'revoked' | 'unknown';
  documentId?: string;
  letter?: IssuedLetter;
  /** Why the letter is revoked or unknown, in words for the person holding it. */
  reasons: string[];
}

/**
 * Whether a letter (md, html or pdf) still matches the records on `at`: `unknown` when its
 * id is not in the register or its bytes are not those issued; `revoked` when its lease is
 * gone, no longer published, or changed; else `valid`.
 */
export function verifyLetter(repo: Repository, file: string, at: string): LetterCheck {
  const size = fileSize(file);
  if (size > MAX_LETTER_BYTES) return { status: 'unknown', reasons: [`the file is larger than any letter leasekit writes (${MAX_LETTER_BYTES / 1_000_000} MB)`] };
  const bytes = fs.readFileSync(file);
  const documentId = DOCUMENT_ID.exec(bytes.toString('latin1'))?.[0];
  if (!documentId) return { status: 'unknown', reasons: ['the file carries no leasekit document id (LOA-YYYYMMDD-XXXXXXXX)'] };
  const letter = readRegister(repo.root).letters.find((l) => l.id === documentId);
  if (!letter) return { status: 'unknown', documentId, reasons: [`${documentId} is not in this repository's register of issued letters`] };
  if (sha256(bytes) !== letter.fileSha256) return { status: 'unknown', documentId, letter, reasons: [`the file is not the letter issued as ${documentId}: its content was changed after issue`] };
  const model = new Resolved(repo);
  const lease = model.byId.lease.get(letter.lease);
  if (!lease) return { status: 'revoked', documentId, letter, reasons: [`lease ${letter.lease} no longer exists in the records`] };
  const reasons: string[] = [];
  const state = leaseState(model, lease, at);
  if (state === 'ended') reasons.push(`lease ${lease.id} ended on ${model.leaseTerm(lease)?.end}`);
  else if (state !== 'published') reasons.push(`lease ${lease.id} is not published on ${at}`);
  if (recordSha256(lease) !== letter.recordSha256) reasons.push(`lease ${lease.id} changed since the letter was issued (record sha256 ${recordSha256(lease)}, the letter states ${letter.recordSha256})`);
  else if (currentTerms(model, lease.id, at) !== letter.termsSha256) reasons.push(`the terms of lease ${lease.id} changed since the letter was issued (its contract or a party changed)`);
  return { status: reasons.length ? 'revoked' : 'valid', documentId, letter, reasons };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function currentTerms(model: Resolved, leaseId: string, at: string): string | undefined {
  const lease = model.byId.lease.get(leaseId)!;
  if (!model.prefixOf(lease) || !model.holdingOf(lease) || !model.contractOf(lease) || !model.leaseTerm(lease) || !model.self || !model.counterpartyOf(model.contractOf(lease))) return undefined;
  return letterFacts({ model, lease, at, documentId: '', objects: [] }).termsSha256;
}
