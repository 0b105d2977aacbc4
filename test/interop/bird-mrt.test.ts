// BIRD 2 writes the MRT: peer BIRDs announce known routes over BGP to a collector BIRD on
// loopback ports, whose `protocol mrt` dumps its table as TABLE_DUMP_V2. leasekit must read
// exactly the (prefix, origin) set that was sent, agree with bgpdump line for line, and
// audit the dump as it audits the same announcements given as text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInput } from '../../src/input/open.js';
import { emptyStats, readMrt, routeAttributes } from '../../src/mrt/index.js';
import { formatPrefix } from '../../src/net/ipv4.js';
import { readRoutes } from '../../src/routes/read-routes.js';
import { cli, tempRepo } from '../helpers/repo.js';
import { AT, AUDIT_REPO, ROUTES_TEXT, VRPS_CSV } from '../audit/fixture.js';
import { Processes, TOOLS, freePort, missingTools, run, startBird, waitFor } from './processes.js';

const skip = missingTools(['bird', 'birdc', 'bgpdump']);
const PEER_ASNS = [4200000001, 64520, 196700];
const COLLECTOR_ASN = 65000;

interface Sent {
  prefix: string;
  origin: number;
  /** The path before the peer prepends its own AS: leading hops, then the origin. */
  hops: number[];
}

let seed = 11;
const random = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % n;

/** The audit fixture's announcements, then random ones outside its holdings with longer, 4-octet paths. */
function announcements(): Sent[] {
  const sent: Sent[] = [];
  for (const line of ROUTES_TEXT.split('\n')) {
    const [prefix, origin] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (prefix) sent.push({ prefix, origin: Number(origin.replace(/^AS/, '')), hops: [] });
  }
  for (let i = 0; i < 400; i++) {
    const length = 8 + random(17);
    const start = (((11 + random(88)) * 2 ** 24 + random(2 ** 24)) & ((0xffffffff << (32 - length)) >>> 0)) >>> 0;
    const hops = Array.from({ length: random(4) }, () => (random(3) === 0 ? 4200000000 + random(1000) : 1 + random(64000)));
    sent.push({ prefix: formatPrefix(start, length), origin: random(2) ? 4200000100 + random(1000) : 1 + random(64000), hops });
  }
  return sent;
}

/** Each announcement goes to the first peer that does not announce its prefix yet (a static protocol holds one route per prefix). */
function byPeer(sent: Sent[]): Sent[][] {
  const peers: Sent[][] = PEER_ASNS.map(() => []);
  const taken = PEER_ASNS.map(() => new Set<string>());
  for (const s of sent) {
    const i = taken.findIndex((t) => !t.has(s.prefix));
    taken[i].add(s.prefix);
    peers[i].push(s);
  }
  return peers;
}

describe.skipIf(skip)(`leasekit reads BIRD's own TABLE_DUMP_V2${skip ? `: skipped, ${skip}` : ''}`, () => {
  const processes = new Processes();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lk-mrt-bird-'));
  const sent = announcements();
  const peers = byPeer(sent);
  let dump: string;

  beforeAll(async () => {
    const collectorPorts = await Promise.all(PEER_ASNS.map(() => freePort()));
    const peerPorts = await Promise.all(PEER_ASNS.map(() => freePort()));
    const sessions = PEER_ASNS.map(
      (asn, i) =>
        `protocol bgp peer${i} {\n  local 127.0.0.1 port ${collectorPorts[i]} as ${COLLECTOR_ASN};\n  neighbor 127.0.0.1 port ${peerPorts[i]} as ${asn};\n  passive; multihop;\n  ipv4 { import all; export none; igp table nexthops4; };\n}`,
    );
    // next hops resolve through a table of their own, so nothing but the peers' routes is dumped
    startBird(
      processes,
      dir,
      'collector',
      `router id 10.0.0.1;\nipv4 table nexthops4;\nprotocol static nexthops { ipv4 { table nexthops4; }; route 10.255.0.0/16 blackhole; }\n${sessions.join('\n')}\nprotocol mrt ribdump { table "master4"; filename "${dir}/rib-%s.mrt"; period 1; }\n`,
    );
    PEER_ASNS.forEach((asn, i) => {
      const statics = peers[i].map((s) => `  route ${s.prefix} blackhole { ${[s.origin, ...[...s.hops].reverse()].map((a) => `bgp_path.prepend(${a});`).join(' ')} };`).join('\n');
      startBird(
        processes,
        dir,
        `peer${i}`,
        `router id 10.0.1.${i + 1};\nprotocol static announce {\n  ipv4;\n${statics}\n}\nprotocol bgp collector {\n  local 127.0.0.1 port ${peerPorts[i]} as ${asn};\n  neighbor 127.0.0.1 port ${collectorPorts[i]} as ${COLLECTOR_ASN};\n  multihop;\n  ipv4 { import none; export all; next hop address 10.255.0.${i + 1}; };\n}\n`,
      );
    });
    dump = await waitFor(`a dump holding all ${sent.length} routes`, 25_000, async () => {
      for (const file of fs.readdirSync(dir).filter((f) => /^rib-\d+\.mrt$/.test(f)).sort().reverse()) {
        const stats = emptyStats();
        try {
          for await (const batch of readMrt((await openInput(path.join(dir, file))).chunks, stats)) void batch;
        } catch {
          continue; // being written
        }
        if (stats.entries === sent.length) return path.join(dir, file);
      }
      return undefined;
    });
  }, 40_000);

  afterAll(async () => {
    await processes.stopAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads exactly the (prefix, origin) set that the peers sent', async () => {
    const { routes, skipped } = await readRoutes([dump]);
    const read = [...routes].map((a) => `${a.prefix} AS${a.origin}`).sort();
    const expected = [...new Set(sent.map((s) => `${s.prefix} AS${s.origin}`))].sort();
    expect(read).toEqual(expected);
    expect(skipped).toEqual({ mrtRecords: 0, ipv6: 0 });
  });

  it('agrees with bgpdump -m line for line: peer, peer AS, prefix, AS path, ORIGIN, next hop', async () => {
    const theirs = (await run(TOOLS.bgpdump, ['-m', '-q', dump]))
      .trim()
      .split('\n')
      .map((line) => line.split('|'))
      .map((f) => [f[0], f[3], f[4], f[5], f[6], f[7], f[8]].join('|'));
    const ours: string[] = [];
    for await (const batch of readMrt((await openInput(dump)).chunks)) {
      for (const r of batch) {
        const a = routeAttributes(r);
        ours.push(['TABLE_DUMP2', r.peer.address, r.peer.asn, formatPrefix(r.network, r.length), a.asPath, a.bgpOrigin, a.nextHop].join('|'));
      }
    }
    expect(ours.length).toBe(sent.length);
    expect(ours).toEqual(theirs);
    // the peers' 4-octet ASes and the sent paths are really there
    expect(ours.some((l) => l.includes('|4200000001|'))).toBe(true);
    const lastSent = sent[sent.length - 1];
    const peerAsn = PEER_ASNS[peers.findIndex((p) => p.includes(lastSent))];
    expect(ours).toContainEqual(expect.stringContaining(`|${lastSent.prefix}|${[peerAsn, ...lastSent.hops, lastSent.origin].join(' ')}|IGP|`));
  });

  it('leasekit audit finds in the BIRD dump what it finds in the same announcements as text', async () => {
    const root = tempRepo({ ...AUDIT_REPO, 'routes.txt': ROUTES_TEXT, 'vrps.csv': VRPS_CSV });
    fs.copyFileSync(dump, path.join(root, 'rib.mrt'));
    const audit = async (routes: string) => {
      const r = await cli(['audit', '--repo', root, '--at', AT, '--routes', routes, '--vrps', 'vrps.csv', '--format', 'json'], { cwd: root });
      return { code: r.code, report: JSON.parse(r.stdout) };
    };
    const fromText = await audit('routes.txt');
    const fromMrt = await audit('rib.mrt');
    expect(fromMrt.code).toBe(1);
    expect(fromMrt.report.routes).toBe(sent.length);
    expect(fromMrt.report.findings).toEqual(fromText.report.findings);
    expect(new Set(fromMrt.report.findings.map((f: { code: string }) => f.code))).toEqual(
      new Set(['route-after-end', 'route-idle-space', 'route-unauthorized-origin', 'route-too-specific', 'route-rpki-invalid', 'route-rpki-not-found', 'lease-not-announced', 'vrp-missing', 'vrp-unexpected']),
    );
  });
});
