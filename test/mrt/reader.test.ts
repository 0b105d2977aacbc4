import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { peerIndexTable, record, ribIpv4, ribIpv6, routeAttributes as attrs, tableDumpV1 } from '../../bench/mrt-encode.mjs';
import { openInput } from '../../src/input/open.js';
import { MrtError, emptyStats, readMrt, routeAttributes, type MrtRoute } from '../../src/mrt/index.js';
import { formatPrefix } from '../../src/net/ipv4.js';

const PEERS = [
  { address: '192.0.2.1', asn: 64500 },
  { address: '192.0.2.2', asn: 4200000001 },
];

async function readAll(chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) {
  const stats = emptyStats();
  const routes: MrtRoute[] = [];
  async function* each() {
    for await (const c of chunks as AsyncIterable<Uint8Array>) yield c;
  }
  for await (const batch of readMrt(each(), stats)) routes.push(...batch);
  return { routes, stats };
}

const simple = (r: MrtRoute) => `${formatPrefix(r.network, r.length)} ${r.origin} ${r.peer.address}`;

const dump = Buffer.concat([
  peerIndexTable(PEERS),
  ribIpv4(0, '185.50.0.0/22', [
    { peer: 0, attributes: attrs({ segments: [[2, [64500, 64501]]] }) },
    { peer: 1, attributes: attrs({ segments: [[2, [4200000001, 4200000002]]] }) },
  ]),
  ribIpv4(1, '185.50.4.0/24', [{ peer: 0, attributes: attrs({ segments: [[2, [64500]], [1, [64510, 64511]]] }) }]),
  ribIpv6(2),
  record(1700000000, 16, 4, [1, 2, 3, 4]), // BGP4MP: skipped and counted
  ribIpv4(3, '0.0.0.0/0', [{ peer: 1, attributes: attrs({ segments: [] }) }]),
  ribIpv4(4, '10.1.2.128/25', [{ peer: 0, attributes: attrs({ segments: [[2, [64500, 65536]]] }) }]),
]);

describe('MRT TABLE_DUMP_V2', () => {
  it('reads prefixes, peers and origins; an AS_SET at the end gives no origin, an empty path the peer', async () => {
    const { routes, stats } = await readAll([dump]);
    expect(routes.map(simple)).toEqual([
      '185.50.0.0/22 64501 192.0.2.1',
      '185.50.0.0/22 4200000002 192.0.2.2',
      '185.50.4.0/24 null 192.0.2.1',
      '0.0.0.0/0 4200000001 192.0.2.2',
      '10.1.2.128/25 65536 192.0.2.1',
    ]);
    expect(stats).toEqual({ records: 7, entries: 5, skippedRecords: 1, ipv6: 1 });
    expect(routes[1].peer).toEqual({ address: '192.0.2.2', asn: 4200000001 });
  });

  it('gives the same entries however the input is split into chunks', async () => {
    const whole = (await readAll([dump])).routes.map(simple);
    const bytes = Array.from(dump, (b) => Uint8Array.of(b));
    expect((await readAll(bytes)).routes.map(simple)).toEqual(whole);
    const odd = [dump.subarray(0, 7), dump.subarray(7, 100), dump.subarray(100)];
    expect((await readAll(odd)).routes.map(simple)).toEqual(whole);
  });

  it('decodes the display attributes in bgpdump notation', async () => {
    const { routes } = await readAll([dump]);
    expect(routeAttributes(routes[0])).toEqual({ asPath: '64500 64501', bgpOrigin: 'IGP', nextHop: '192.0.2.1' });
    expect(routeAttributes(routes[2]).asPath).toBe('64500 {64510,64511}');
  });

  it('reads the RFC 8050 ADD-PATH subtype with its path identifiers', async () => {
    const input = Buffer.concat([
      peerIndexTable(PEERS),
      ribIpv4(0, '185.50.0.0/24', [
        { peer: 0, pathId: 1, attributes: attrs({ segments: [[2, [64500, 64501]]] }) },
        { peer: 0, pathId: 7, attributes: attrs({ segments: [[2, [64500, 64502]]] }) },
      ]),
    ]);
    const { routes } = await readAll([input]);
    expect(routes.map((r) => [simple(r), r.pathId])).toEqual([
      ['185.50.0.0/24 64501 192.0.2.1', 1],
      ['185.50.0.0/24 64502 192.0.2.1', 7],
    ]);
  });

  it('reads RIB_GENERIC for IPv4 unicast, with and without ADD-PATH', async () => {
    const input = Buffer.concat([
      peerIndexTable(PEERS),
      ribIpv4(0, '185.50.8.0/21', [{ peer: 1, attributes: attrs({ segments: [[2, [64499]]] }) }], { generic: true }),
      ribIpv4(1, '185.50.9.0/24', [{ peer: 1, pathId: 3, attributes: attrs({ segments: [[2, [64498]]] }) }], { generic: true }),
    ]);
    const { routes } = await readAll([input]);
    expect(routes.map((r) => [simple(r), r.pathId])).toEqual([
      ['185.50.8.0/21 64499 192.0.2.2', null],
      ['185.50.9.0/24 64498 192.0.2.2', 3],
    ]);
  });
});

describe('MRT TABLE_DUMP (v1)', () => {
  it('reads 2-octet AS paths, and merges AS4_PATH over AS_TRANS (RFC 6793)', async () => {
    const input = Buffer.concat([
      tableDumpV1({ prefix: '185.50.0.0/24', peerAddress: '198.51.100.1', peerAs: 64500, attributes: attrs({ asSize: 2, segments: [[2, [64500, 64501]]] }) }),
      tableDumpV1({
        prefix: '185.50.1.0/24',
        peerAddress: '198.51.100.1',
        peerAs: 64500,
        attributes: attrs({ asSize: 2, segments: [[2, [64500, 23456, 23456]]], as4Segments: [[2, [4200000001, 4200000002]]] }),
      }),
      // an AS4_PATH longer than the AS_PATH is ignored
      tableDumpV1({
        prefix: '185.50.2.0/24',
        peerAddress: '198.51.100.1',
        peerAs: 64500,
        attributes: attrs({ asSize: 2, segments: [[2, [23456]]], as4Segments: [[2, [4200000001, 4200000002]]] }),
      }),
    ]);
    const { routes, stats } = await readAll([input]);
    expect(routes.map(simple)).toEqual(['185.50.0.0/24 64501 198.51.100.1', '185.50.1.0/24 4200000002 198.51.100.1', '185.50.2.0/24 23456 198.51.100.1']);
    expect(routeAttributes(routes[1]).asPath).toBe('64500 4200000001 4200000002');
    expect(stats.entries).toBe(3);
  });
});

describe('MRT errors', () => {
  async function failure(chunks: Uint8Array[]): Promise<MrtError> {
    try {
      await readAll(chunks);
    } catch (err) {
      if (err instanceof MrtError) return err;
      throw err;
    }
    throw new Error('no error');
  }

  it('a truncated record names the offset where it starts', async () => {
    const cut = dump.subarray(0, dump.length - 5);
    const err = await failure([cut]);
    const lastRecordStart = dump.length - ribIpv4(4, '10.1.2.128/25', [{ peer: 0, attributes: attrs({ segments: [[2, [64500, 65536]]] }) }]).length;
    expect(err.offset).toBe(lastRecordStart);
    expect(err.message).toMatch(/^truncated MRT input: .* at byte offset \d+$/);
  });

  it('a truncated header is an error, an empty input is not', async () => {
    expect((await failure([dump.subarray(0, 5)])).offset).toBe(0);
    expect((await readAll([])).routes).toEqual([]);
  });

  it('a peer index beyond the peer table, a RIB before the table, and an impossible length are corrupt', async () => {
    const badPeer = Buffer.concat([peerIndexTable(PEERS), ribIpv4(0, '185.50.0.0/24', [{ peer: 9, attributes: attrs({ segments: [[2, [1]]] }) }])]);
    expect((await failure([badPeer])).message).toMatch(/peer index 9, but the peer table has 2 peers at byte offset \d+/);
    const noTable = ribIpv4(0, '185.50.0.0/24', [{ peer: 0, attributes: attrs({ segments: [[2, [1]]] }) }]);
    expect((await failure([noTable])).message).toMatch(/RIB record before any PEER_INDEX_TABLE/);
    const huge = record(0, 13, 2, []);
    huge.writeUInt32BE(0x7fffffff, 8);
    expect((await failure([huge])).message).toMatch(/record length 2147483647/);
  });

  it('an AS path segment that runs past its attribute is corrupt, with the offset inside the record', async () => {
    const entryAttrs = attrs({ segments: [[2, [64500, 64501]]] });
    const asPathCount = entryAttrs.indexOf(2, 3) + 1; // the segment's AS count, after type 2 of the attribute header
    const bad = entryAttrs.slice();
    bad[asPathCount + 1] = 200;
    const input = Buffer.concat([peerIndexTable(PEERS), ribIpv4(0, '185.50.0.0/24', [{ peer: 0, attributes: bad }])]);
    const err = await failure([input]);
    expect(err.message).toMatch(/corrupt AS path/);
    expect(err.offset).toBeGreaterThan(peerIndexTable(PEERS).length);
    expect(err.offset).toBeLessThan(input.length);
  });

  it('random corruption gives an MrtError or entries, never a hang or another error', async () => {
    let seed = 42;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 500; i++) {
      const copy = Buffer.from(dump);
      for (let k = 0; k < 3; k++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      try {
        await readAll([copy.subarray(0, Math.floor(random() * copy.length) + 1)]);
      } catch (err) {
        expect(err).toBeInstanceOf(MrtError);
      }
    }
  });
});

describe('compressed MRT', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lk-mrt-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function readFile(file: string) {
    const input = await openInput(file);
    return { compression: input.compression, ...(await readAll(input.chunks)) };
  }

  it('recognises gzip and bzip2 by their magic bytes and reads them transparently', async () => {
    const plain = path.join(dir, 'rib');
    fs.writeFileSync(plain, dump);
    fs.writeFileSync(`${plain}.gz`, zlib.gzipSync(dump));
    execFileSync('bzip2', ['-k', plain]);
    const expected = (await readFile(plain)).routes.map(simple);
    const gz = await readFile(`${plain}.gz`);
    const bz = await readFile(`${plain}.bz2`);
    expect([gz.compression, bz.compression]).toEqual(['gzip', 'bzip2']);
    expect(gz.routes.map(simple)).toEqual(expected);
    expect(bz.routes.map(simple)).toEqual(expected);
    fs.copyFileSync(`${plain}.gz`, path.join(dir, 'no-extension'));
    expect((await readFile(path.join(dir, 'no-extension'))).routes.map(simple)).toEqual(expected);
  });

  it('truncated gzip and bzip2 are errors, not hangs', async () => {
    const big = Buffer.concat(Array.from({ length: 2000 }, (_, i) => ribIpv4(i, '185.50.0.0/24', [{ peer: 0, attributes: attrs({ segments: [[2, [64500, i]]] }) }])));
    const input = Buffer.concat([peerIndexTable(PEERS), big]);
    const gz = zlib.gzipSync(input);
    fs.writeFileSync(path.join(dir, 'cut.gz'), gz.subarray(0, gz.length >> 1));
    await expect(readFile(path.join(dir, 'cut.gz'))).rejects.toThrow(/unexpected end of file|truncated/);
    fs.writeFileSync(path.join(dir, 'big'), input);
    execFileSync('bzip2', ['-f', path.join(dir, 'big')]);
    const bz = fs.readFileSync(path.join(dir, 'big.bz2'));
    fs.writeFileSync(path.join(dir, 'cut.bz2'), bz.subarray(0, bz.length >> 1));
    await expect(readFile(path.join(dir, 'cut.bz2'))).rejects.toThrow();
  });
});
