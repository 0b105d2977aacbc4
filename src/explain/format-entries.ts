// The finding entries of docs/format.md: each is a `### CODE` heading under `## Findings`,
// running to the next heading of level 3 or above. `leasekit explain` prints one; a test
// checks that the codes here are exactly the codes of src/rules/codes.ts.
import fs from 'node:fs';

// Resolves to the package's docs/ from src/explain and dist/explain.
const FORMAT_DOC = new URL('../../docs/format.md', import.meta.url);

/** docs/format.md as shipped beside the code. */
export function readFormatDoc(): string {
  return fs.readFileSync(FORMAT_DOC, 'utf8');
}

/** The entries of the `## Findings` section, code -> Markdown (heading included), in document order. */
export function findingEntries(markdown: string): Map<string, string> {
  const entries = new Map<string, string>();
  let inFindings = false;
  let fenced = false;
  let current: { code: string; lines: string[] } | undefined;
  const finish = () => {
    if (current) entries.set(current.code, current.lines.join('\n').trimEnd());
    current = undefined;
  };
  for (const line of markdown.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      finish();
      if (heading[1].length <= 2) inFindings = heading[1] === '##' && heading[2].trim() === 'Findings';
      else if (inFindings) current = { code: heading[2].trim(), lines: [] };
    }
    current?.lines.push(line);
  }
  finish();
  return entries;
}
