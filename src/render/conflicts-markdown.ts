import type { Diagnostic } from '../model/diagnostic.js';
import { escapeMarkdown } from './markdown-escape.js';

export interface ConflictRow {
  diagnostic: Diagnostic;
  pull: { number: number; title: string };
}

/**
 * The plan comment's section on other open pull requests. `#N` stays a live reference (the
 * number comes from the API); every record- or title-derived string is escaped.
 */
export function conflictsMarkdown(conflicts: readonly ConflictRow[]): string {
  if (conflicts.length === 0) return '';
  const rows = conflicts.map(({ diagnostic: d, pull }) => {
    const theirs = d.related?.[0];
    const where = `${d.file}:${d.line}:${d.column}`;
    const other = theirs ? `${theirs.id ?? ''} (${theirs.file}:${theirs.line})` : '';
    return `| :twisted_rightwards_arrows: | ${escapeMarkdown(d.id ?? '')} | ${escapeMarkdown(where)} | #${pull.number} ${escapeMarkdown(pull.title)} | ${escapeMarkdown(other)} |`;
  });
  return [
    '',
    '#### Overlaps with other open pull requests',
    '',
    'Each of these merges cleanly alone; whichever merges second will fail validation. Agree which lease gets the space before either merges.',
    '',
    '| | lease here | where | other pull request | its lease |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
