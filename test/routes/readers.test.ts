import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { peerIndexTable, ribIpv4, ribIpv6, routeAttributes } from '../../bench/mrt-encode.mjs';
import { readRoutes } from '../../src/routes/read-routes.js';
import { readVrps } from '../../src/routes/read-vrps.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lk-routes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function announcements(...files: string[]) {
  const { routes, skipped } = await readRoutes(files);
  return { list: [...routes].map((a) => `${a.prefix} ${a.origin}`).sort(), size: routes.size, skipped };
}

describe('route inputs, recognised by content', () => {
  it('reads text lines with AS prefixes and comments, JSON lists and MRT, and de-duplicates across files', async () => {
    const text = write('routes.txt', '# from a looking glass\n192.0.2.0/24 64501\n198.51.100.0/24 AS64502  # lessee\n\n2001:db8::/32 64501\n192.0.2.0/24 64501\r\n');
    const json = write('routes.data', JSON.stringify([{ prefix: '192.0.2.0/24', origin: 64501 }, { prefix: '203.0.113.0/24', origin: 64503 }]));
    const mrt = write(
      'rib',
      Buffer.concat([
        peerIndexTable([{ address: '10.0.0.1', asn: 64500 }]),
        ribIpv4(0, '198.51.100.0/24', [{ peer: 0, attributes: routeAttributes({ segments: [[2, [64500, 64502]]] }) }]),
        ribIpv4(1, '198.51.100.128/25', [{ peer: 0, attributes: routeAttributes({ segments: [[2, [64500]], [1, [64510]]] }) }]),
        ribIpv6(2),
      ]),
    );
    const result = await announcements(text, json, mrt);
    expect(result.list).toEqual(['192.0.2.0/24 64501', '198.51.100.0/24 64502', '198.51.100.128/25 null', '203.0.113.0/24 64503']);
    expect(result.skipped).toEqual({ mrtRecords: 0, ipv6: 2 });
  });

  it('reads gzip-compressed text whatever its name', async () => {
    const file = write('routes.bin', zlib.gzipSync('192.0.2.0/24 64501\n'));
    expect((await announcements(file)).list).toEqual(['192.0.2.0/24 64501']);
  });

  it('names the file, line and field of bad input', async () => {
    await expect(readRoutes([write('bad1.txt', '192.0.2.0/24 64501\n192.0.2.7/24 64501\n')])).rejects.toThrow(/bad1\.txt:2: prefix: 192\.0\.2\.7\/24 has host bits set; the network is 192\.0\.2\.0\/24/);
    await expect(readRoutes([write('bad2.txt', '192.0.2.0/24 ASX\n')])).rejects.toThrow(/bad2\.txt:1: origin: expected an AS number/);
    await expect(readRoutes([write('bad3.txt', '192.0.2.0/24\n')])).rejects.toThrow(/bad3\.txt:1: expected "PREFIX ORIGIN"/);
    await expect(readRoutes([write('bad4.json', '[{"prefix": "192.0.2.0/24", "origin": "64501"}]')])).rejects.toThrow(/bad4\.json: entry 0: origin: expected an AS number such as 64501/);
    await expect(readRoutes([write('bad5.json', '[{"prefix": ')])).rejects.toThrow(/bad5\.json: JSON syntax/);
    await expect(readRoutes([write('vrps.json', '{"roas": []}')])).rejects.toThrow(/looks like a VRP file/);
    await expect(readRoutes([write('bin', Buffer.from([1, 2, 3, 0, 0, 0, 7]))])).rejects.toThrow(/not a recognised route input/);
    await expect(readRoutes([path.join(dir, 'absent')])).rejects.toThrow(/absent: no such file/);
    await expect(readRoutes([write('cut.gz', zlib.gzipSync('192.0.2.0/24 64501\n'.repeat(1000)).subarray(0, 40))])).rejects.toThrow(/cut\.gz: gzip data is truncated or corrupt/);
  });

  it('a truncated MRT dump names the file and the byte offset', async () => {
    const dump = Buffer.concat([peerIndexTable([{ address: '10.0.0.1', asn: 64500 }]), ribIpv4(0, '198.51.100.0/24', [{ peer: 0, attributes: routeAttributes({ segments: [[2, [64500]]] }) }])]);
    const offset = peerIndexTable([{ address: '10.0.0.1', asn: 64500 }]).length;
    await expect(readRoutes([write('cut.mrt', dump.subarray(0, dump.length - 1))])).rejects.toThrow(new RegExp(`cut\\.mrt: truncated MRT input: .* at byte offset ${offset}$`));
  });
});

describe('VRP inputs', () => {
  it('reads rpki-client JSON (numeric and AS-prefixed ASNs) and skips IPv6', async () => {
    const file = write(
      'vrps.json',
      JSON.stringify({
        metadata: { buildtime: '2026-12-01T00:00:00Z' },
        roas: [
          { asn: 64501, prefix: '192.0.2.0/24', maxLength: 24, ta: 'ripe' },
          { asn: 'AS64502', prefix: '198.51.100.0/22', maxLength: 24, ta: 'arin' },
          { asn: 64503, prefix: '2001:db8::/32', maxLength: 48, ta: 'ripe' },
        ],
      }),
    );
    const { vrps, ipv6 } = await readVrps(file);
    expect(vrps.map((v) => `${v.prefix}-${v.maxLength} AS${v.asn}`)).toEqual(['192.0.2.0/24-24 AS64501', '198.51.100.0/22-24 AS64502']);
    expect(ipv6).toBe(1);
  });

  it('reads Routinator CSV', async () => {
    const file = write('vrps.csv', 'ASN,IP Prefix,Max Length,Trust Anchor\nAS64501,192.0.2.0/24,24,ripe\nAS0,198.51.100.0/22,32,ripe\nAS64503,2001:db8::/32,48,ripe\n');
    const { vrps, ipv6 } = await readVrps(file);
    expect(vrps.map((v) => `${v.prefix}-${v.maxLength} AS${v.asn}`)).toEqual(['192.0.2.0/24-24 AS64501', '198.51.100.0/22-32 AS0']);
    expect(ipv6).toBe(1);
  });

  it('names the file, entry or line, and field of bad VRPs', async () => {
    await expect(readVrps(write('v1.json', '{"roas": [{"asn": 1, "prefix": "192.0.2.0/24", "maxLength": 23}]}'))).rejects.toThrow(/v1\.json: roas\[0\]\.maxLength: expected a max length between 24 and 32, got 23/);
    await expect(readVrps(write('v2.csv', 'ASN,IP Prefix,Max Length,Trust Anchor\nAS1,192.0.2.0/24,24,x\nASx,192.0.2.0/24,24,x\n'))).rejects.toThrow(/v2\.csv:3: asn: expected an AS number/);
    await expect(readVrps(write('v3.json', '{"vrps": []}'))).rejects.toThrow(/v3\.json: expected a JSON object with a "roas" array/);
    await expect(readVrps(write('v4.txt', '192.0.2.0/24 64501\n'))).rejects.toThrow(/v4\.txt: not a recognised VRP file/);
  });
});
