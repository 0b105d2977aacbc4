// Reserved IPv4 space: the IANA IPv4 Special-Purpose Address Registry plus multicast,
// kept as dated data in data/iana-ipv4-special-registry.json.
import { readFileSync } from 'node:fs';
import { PrefixIndex } from './interval-index.js';
import { comparePrefixes, contains, parsePrefix, type Prefix } from './ipv4.js';

export interface SpecialBlock {
  prefix: Prefix;
  name: string;
  /** References as written in the data, e.g. `RFC1918`. */
  rfc: string[];
  /** RFC 5737 documentation space, allowed by `policy.allowDocumentationSpace`. */
  documentation: boolean;
  /** The IANA registry the block comes from. */
  registry: 'special-purpose' | 'multicast';
}

// Same relative path from src/net/ and dist/net/: data/ sits at the repo root.
const REGISTRY_FILE = new URL('../../data/iana-ipv4-special-registry.json', import.meta.url);

/** All blocks, sorted by start address, enclosing blocks first. */
export const SPECIAL_BLOCKS: readonly SpecialBlock[] = loadBlocks();
const BLOCK_INDEX = new PrefixIndex(SPECIAL_BLOCKS, (block) => block.prefix);

/**
 * The reserved blocks that `p` touches, as few and as specific as possible: the smallest
 * block that encloses `p` if one does, else the outermost blocks inside `p`. CIDR blocks
 * either nest or are disjoint, so every overlapping block is one of those two kinds.
 */
export function reservedBlocksOverlapping(p: Prefix, allowDocumentation: boolean): SpecialBlock[] {
  const touched = BLOCK_INDEX.overlapping(p).filter((block) => !(allowDocumentation && block.documentation));
  if (touched.length === 0) return touched; // the common case: ordinary unicast space
  let smallestEnclosing: SpecialBlock | undefined;
  for (const block of touched) {
    if (contains(block.prefix, p)) smallestEnclosing = block; // sorted: later is more specific
  }
  if (smallestEnclosing) return [smallestEnclosing];
  return touched.filter((block) => !touched.some((other) => other !== block && contains(other.prefix, block.prefix)));
}

/** `192.168.0.0/16 Private-Use (RFC 1918)`, for diagnostics. */
export function describeBlock(block: SpecialBlock): string {
  const refs = block.rfc.map((ref) => ref.replace(/^RFC(?=\d)/, 'RFC ')).join(', ');
  return refs ? `${block.prefix.text} ${block.name} (${refs})` : `${block.prefix.text} ${block.name}`;
}

function loadBlocks(): SpecialBlock[] {
  const data = JSON.parse(readFileSync(REGISTRY_FILE, 'utf8')) as { entries?: unknown };
  if (!Array.isArray(data.entries)) throw new Error(`${REGISTRY_FILE.pathname}: no "entries" list`);
  return data.entries.map((entry, index) => toBlock(entry, index)).sort((a, b) => comparePrefixes(a.prefix, b.prefix));
}

function toBlock(entry: unknown, index: number): SpecialBlock {
  const e = (entry ?? {}) as Record<string, unknown>;
  const parsed = parsePrefix(e.prefix);
  const fail = (what: string) => new Error(`${REGISTRY_FILE.pathname}: entry ${index}: ${what}`);
  if (!parsed.ok) throw fail(parsed.message);
  if (typeof e.name !== 'string') throw fail('"name" must be a string');
  if (!Array.isArray(e.rfc) || !e.rfc.every((r) => typeof r === 'string')) throw fail('"rfc" must be a list of strings');
  if (typeof e.documentation !== 'boolean') throw fail('"documentation" must be a boolean');
  const registry = e.registry ?? 'special-purpose';
  if (registry !== 'special-purpose' && registry !== 'multicast') throw fail(`unknown registry ${JSON.stringify(registry)}`);
  return { prefix: parsed.prefix, name: e.name, rfc: e.rfc, documentation: e.documentation, registry };
}
