import fs from 'node:fs';
import path from 'node:path';
import { Document, isNode } from 'yaml';
import { UsageError } from '../errors.js';
import type { DraftRecord, Drafts } from './drafts.js';

const FILES: Array<[keyof Drafts & ('parties' | 'holdings' | 'contracts' | 'leases'), string]> = [
  ['parties', 'parties.yaml'],
  ['holdings', 'holdings.yaml'],
  ['contracts', 'contracts.yaml'],
  ['leases', 'leases.yaml'],
];

/** One file per kind that has drafts (an empty file would not validate); never overwrites. Returns the files written. */
export function writeDrafts(outDir: string, drafts: Drafts, source: string): string[] {
  const files = FILES.filter(([kind]) => drafts[kind].length).map(([kind, file]) => [path.join(outDir, file), drafts[kind]] as const);
  const existing = files.filter(([file]) => fs.existsSync(file)).map(([file]) => file);
  if (existing.length) throw new UsageError(`import will not overwrite ${existing.join(', ')}: move them away or pick another --out`);
  fs.mkdirSync(outDir, { recursive: true });
  for (const [file, records] of files) fs.writeFileSync(file, renderDraftFile(records, source));
  return files.map(([file]) => file);
}

/** A YAML file of draft records under a banner, each TODO as a comment where it applies. */
export function renderDraftFile(records: readonly DraftRecord[], source: string): string {
  const banner = [`DRAFT imported by leasekit from ${source}.`, 'Review every TODO, then move these records where they belong. Nothing here was written to any registry.'];
  return `${banner.map((line) => `# ${line}`).join('\n')}\n${records.map(renderRecord).join('---\n')}`;
}

function renderRecord(record: DraftRecord): string {
  const doc = new Document({ kind: record.kind, id: record.id, ...record.fields });
  // on the mapping, not the document, so the TODOs sit right above `kind:`
  if (record.todo.length && isNode(doc.contents)) doc.contents.commentBefore = record.todo.map((t) => ` TODO: ${t}`).join('\n');
  for (const [field, todo] of Object.entries(record.fieldTodo ?? {})) {
    const node = doc.get(field, true);
    if (isNode(node)) node.comment = ` TODO: ${todo}`;
  }
  return doc.toString({ flowCollectionPadding: true });
}
