// Markdown code fences as CommonMark reads them: a fence opens with three or more backticks
// or tildes (indented at most three spaces) and closes only with a run of the same character
// at least as long, alone on its line. A ```` fence holding a ``` line is still open after it.

/** A code fence left open: the line that opened it (to reopen it as written) and its marker run. */
export interface OpenFence {
  line: string;
  marker: string;
}

const OPENING = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** The fence open after `line`, given the one open before it (undefined: none). */
export function fenceAfter(open: OpenFence | undefined, line: string): OpenFence | undefined {
  if (open) {
    const marker = CLOSING.exec(line)?.[1];
    const closes = marker !== undefined && marker[0] === open.marker[0] && marker.length >= open.marker.length;
    return closes ? undefined : open;
  }
  const match = OPENING.exec(line);
  if (!match) return undefined;
  // a backtick fence's info string may not hold a backtick (that line is inline code)
  if (match[1][0] === '`' && match[2].includes('`')) return undefined;
  return { line, marker: match[1] };
}

/** Whether `line` is inside a fence, or opens or closes one: no other Markdown applies to it. */
export function isFenced(open: OpenFence | undefined, line: string): boolean {
  return open !== undefined || fenceAfter(undefined, line) !== undefined;
}

/** The line that closes `open`. */
export function closingFence(open: OpenFence): string {
  return open.marker;
}

/** A backtick fence longer than any run of backticks in `text`, so the text cannot close it early. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}
