// IPv4 address sets as Krill writes them in a resource set: `"10.0.0.0/8, 192.168.0.0-192.168.2.255"`.
// Krill normalises a set (adjacent and overlapping blocks merge), so a block read back may
// span several prefixes that were written separately.
import { formatAddress, formatPrefix, parsePrefix } from './ipv4.js';

/** Inclusive unsigned 32-bit bounds. */
export interface Block {
  start: number;
  end: number;
}

/** Parses Krill's `ipv4` text; throws on anything that is not a prefix or an `a-b` range. */
export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    blocks.push(parseBlock(item));
  }
  return merge(blocks);
}

function parseBlock(item: string): Block {
  if (item.includes('-')) {
    const [from, to] = item.split('-').map((s) => parseAddress(s.trim()));
    if (from === undefined || to === undefined || from > to) throw new Error(`'${item}' is not an IPv4 range`);
    return { start: from, end: to };
  }
  const parsed = parsePrefix(item.includes('/') ? item : `${item}/32`);
  if (!parsed.ok) throw new Error(`'${item}' is not an IPv4 prefix: ${parsed.message}`);
  return { start: parsed.prefix.start, end: parsed.prefix.end };
}

function parseAddress(text: string): number | undefined {
  const parsed = parsePrefix(`${text}/32`);
  return parsed.ok ? parsed.prefix.start : undefined;
}

export function blockOf(prefix: string): Block {
  const parsed = parsePrefix(prefix);
  if (!parsed.ok) throw new Error(parsed.message);
  return { start: parsed.prefix.start, end: parsed.prefix.end };
}

/** Sorted, with overlapping and adjacent blocks joined (Krill's normal form). */
export function merge(blocks: readonly Block[]): Block[] {
  const sorted = [...blocks].sort((a, b) => a.start - b.start);
  const out: Block[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.start <= last.end + 1) last.end = Math.max(last.end, b.end);
    else out.push({ ...b });
  }
  return out;
}

export function subtract(blocks: readonly Block[], removed: Block): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (removed.end < b.start || removed.start > b.end) {
      out.push(b);
      continue;
    }
    if (b.start < removed.start) out.push({ start: b.start, end: removed.start - 1 });
    if (removed.end < b.end) out.push({ start: removed.end + 1, end: b.end });
  }
  return out;
}

/** Whether every address of `inner` is in `blocks`. */
export function covers(blocks: readonly Block[], inner: Block): boolean {
  let rest: Block[] = [inner];
  for (const b of blocks) rest = subtract(rest, b);
  return rest.length === 0;
}

/** Cuts blocks at the first and one-past-last address of each prefix that falls inside them. */
export function splitAt(blocks: readonly Block[], cuts: readonly Block[]): Block[] {
  const points = new Set<number>();
  for (const c of cuts) {
    points.add(c.start);
    points.add(c.end + 1);
  }
  const out: Block[] = [];
  for (const b of blocks) {
    let start = b.start;
    for (const p of [...points].filter((p) => p > b.start && p <= b.end).sort((x, y) => x - y)) {
      out.push({ start, end: p - 1 });
      start = p;
    }
    out.push({ start, end: b.end });
  }
  return out;
}

/** The fewest CIDR prefixes that exactly cover the block. */
export function toPrefixes(block: Block): string[] {
  const prefixes: string[] = [];
  let start = block.start;
  while (start <= block.end) {
    let length = 32;
    // grow while the start stays aligned and the prefix stays inside the block
    while (length > 0) {
      const size = 2 ** (32 - (length - 1));
      if (start % size !== 0 || start + size - 1 > block.end) break;
      length--;
    }
    prefixes.push(formatPrefix(start, length));
    start += 2 ** (32 - length);
  }
  return prefixes;
}

/** Krill's display of a block: a prefix when it is one, else `first-last`. */
export function formatBlock(block: Block): string {
  const prefixes = toPrefixes(block);
  return prefixes.length === 1 ? prefixes[0] : `${formatAddress(block.start)}-${formatAddress(block.end)}`;
}

export function formatBlocks(blocks: readonly Block[]): string {
  return merge(blocks).map(formatBlock).join(', ');
}
