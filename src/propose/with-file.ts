import type { AnyRecord } from '../repo/record.js';
import { recordsOf, type Repository } from '../repo/load.js';
import { SourceFile } from '../repo/source-file.js';

/**
 * The repository as it would be with one more record file, built in memory: validation and
 * planning see the new file in its path-order place, and nothing on disk changes.
 */
export function repositoryWith(repo: Repository, file: string, text: string): Repository {
  const diagnostics = [...repo.diagnostics];
  const added = recordsOf(new SourceFile(file, text), diagnostics);
  const before = repo.records.filter((r) => r.file.path <= file);
  const after = repo.records.filter((r) => r.file.path > file);
  const records: AnyRecord[] = [...before, ...added, ...after];
  const byKind = { party: [], holding: [], contract: [], lease: [], delegation: [] } as unknown as Repository['byKind'];
  for (const r of records) (byKind[r.kind] as AnyRecord[]).push(r);
  return { ...repo, records, byKind, diagnostics };
}
