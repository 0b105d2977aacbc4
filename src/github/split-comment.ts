import { closingFence, fenceAfter, isFenced, type OpenFence } from '../render/markdown-fence.js';

/**
 * Splits a long Markdown comment into parts that each fit GitHub's limit, the way Atlantis
 * does: a part that ends inside a code fence or a <details> block closes them and says it
 * continues; the next part reopens them. Cuts fall between lines (a line longer than a whole
 * part is cut by itself). Sizes are counted in UTF-8 bytes, which is never less than the
 * characters GitHub counts.
 */
export const COMMENT_LIMIT = 65_536;

export interface SplitOptions {
  /** Largest part, counted in UTF-8 bytes. */
  maxLength?: number;
  /** The first line of part n (n >= 2); part 1 keeps the body's own first line. */
  header: (part: number, total: number) => string;
  /** At most this many parts: beyond it the middle is left out and said so. */
  maxParts?: number;
}

interface OpenBlocks {
  details: string[];
  fence?: OpenFence;
}

// room kept for the part header, the "continued" lines and the reopened blocks
const RESERVE = 1024;
const CONTINUED = '\n_Continued in the next comment._\n';

export function splitComment(body: string, options: SplitOptions): string[] {
  const max = options.maxLength ?? COMMENT_LIMIT;
  if (size(body) <= max) return [body];
  const chunks = chunkLines(body, max - RESERVE);
  const kept = capParts(chunks, options.maxParts ?? 20);
  return kept.map((chunk, i) => (i === 0 ? chunk : `${options.header(i + 1, kept.length)}\n${chunk}`));
}

const size = (s: string) => Buffer.byteLength(s, 'utf8');

/** Greedy line packing; each chunk is closed and the next reopened where blocks are open. */
function chunkLines(body: string, budget: number): string[] {
  const chunks: string[] = [];
  const open: OpenBlocks = { details: [] };
  let current = '';
  let currentSize = 0;
  const flush = () => {
    chunks.push(current + closing(open));
    current = reopening(open);
    currentSize = size(current);
  };
  for (const line of pieces(body.split('\n'), budget / 2)) {
    const text = `${line}\n`;
    const lineSize = size(text);
    // 64: a fence or </details> this very line may open, to be closed too
    if (currentSize + lineSize + size(closing(open)) + 64 > budget && currentSize > size(reopening(open))) flush();
    current += text;
    currentSize += lineSize;
    track(open, line);
  }
  if (current.trim() !== '') chunks.push(current.replace(/\n$/, ''));
  return chunks;
}

/** Lines, with any line too long for a part cut into pieces. */
function* pieces(lines: string[], longest: number): Generator<string> {
  for (const line of lines) {
    if (size(line) <= longest) {
      yield line;
      continue;
    }
    const chars = Array.from(line); // never cut a surrogate pair
    for (let i = 0; i < chars.length; i += Math.floor(longest / 4)) yield chars.slice(i, i + Math.floor(longest / 4)).join('');
  }
}

/** Follows code fences and <details> blocks opened and closed by a line. */
function track(open: OpenBlocks, line: string): void {
  const fenced = isFenced(open.fence, line);
  open.fence = fenceAfter(open.fence, line);
  if (fenced) return;
  const trimmed = line.trim();
  if (/^<details[\s>]/i.test(trimmed)) open.details.push(trimmed);
  if (/<\/details>/i.test(trimmed)) open.details.pop();
}

function closing(open: OpenBlocks): string {
  const fence = open.fence ? `${closingFence(open.fence)}\n` : '';
  return `${fence}${'\n</details>\n'.repeat(open.details.length)}${CONTINUED}`;
}

function reopening(open: OpenBlocks): string {
  const details = open.details.map((line) => `${line}\n\n`).join('');
  return `${details}${open.fence ? `${open.fence.line}\n` : ''}`;
}

/** Keeps the first parts and the last (the summary and fingerprint), saying what was left out. */
function capParts(chunks: string[], maxParts: number): string[] {
  if (chunks.length <= maxParts) return chunks;
  const omitted = chunks.length - maxParts;
  const note = `\n> :scissors: ${omitted} more part(s) of this plan are not shown; run \`leasekit plan\` for all of it.\n\n`;
  const last = chunks[chunks.length - 1];
  return [...chunks.slice(0, maxParts - 1), `${note}${last}`];
}
