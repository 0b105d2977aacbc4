import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePrefix, type Prefix } from '../../src/net/ipv4.js';
import { SPECIAL_BLOCKS, describeBlock, reservedBlocksOverlapping } from '../../src/net/special-purpose.js';

function prefix(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.prefix;
}

function hits(text: string, allowDocumentation = false): string[] {
  return reservedBlocksOverlapping(prefix(text), allowDocumentation).map((b) => `${b.prefix.text} ${b.name}`);
}

const REGISTRY = JSON.parse(
  readFileSync(new URL('../../data/iana-ipv4-special-registry.json', import.meta.url), 'utf8'),
) as { source: string; checked: string; entries: Array<{ prefix: string; documentation: boolean }> };

describe('registry data', () => {
  it('is dated and names its source', () => {
    expect(REGISTRY.source).toBe('https://www.iana.org/assignments/iana-ipv4-special-registry/');
    expect(REGISTRY.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('holds every registry row plus multicast', () => {
    expect(SPECIAL_BLOCKS.map((b) => b.prefix.text).sort()).toEqual(
      [
        '0.0.0.0/8', '0.0.0.0/32', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16',
        '172.16.0.0/12', '192.0.0.0/24', '192.0.0.0/29', '192.0.0.8/32', '192.0.0.9/32', '192.0.0.10/32',
        '192.0.0.170/32', '192.0.0.171/32', '192.0.2.0/24', '192.31.196.0/24', '192.52.193.0/24',
        '192.88.99.0/24', '192.88.99.2/32', '192.168.0.0/16', '192.175.48.0/24', '198.18.0.0/15',
        '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4', '255.255.255.255/32',
      ].sort(),
    );
    expect(SPECIAL_BLOCKS.filter((b) => b.registry === 'multicast').map((b) => b.prefix.text)).toEqual(['224.0.0.0/4']);
  });

  it('marks only the RFC 5737 blocks as documentation', () => {
    const documentation = SPECIAL_BLOCKS.filter((b) => b.documentation);
    expect(documentation.map((b) => b.prefix.text)).toEqual(['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24']);
    expect(documentation.every((b) => b.rfc.includes('RFC5737'))).toBe(true);
  });

  it('keeps every prefix canonical and every block referenced', () => {
    for (const entry of REGISTRY.entries) expect(parsePrefix(entry.prefix).ok, entry.prefix).toBe(true);
    for (const block of SPECIAL_BLOCKS) expect(block.rfc.length, block.prefix.text).toBeGreaterThan(0);
  });
});

describe('reservedBlocksOverlapping', () => {
  it('finds each block from inside it', () => {
    for (const block of SPECIAL_BLOCKS) {
      const found = reservedBlocksOverlapping(block.prefix, false);
      expect(found, block.prefix.text).toEqual([block]);
    }
  });

  it('finds each block from a /32 at its first and last address', () => {
    for (const block of SPECIAL_BLOCKS) {
      for (const address of [block.prefix.start, block.prefix.end]) {
        const host = { text: '', start: address, end: address, length: 32 };
        const found = reservedBlocksOverlapping(host, false);
        expect(found.length, block.prefix.text).toBe(1);
        expect(found[0].prefix.start <= address && address <= found[0].prefix.end).toBe(true);
      }
    }
  });

  it.each([
    ['100.64.0.1/32', '100.64.0.0/10 Shared Address Space'],
    ['224.1.0.0/16', '224.0.0.0/4 Multicast'],
    ['239.255.255.255/32', '224.0.0.0/4 Multicast'],
    ['10.20.0.0/16', '10.0.0.0/8 Private-Use'],
    ['172.31.255.0/24', '172.16.0.0/12 Private-Use'],
    ['192.168.1.0/24', '192.168.0.0/16 Private-Use'],
    ['127.0.0.1/32', '127.0.0.0/8 Loopback'],
    ['169.254.169.254/32', '169.254.0.0/16 Link Local'],
    ['0.1.2.0/24', '0.0.0.0/8 This network'],
    ['0.0.0.0/32', '0.0.0.0/32 This host on this network'],
    ['192.0.0.4/30', '192.0.0.0/29 IPv4 Service Continuity Prefix'],
    ['192.0.0.128/25', '192.0.0.0/24 IETF Protocol Assignments'],
    ['192.0.0.170/31', '192.0.0.0/24 IETF Protocol Assignments'],
    ['192.88.99.2/32', '192.88.99.2/32 6a44-relay anycast address'],
    ['192.88.99.0/25', '192.88.99.0/24 Deprecated (6to4 Relay Anycast)'],
    ['198.19.0.0/16', '198.18.0.0/15 Benchmarking'],
    ['250.0.0.0/8', '240.0.0.0/4 Reserved'],
    ['255.255.255.255/32', '255.255.255.255/32 Limited Broadcast'],
    ['255.255.255.254/32', '240.0.0.0/4 Reserved'],
  ])('%s hits %s', (input, expected) => {
    expect(hits(input)).toEqual([expected]);
  });

  it('reports documentation space unless it is allowed', () => {
    expect(hits('192.0.2.0/25')).toEqual(['192.0.2.0/24 Documentation (TEST-NET-1)']);
    expect(hits('198.51.100.0/24')).toEqual(['198.51.100.0/24 Documentation (TEST-NET-2)']);
    expect(hits('203.0.113.64/26')).toEqual(['203.0.113.0/24 Documentation (TEST-NET-3)']);
    for (const p of ['192.0.2.0/25', '198.51.100.0/24', '203.0.113.64/26']) expect(hits(p, true)).toEqual([]);
  });

  it('reports the outermost blocks inside a covering prefix', () => {
    expect(hits('192.0.0.0/8')).toEqual([
      '192.0.0.0/24 IETF Protocol Assignments',
      '192.0.2.0/24 Documentation (TEST-NET-1)',
      '192.31.196.0/24 AS112-v4',
      '192.52.193.0/24 AMT',
      '192.88.99.0/24 Deprecated (6to4 Relay Anycast)',
      '192.168.0.0/16 Private-Use',
      '192.175.48.0/24 Direct Delegation AS112 Service',
    ]);
    expect(hits('192.0.0.0/8', true)).not.toContain('192.0.2.0/24 Documentation (TEST-NET-1)');
    expect(hits('192.0.0.0/22', true)).toEqual(['192.0.0.0/24 IETF Protocol Assignments']);
    expect(hits('192.0.2.0/23', true)).toEqual([]);
    const everything = reservedBlocksOverlapping(prefix('0.0.0.0/0'), false);
    expect(everything.length).toBe(18); // the registry's top-level blocks
    expect(everything.map((b) => b.prefix.text)).not.toContain('255.255.255.255/32'); // inside 240.0.0.0/4
    const starts = everything.map((b) => b.prefix.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('finds nothing in public space', () => {
    for (const p of ['185.50.0.0/22', '1.1.1.0/24', '8.8.8.8/32', '11.0.0.0/8', '100.128.0.0/9', '172.32.0.0/11', '192.0.1.0/24', '192.167.0.0/16', '198.20.0.0/14', '223.255.255.0/24']) {
      expect(hits(p), p).toEqual([]);
    }
  });

  it('describes a block with its references', () => {
    const [nat64] = reservedBlocksOverlapping(prefix('192.0.0.170/32'), false);
    expect(describeBlock(nat64)).toBe('192.0.0.170/32 NAT64/DNS64 Discovery (RFC 8880, RFC 7050)');
    const [privateUse] = reservedBlocksOverlapping(prefix('10.0.0.0/8'), false);
    expect(describeBlock(privateUse)).toBe('10.0.0.0/8 Private-Use (RFC 1918)');
  });
});
