import type { Diagnostic } from '../model/diagnostic.js';
import { compareDiagnostics } from '../model/diagnostic.js';
import { sourceFromText } from '../repo/files.js';
import { Resolved, type Lease } from '../resolve/resolved.js';
import { recordsOf, type Repository } from '../repo/load.js';
import { locationOf, type AnyRecord } from '../repo/record.js';
import { SourceFile } from '../repo/source-file.js';
import { leaseOverlaps, termSpan, type TermedLease } from '../rules/lease-overlap.js';
import type { Github } from './client.js';
import type { PullRequestRef, RepoRef } from './context.js';
import { publicationWindow } from '../repo/config.js';

/**
 * The gate that sees past one branch: leases this pull request adds or changes that overlap
 * (in space and time, as the lease-overlap rule means it) a lease another open pull request
 * adds. Each merges cleanly alone; whichever merges second fails validation.
 */
export const CONFLICT_CODE = 'open-pr-overlap';

export interface OtherPull {
  number: number;
  title: string;
  url: string;
  headSha: string;
  baseSha: string;
}

interface ChangedFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

interface PullRecords {
  /** Leases the pull request adds or changes. */
  leases: Lease[];
  /** Every record of its changed lease files (contracts and parties its leases may need). */
  records: AnyRecord[];
}

const isRecordFile = (path: string) => /^leases\/.+\.ya?ml$/.test(path);

/** A finding about one of our leases, and the pull request whose lease it meets. */
export interface PullConflict {
  diagnostic: Diagnostic;
  pull: { number: number; title: string; url: string };
}

export async function findPullConflicts(github: Github, repo: RepoRef, self: PullRequestRef, local: Repository): Promise<PullConflict[]> {
  const ourFiles = await changedRecordFiles(github, repo, self.number);
  const ours = await addedByUs(github, repo, self, local, ourFiles);
  if (ours.length === 0) return [];
  const found: PullConflict[] = [];
  for (const other of await otherOpenPulls(github, repo, self)) {
    const theirs = await pullRecords(github, repo, other);
    if (!theirs.leases.length) continue;
    const pull = { number: other.number, title: other.title, url: other.url };
    found.push(...crossOverlaps(local, ours, theirs).map((o) => ({ diagnostic: conflictDiagnostic(o, other), pull })));
  }
  return found.sort((a, b) => compareDiagnostics(a.diagnostic, b.diagnostic) || a.pull.number - b.pull.number);
}

/** The leases of the local checkout that the pull request adds or changes (for its plan comment's timeline). */
export async function leasesChangedBy(github: Github, repo: RepoRef, self: PullRequestRef, local: Repository): Promise<Lease[]> {
  return addedByUs(github, repo, self, local, await changedRecordFiles(github, repo, self.number));
}

/** Our leases in the local checkout, from the files the pull request changes, that differ from the base. */
async function addedByUs(github: Github, repo: RepoRef, self: PullRequestRef, local: Repository, files: ChangedFile[]): Promise<Lease[]> {
  const changed = new Set(files.map((f) => f.filename));
  const mine = local.byKind.lease.filter((l) => changed.has(l.file.path));
  if (mine.length === 0) return [];
  const before = await baseRecords(github, repo, files, self.baseSha);
  return mine.filter((l) => !sameRecordIn(l, before));
}

async function otherOpenPulls(github: Github, repo: RepoRef, self: PullRequestRef): Promise<OtherPull[]> {
  const pulls = await github.paginate(github.rest.pulls.list, { ...repo, state: 'open', ...(self.baseRef ? { base: self.baseRef } : {}), per_page: 100 });
  return pulls
    .filter((p) => p.number !== self.number)
    .map((p) => ({ number: p.number, title: p.title, url: p.html_url, headSha: p.head.sha, baseSha: p.base.sha }));
}

/** What another pull request adds: its changed lease files at its head, minus what its base already has. */
export async function pullRecords(github: Github, repo: RepoRef, pull: OtherPull): Promise<PullRecords> {
  const files = await changedRecordFiles(github, repo, pull.number);
  const heads = await Promise.all(files.map(async (f) => parse(f.filename, await fileText(github, repo, f.filename, pull.headSha))));
  const records = heads.flat();
  const before = await baseRecords(github, repo, files, pull.baseSha);
  const leases = records.filter((r): r is Lease => r.kind === 'lease' && !sameRecordIn(r, before));
  return { leases, records };
}

async function changedRecordFiles(github: Github, repo: RepoRef, number: number): Promise<ChangedFile[]> {
  const files = await github.paginate(github.rest.pulls.listFiles, { ...repo, pull_number: number, per_page: 100 });
  return files.filter((f) => f.status !== 'removed' && isRecordFile(f.filename));
}

/** The base versions of changed files (renamed ones under their old name); added files have none. */
async function baseRecords(github: Github, repo: RepoRef, files: ChangedFile[], baseSha: string): Promise<AnyRecord[]> {
  const existing = files.filter((f) => f.status !== 'added');
  const parsed = await Promise.all(existing.map(async (f) => parse(f.previous_filename ?? f.filename, await fileText(github, repo, f.previous_filename ?? f.filename, baseSha))));
  return parsed.flat();
}

/** A file's text at a commit, or undefined when it is not there. */
export async function fileText(github: Github, repo: RepoRef, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path, ref, mediaType: { format: 'raw' } });
    return typeof data === 'string' ? data : undefined;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}

/**
 * Records of a file read through the API, with the loader's own checks (the 1 MiB cap included)
 * and parsing; its findings, a file refused among them, are that pull request's business.
 */
function parse(path: string, text: string | undefined): AnyRecord[] {
  const file = text === undefined ? undefined : sourceFromText(path, text);
  return file instanceof SourceFile ? recordsOf(file, []) : [];
}

function sameRecordIn(record: AnyRecord, others: AnyRecord[]): boolean {
  const fields = JSON.stringify(record.fields);
  return others.some((o) => o.kind === record.kind && o.id === record.id && JSON.stringify(o.fields) === fields);
}

/** One of our leases against one of theirs. */
interface CrossOverlap {
  ours: TermedLease;
  theirs: TermedLease;
  onlyByQuarantine: boolean;
}

/**
 * Overlaps between our leases and theirs, judged in one model holding our repository plus
 * their records (so their leases find the contracts they add). Identical leases are the same
 * lease, e.g. from a branch stacked on the other: not a conflict.
 */
function crossOverlaps(local: Repository, ours: Lease[], theirs: PullRecords): CrossOverlap[] {
  const known = new Set(local.records.map((r) => `${r.kind}/${r.id}`));
  const extra = theirs.records.filter((r) => r.kind !== 'lease' && !known.has(`${r.kind}/${r.id}`));
  const model = new Resolved(withRecords(local, [...local.records, ...extra, ...theirs.leases]));
  const mine = new Set<AnyRecord>(ours);
  const found: CrossOverlap[] = [];
  const policy = local.config.policy;
  for (const o of leaseOverlaps(model, [...ours, ...theirs.leases], policy.quarantineDays, publicationWindow(policy))) {
    if (mine.has(o.earlier.lease) === mine.has(o.later.lease) || sameRecordIn(o.earlier.lease, [o.later.lease])) continue;
    const [our, their] = mine.has(o.earlier.lease) ? [o.earlier, o.later] : [o.later, o.earlier];
    found.push({ ours: our, theirs: their, onlyByQuarantine: o.onlyByQuarantine });
  }
  return found;
}

function withRecords(repo: Repository, records: AnyRecord[]): Repository {
  const byKind = { party: [], holding: [], contract: [], lease: [], delegation: [] } as unknown as Repository['byKind'];
  for (const r of records) (byKind[r.kind] as AnyRecord[]).push(r);
  return { ...repo, records, byKind, diagnostics: [] };
}

function conflictDiagnostic({ ours, theirs, onlyByQuarantine }: CrossOverlap, other: OtherPull): Diagnostic {
  const why = onlyByQuarantine ? ' within the quarantine period (policy.quarantineDays)' : '';
  const title = other.title.length > 80 ? `${other.title.slice(0, 79)}…` : other.title;
  const message =
    `lease '${ours.lease.id}' (${ours.lease.fields.prefix}, ${termSpan(ours.term)}) overlaps lease '${theirs.lease.id}' ` +
    `(${theirs.lease.fields.prefix}, ${termSpan(theirs.term)})${why} that open pull request #${other.number} ("${title}") adds; ` +
    'each merges alone, but the second to merge will fail validation: agree which lease gets the space';
  const at = locationOf(ours.lease, ['prefix']);
  const related = { ...locationOf(theirs.lease, ['prefix']), id: theirs.lease.id };
  return { severity: 'error', code: CONFLICT_CODE, message, ...at, kind: 'lease', id: ours.lease.id, related: [related] };
}
