import fs from 'node:fs';
import path from 'node:path';
import { compileDesired } from '../compile/desired.js';
import { leaseState } from '../compile/lease-state.js';
import type { DesiredObject } from '../model/objects.js';
import type { Repository } from '../repo/load.js';
import { usable } from '../repo/record.js';
import { validate } from '../rules/index.js';
import { LoaRefused, letterFacts, letterSubject, sha256 } from './facts.js';
import { publicationStates } from './publication.js';
import { newDocumentId, readRegister, recordLetters, type IssuedLetter } from './register.js';
import { renderLetter, type LetterFormat } from './render.js';

export interface IssueRequest {
  /** One lease, or (`all`) every lease published on `at`. */
  lease?: string;
  all?: boolean;
  at: string;
  format: LetterFormat;
  to?: string;
  /** A file for one letter, a folder for --all; absent: the caller prints the one letter. */
  out?: string;
  env: NodeJS.ProcessEnv;
}

export interface Letter {
  letter: IssuedLetter;
  content: Buffer;
  file?: string;
}

/**
 * Writes letters of authorisation and records their document ids in the register, so
 * that `loa verify` can later tell whether each still matches the records.
 */
export async function issueLetters(repo: Repository, request: IssueRequest): Promise<Letter[]> {
  const { at } = request;
  const validation = validate(repo, at);
  const model = validation.model;
  const desired = compileDesired(model, at);
  const subjects =
    request.all
      ? model.repo.byKind.lease.filter((l) => leaseState(model, l, at) === 'published' && (usable(l, 'origins') ?? []).length > 0).map((l) => letterSubject(model, l.id, at, desired))
      : [letterSubject(model, request.lease ?? '', at, desired)];
  if (validation.errors > 0) throw new LoaRefused(`the repository has ${validation.errors} validation error(s); a letter must not state what the records do not support. Run leasekit validate.`);
  const objects: DesiredObject[] = subjects.flatMap((s) => s.objects);
  const states = await publicationStates(model, objects, request.env);
  const register = readRegister(repo.root);
  const letters: Letter[] = [];
  for (const { lease, objects: own } of subjects) {
    const documentId = newDocumentId(register, at);
    const facts = letterFacts({ model, lease, at, documentId, addressee: request.to, objects: own.map((object) => ({ object, state: states.get(object)! })) });
    const content = await renderLetter(facts, request.format, repo.root);
    const letter: IssuedLetter = {
      id: documentId,
      lease: lease.id,
      issued: at,
      ...(request.to ? { to: request.to } : {}),
      format: request.format,
      recordSha256: facts.recordSha256,
      termsSha256: facts.termsSha256,
      fileSha256: sha256(content),
    };
    register.letters.push(letter); // reserves the id for the next letter of this run
    letters.push({ letter, content, file: outputFile(request, lease.id) });
  }
  for (const { content, file } of letters) {
    if (!file) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  recordLetters(repo.root, letters.map((l) => l.letter));
  return letters;
}

function outputFile(request: IssueRequest, leaseId: string): string | undefined {
  if (!request.out) return undefined;
  return request.all ? path.join(request.out, `loa-${leaseId}.${request.format}`) : request.out;
}
