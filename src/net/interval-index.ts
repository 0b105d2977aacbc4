// Overlap queries over CIDR prefixes. Two CIDR blocks either nest or are disjoint
// (they are laminar), so "overlaps" always means "one contains the other"; both tools
// below rely on that and assume aligned prefixes as parsePrefix returns them.
import { prefixMask, type Prefix } from './ipv4.js';

interface Entry<T> {
  item: T;
  prefix: Prefix;
}

/**
 * Every pair of items whose prefixes overlap (equal prefixes included), each unordered pair
 * once as [enclosing, enclosed]; for equal prefixes the earlier item comes first.
 * O(n log n + pairs): one sort, then a sweep that keeps the chain of open enclosing prefixes.
 * Pairs come ordered by the enclosed item's position in (start, length, input) order,
 * then from the outermost enclosing item inwards.
 */
export function overlappingPairs<T>(items: readonly T[], prefixOf: (t: T) => Prefix): Array<[T, T]> {
  const pairs: Array<[T, T]> = [];
  const open: Entry<T>[] = []; // each contains the next; all contain the current entry after popping
  for (const entry of sortedEntries(items, prefixOf)) {
    while (open.length > 0 && open[open.length - 1].prefix.end < entry.prefix.start) open.pop();
    for (const outer of open) pairs.push([outer.item, entry.item]);
    open.push(entry);
  }
  return pairs;
}

/**
 * Items indexed by prefix, built once in O(n log n). `containing` costs one hash look-up per
 * distinct prefix length in the index (at most 33) plus the answer; `overlapping` costs
 * O(log n + answer).
 */
export class PrefixIndex<T> {
  /** Exact prefix (see `exactKey`) to its items, in input order. */
  readonly #byPrefix = new Map<number, T[]>();
  /** Sorted by start, then length, then input order. */
  readonly #sorted: Entry<T>[];
  /** The distinct prefix lengths present, ascending: the only ones worth looking up. */
  readonly #lengths: number[];

  constructor(items: readonly T[], prefixOf: (t: T) => Prefix) {
    this.#sorted = sortedEntries(items, prefixOf);
    for (const { item, prefix } of this.#sorted) {
      const key = exactKey(prefix.start, prefix.length);
      const same = this.#byPrefix.get(key);
      if (same) same.push(item);
      else this.#byPrefix.set(key, [item]);
    }
    this.#lengths = [...new Set(this.#sorted.map((entry) => entry.prefix.length))].sort((a, b) => a - b);
  }

  get size(): number {
    return this.#sorted.length;
  }

  /** Items whose prefix contains `p` or equals it, outermost first. */
  containing(p: Prefix): T[] {
    const found: T[] = [];
    for (const length of this.#lengths) {
      if (length > p.length) break;
      const same = this.#byPrefix.get(exactKey((p.start & prefixMask(length)) >>> 0, length));
      if (same) for (const item of same) found.push(item);
    }
    return found;
  }

  /** Items whose prefix overlaps `p`: those containing it, then those inside it, in sorted order. */
  overlapping(p: Prefix): T[] {
    const found = this.containing(p);
    // Entries starting inside p lie inside p, or contain it (already found) when they start where p does.
    for (let i = this.#firstStartingAtOrAfter(p.start); i < this.#sorted.length; i++) {
      const { item, prefix } = this.#sorted[i];
      if (prefix.start > p.end) break;
      if (prefix.length > p.length) found.push(item);
    }
    return found;
  }

  #firstStartingAtOrAfter(address: number): number {
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#sorted[mid].prefix.start < address) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/**
 * Items with their prefixes, sorted by (start, length, input order). Sorting an index array
 * on numeric keys in typed arrays is several times faster than comparing objects.
 */
function sortedEntries<T>(items: readonly T[], prefixOf: (t: T) => Prefix): Entry<T>[] {
  const prefixes = items.map(prefixOf);
  const keys = new Float64Array(prefixes.length);
  for (let i = 0; i < prefixes.length; i++) keys[i] = exactKey(prefixes[i].start, prefixes[i].length);
  const order = new Uint32Array(prefixes.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => keys[a] - keys[b] || a - b);
  return Array.from(order, (i) => ({ item: items[i], prefix: prefixes[i] }));
}

/** One number per exact prefix: start (< 2^32) times 64 plus length (<= 32) stays a safe integer. */
function exactKey(start: number, length: number): number {
  return start * 64 + length;
}
