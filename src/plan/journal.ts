import fs from 'node:fs';
import path from 'node:path';
import type { BatchRecord } from './execute.js';

/** Where apply records every batch it sends, relative to the repository. */
export const DEFAULT_JOURNAL = 'state/journal.jsonl';

/** One JSON line per batch, appended as it settles, so an interrupted apply leaves its trace. */
export function appendJournal(file: string, batch: BatchRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify(batch) + '\n');
}
