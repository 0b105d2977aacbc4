import { UsageError } from '../errors.js';
import { suggest } from '../util/suggest.js';
import { findingEntries, readFormatDoc } from './format-entries.js';

/** The docs/format.md entry for a finding code; an unknown code is a usage error with the nearest code. */
export function explainCode(code: string, markdown = readFormatDoc()): string {
  const entries = findingEntries(markdown);
  const entry = entries.get(code);
  if (entry !== undefined) return `${entry}\n`;
  const guess = suggest(code, entries.keys());
  throw new UsageError(`no finding has the code '${code}'${guess ? `; did you mean '${guess}'?` : ''} (docs/format.md lists every code under "Findings")`);
}
