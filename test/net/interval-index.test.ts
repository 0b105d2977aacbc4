import { describe, it, expect } from 'vitest';
import { comparePrefixes, contains, formatPrefix, overlaps, parsePrefix, prefixMask, type Prefix } from '../../src/net/ipv4.js';
import { PrefixIndex, overlappingPairs } from '../../src/net/interval-index.js';

interface Item {
  id: number;
  prefix: Prefix;
}

const prefixOf = (item: Item) => item.prefix;

function prefix(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.prefix;
}

function items(...texts: string[]): Item[] {
  return texts.map((text, id) => ({ id, prefix: prefix(text) }));
}

/** Small seeded PRNG (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random aligned prefixes crowded into 185.0.0.0/12 so that many nest; some repeat exactly. */
function randomItems(count: number, seed: number): Item[] {
  const next = random(seed);
  const result: Item[] = [];
  for (let id = 0; id < count; id++) {
    if (id > 0 && next() < 0.05) {
      result.push({ id, prefix: result[Math.floor(next() * id)].prefix });
      continue;
    }
    const length = 16 + Math.floor(next() * 17); // 16..32: nests a lot, yet ~60k pairs, not millions
    const address = (0xb9000000 + Math.floor(next() * 0x100000)) >>> 0;
    const start = (address & prefixMask(length)) >>> 0;
    result.push({ id, prefix: prefix(formatPrefix(start, length)) });
  }
  return result;
}

/** O(n²) oracle: every unordered pair once, as [enclosing, enclosed] (earlier first when equal). */
function bruteForcePairs(list: Item[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      if (!overlaps(list[i].prefix, list[j].prefix)) continue;
      const [outer, inner] = contains(list[i].prefix, list[j].prefix) ? [list[i], list[j]] : [list[j], list[i]];
      pairs.push(`${outer.id}>${inner.id}`);
    }
  }
  return pairs.sort();
}

function pairKeys(pairs: Array<[Item, Item]>): string[] {
  return pairs.map(([a, b]) => `${a.id}>${b.id}`);
}

/** Stable sort by (start, length), as the index promises its answers. */
function bruteForce(list: Item[], keep: (p: Prefix) => boolean): number[] {
  return list.filter((item) => keep(item.prefix)).sort((a, b) => comparePrefixes(a.prefix, b.prefix)).map((i) => i.id);
}

describe('overlappingPairs', () => {
  it('returns nothing for no items, one item or disjoint items', () => {
    expect(overlappingPairs([], prefixOf)).toEqual([]);
    expect(overlappingPairs(items('10.0.0.0/8'), prefixOf)).toEqual([]);
    expect(overlappingPairs(items('185.50.0.0/24', '185.50.1.0/24', '185.50.2.0/23'), prefixOf)).toEqual([]);
  });

  it('pairs nested prefixes as [enclosing, enclosed] in sweep order', () => {
    const list = items('185.50.1.0/24', '185.50.0.0/22', '185.50.0.0/24', '185.51.0.0/16', '185.50.1.128/25');
    expect(pairKeys(overlappingPairs(list, prefixOf))).toEqual(['1>2', '1>0', '1>4', '0>4']);
  });

  it('pairs equal prefixes once, earlier item first', () => {
    const list = items('185.50.0.0/24', '185.50.0.0/24', '185.50.0.0/24');
    expect(pairKeys(overlappingPairs(list, prefixOf))).toEqual(['0>1', '0>2', '1>2']);
  });

  it('handles the ends of the address space', () => {
    const list = items('255.255.255.255/32', '0.0.0.0/0', '0.0.0.0/32', '128.0.0.0/1');
    expect(pairKeys(overlappingPairs(list, prefixOf))).toEqual(['1>2', '1>3', '1>0', '3>0']);
  });

  it('matches a brute-force oracle on random prefixes', () => {
    for (const seed of [1, 2, 3]) {
      const list = randomItems(3000, seed);
      const pairs = pairKeys(overlappingPairs(list, prefixOf));
      expect(new Set(pairs).size).toBe(pairs.length); // each pair once
      expect(pairs.length).toBeGreaterThan(1000); // the data really nests
      expect([...pairs].sort()).toEqual(bruteForcePairs(list));
    }
  });

  it('is deterministic for a given input order', () => {
    const list = randomItems(2000, 7);
    expect(pairKeys(overlappingPairs(list, prefixOf))).toEqual(pairKeys(overlappingPairs([...list], prefixOf)));
  });
});

describe('PrefixIndex', () => {
  const list = items('185.50.0.0/22', '185.50.0.0/24', '185.50.2.0/24', '185.50.2.0/24', '185.50.2.128/25', '10.0.0.0/8');
  const index = new PrefixIndex(list, prefixOf);
  const ids = (found: Item[]) => found.map((item) => item.id);

  it('finds the items containing a prefix, outermost first, equal ones included', () => {
    expect(index.size).toBe(6);
    expect(ids(index.containing(prefix('185.50.2.200/32')))).toEqual([0, 2, 3, 4]);
    expect(ids(index.containing(prefix('185.50.2.0/24')))).toEqual([0, 2, 3]);
    expect(ids(index.containing(prefix('185.50.0.0/22')))).toEqual([0]);
    expect(ids(index.containing(prefix('185.50.0.0/21')))).toEqual([]);
    expect(ids(index.containing(prefix('10.255.255.255/32')))).toEqual([5]);
  });

  it('finds the items overlapping a prefix', () => {
    expect(ids(index.overlapping(prefix('185.50.0.0/16')))).toEqual([0, 1, 2, 3, 4]);
    expect(ids(index.overlapping(prefix('185.50.2.0/24')))).toEqual([0, 2, 3, 4]);
    expect(ids(index.overlapping(prefix('185.50.1.0/24')))).toEqual([0]);
    expect(ids(index.overlapping(prefix('0.0.0.0/0')))).toEqual([5, 0, 1, 2, 3, 4]);
    expect(ids(index.overlapping(prefix('185.50.4.0/22')))).toEqual([]);
  });

  it('works when empty and at the top of the address space', () => {
    const empty = new PrefixIndex<Item>([], prefixOf);
    expect(empty.containing(prefix('0.0.0.0/0'))).toEqual([]);
    expect(empty.overlapping(prefix('0.0.0.0/0'))).toEqual([]);
    const top = new PrefixIndex(items('255.255.255.255/32', '0.0.0.0/0'), prefixOf);
    expect(ids(top.containing(prefix('255.255.255.255/32')))).toEqual([1, 0]);
    expect(ids(top.overlapping(prefix('255.255.255.0/24')))).toEqual([1, 0]);
  });

  it('matches a brute-force oracle on random prefixes', () => {
    const random3000 = randomItems(3000, 11);
    const randomIndex = new PrefixIndex(random3000, prefixOf);
    const queries = [...randomItems(500, 12), ...random3000.slice(0, 500)].map((item) => item.prefix);
    for (const query of queries) {
      expect(ids(randomIndex.containing(query)), query.text).toEqual(bruteForce(random3000, (p) => contains(p, query)));
      expect(ids(randomIndex.overlapping(query)), query.text).toEqual(bruteForce(random3000, (p) => overlaps(p, query)));
    }
  });
});
