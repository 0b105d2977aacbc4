import { describe, expect, it } from 'vitest';
import { blockOf, covers, formatBlocks, parseBlocks, splitAt, subtract, toPrefixes } from '../../src/net/ipv4-blocks.js';

describe('Krill IPv4 resource sets', () => {
  it('reads prefixes and ranges, merging adjacent and overlapping blocks as Krill does', () => {
    const blocks = parseBlocks('192.0.2.128/25, 192.0.2.0/25, 198.51.100.0-198.51.100.255, 198.51.100.0/25');
    expect(formatBlocks(blocks)).toBe('192.0.2.0/24, 198.51.100.0/24');
    expect(formatBlocks(parseBlocks('10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24'))).toBe('10.0.0.0-10.0.2.255');
    expect(parseBlocks('')).toEqual([]);
    expect(() => parseBlocks('10.0.0.1/24')).toThrow(/not an IPv4 prefix/);
  });

  it('writes a block as the fewest prefixes', () => {
    expect(toPrefixes(parseBlocks('10.0.0.0-10.0.2.255')[0])).toEqual(['10.0.0.0/23', '10.0.2.0/24']);
    expect(toPrefixes(blockOf('0.0.0.0/0'))).toEqual(['0.0.0.0/0']);
    expect(toPrefixes({ start: 1, end: 6 })).toEqual(['0.0.0.1/32', '0.0.0.2/31', '0.0.0.4/31', '0.0.0.6/32']);
  });

  it('subtracts, covers, and cuts at prefix boundaries', () => {
    const set = parseBlocks('192.0.2.0/24');
    expect(formatBlocks(subtract(set, blockOf('192.0.2.64/26')))).toBe('192.0.2.0/26, 192.0.2.128/25');
    expect(covers(set, blockOf('192.0.2.128/25'))).toBe(true);
    expect(covers(set, blockOf('192.0.2.0/23'))).toBe(false);
    expect(splitAt(set, [blockOf('192.0.2.64/26'), blockOf('198.51.100.0/24')]).flatMap(toPrefixes)).toEqual(['192.0.2.0/26', '192.0.2.64/26', '192.0.2.128/25']);
  });
});
