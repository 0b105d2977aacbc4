// Who held a prefix, and when: the leases in the tree plus those whose records were removed
// (typically by the expiry pull request), found in git history with the commit that removed them.
import type { SimpleGit } from 'simple-git';
import { isActive, isIsoDay, type Term } from '../model/dates.js';
import type { Resolved } from '../resolve/resolved.js';
import { contains, overlaps, parsePrefix, type Prefix } from '../net/ipv4.js';
import { recordsOf } from '../repo/load.js';
import type { AnyRecord, RecordOf } from '../repo/record.js';
import { SourceFile } from '../repo/source-file.js';
import type { LeaseView, RemovedIn } from './view.js';

export interface HistoryRow {
  id: string;
  prefix: string;
  /** How the lease relates to the asked prefix. */
  relation: 'equal' | 'covers' | 'inside';
  counterparty: string;
  counterpartyName: string;
  contract: string;
  start: string;
  end: string | null;
  file: string;
  removed: RemovedIn | null;
}

export interface HistoryReport {
  prefix: string;
  on: string | null;
  /** Whether git history was searched (false outside a git working copy). */
  searchedGit: boolean;
  leases: HistoryRow[];
}

/** Every lease, current or removed, that covered or lay inside `query` (on `on`, or ever), by start. */
export async function historyReport(current: LeaseView[], model: Resolved, query: Prefix, on: string | undefined, git: SimpleGit | undefined): Promise<HistoryReport> {
  const removed = git ? await removedLeases(git, model) : [];
  const rows = [...current, ...removed]
    .filter((l) => overlaps(l.prefix, query) && (on === undefined || isActive(l.term, on)))
    .map((l) => historyRow(l, query))
    .sort((a, b) => a.start.localeCompare(b.start) || a.prefix.localeCompare(b.prefix) || a.id.localeCompare(b.id));
  return { prefix: query.text, on: on ?? null, searchedGit: git !== undefined, leases: rows };
}

function historyRow(l: LeaseView, query: Prefix): HistoryRow {
  const relation = l.prefix.start === query.start && l.prefix.length === query.length ? 'equal' : contains(l.prefix, query) ? 'covers' : 'inside';
  return {
    id: l.id,
    prefix: l.prefix.text,
    relation,
    counterparty: l.counterparty,
    counterpartyName: l.counterpartyName,
    contract: l.contract,
    start: l.term.start,
    end: l.term.end ?? null,
    file: l.file,
    removed: l.removedIn ?? null,
  };
}

type Tracked = 'lease' | 'contract' | 'party';

interface Removed {
  record: AnyRecord;
  removedIn: RemovedIn;
}

/**
 * Lease, contract and party records that were in the tree once and are not now. Walking the
 * first-parent history newest first, a record missing from the tree that appears in the
 * parent's version of a file a commit changed was removed by that commit: any later removal
 * would have been met first. A record re-added under the same id counts as current.
 */
async function removedLeases(git: SimpleGit, model: Resolved): Promise<LeaseView[]> {
  const found = new Map<string, Removed>();
  const inTree = (kind: Tracked, id: string) => model.byId[kind].has(id);
  const prefix = (await git.revparse(['--show-prefix'])).trim();
  for (const commit of await leaseCommits(git)) {
    if (!commit.parent) continue;
    for (const file of commit.files) {
      const text = await git.show([`${commit.parent}:${file}`]).catch(() => undefined);
      if (text === undefined) continue;
      const repoPath = file.startsWith(prefix) ? file.slice(prefix.length) : file;
      for (const record of recordsOf(new SourceFile(repoPath, text), [])) {
        if (record.kind === 'holding' || record.kind === 'delegation') continue;
        const key = `${record.kind}:${record.id}`;
        if (inTree(record.kind, record.id) || found.has(key)) continue;
        found.set(key, { record, removedIn: { commit: commit.hash, date: commit.date, subject: commit.subject, file: repoPath } });
      }
    }
  }
  return [...found.values()].flatMap((r) => (r.record.kind === 'lease' ? removedView(r.record, r.removedIn, model, found) : []));
}

interface CommitFiles {
  hash: string;
  parent?: string;
  date: string;
  subject: string;
  /** Record files changed or deleted (paths from the top of the working copy). */
  files: string[];
}

async function leaseCommits(git: SimpleGit): Promise<CommitFiles[]> {
  const out = await git.raw(['log', '--first-parent', '-m', '--no-renames', '--name-status', '--format=%x00%H%x09%P%x09%cs%x09%s', '--', 'leases']);
  const commits: CommitFiles[] = [];
  for (const block of out.split('\0').slice(1)) {
    const [header, ...lines] = block.split('\n');
    const [hash, parents, date, ...subject] = header.split('\t');
    const files = lines
      .map((line) => line.split('\t'))
      .filter(([status, file]) => (status === 'D' || status === 'M') && /\.ya?ml$/.test(file ?? ''))
      .map(([, file]) => file);
    commits.push({ hash, parent: parents.split(' ')[0] || undefined, date, subject: subject.join('\t'), files });
  }
  return commits;
}

function removedView(lease: RecordOf<'lease'>, removedIn: RemovedIn, model: Resolved, removed: Map<string, Removed>): LeaseView[] {
  const parsed = parsePrefix(lease.fields.prefix);
  if (!parsed.ok) return [];
  const contract = model.byId.contract.get(lease.fields.contract) ?? (removed.get(`contract:${lease.fields.contract}`)?.record as RecordOf<'contract'> | undefined);
  const partyId = contract?.fields.counterparty ?? '';
  const party = model.byId.party.get(partyId) ?? (removed.get(`party:${partyId}`)?.record as RecordOf<'party'> | undefined);
  const term = termOf(lease.fields, contract?.fields);
  if (!term) return [];
  return [
    {
      id: lease.id,
      prefix: parsed.prefix,
      contract: lease.fields.contract,
      direction: contract?.fields.direction ?? 'outbound',
      counterparty: partyId,
      counterpartyName: party?.fields.name ?? partyId,
      term,
      file: removedIn.file,
      removedIn,
    },
  ];
}

function termOf(own: { start?: string; end?: string }, contract: { start?: string; end?: string } | undefined): Term | undefined {
  const start = own.start ?? contract?.start;
  const end = own.end ?? contract?.end;
  if (typeof start !== 'string' || !isIsoDay(start)) return undefined;
  return typeof end === 'string' && isIsoDay(end) ? { start, end } : { start };
}
