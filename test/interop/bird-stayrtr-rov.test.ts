// BIRD 2 judges leasekit's route-origin validation: leasekit's `export --format vrps` is served
// by StayRTR over RTR to a private BIRD, which holds thousands of random announcements as
// static routes with an AS path; BIRD's roa_check must agree with leasekit on every one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VrpIndex, type RpkiState } from '../../src/audit/rov.js';
import { parsePrefix } from '../../src/net/ipv4.js';
import { readVrps } from '../../src/routes/read-vrps.js';
import { cli, tempRepo } from '../helpers/repo.js';
import { Processes, TOOLS, birdc, freePort, listedPrefixes, missingTools, startBird, waitFor } from './processes.js';

const skip = missingTools(['bird', 'birdc', 'stayrtr']);
const AT = '2026-12-02';
const ANNOUNCEMENTS = 6000;

let seed = 7;
const random = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % n;

interface LeaseSpec {
  id: string;
  prefix: string;
  start: number;
  length: number;
  origins: number[];
  maxLength?: number;
}

/** 30 holdings (/16) with 8 leases each (/20-/24, some with a looser maxLength), 10 lessees. */
function leaseRepository(): { files: Record<string, string>; leases: LeaseSpec[]; holdings: string[] } {
  const lessees = Array.from({ length: 10 }, (_, k) => ({ id: `lessee${k}`, asns: [3000 + k * 10, 3001 + k * 10] }));
  const parties = ['kind: party\nid: us\nname: Us\nself: true\nasns: [2000]', ...lessees.map((l) => `kind: party\nid: ${l.id}\nname: ${l.id}\nasns: [${l.asns.join(', ')}]`)];
  const contracts = lessees.map((l) => `kind: contract\nid: c-${l.id}\ndirection: outbound\ncounterparty: ${l.id}\nstart: 2026-01-01`);
  const holdings: string[] = [];
  const holdingDocs: string[] = [];
  const leases: LeaseSpec[] = [];
  for (let i = 0; i < 30; i++) {
    const holding = `${20 + i}.1.0.0/16`;
    holdings.push(holding);
    holdingDocs.push(`kind: holding\nid: h${i}\nprefix: ${holding}\nregistry: ripe\nsource: allocation${i % 5 === 4 ? '\nrpki: { as0: false }' : ''}`);
    for (let k = 0; k < 8; k++) {
      const lessee = lessees[(i + k) % lessees.length];
      const length = 20 + ((i + k) % 5);
      const prefix = `${20 + i}.1.${k * 32}.0/${length}`;
      const origins = k % 4 === 0 ? lessee.asns : [lessee.asns[k % 2]];
      leases.push({ id: `l${i}-${k}`, prefix, start: parsePrefixStart(prefix), length, origins, maxLength: k % 3 === 0 ? length + 2 : undefined });
    }
  }
  const leaseDocs = leases.map((l) => `kind: lease\nid: ${l.id}\ncontract: c-${lessees.find((x) => x.asns.includes(l.origins[0]))!.id}\nprefix: ${l.prefix}\norigins: [${l.origins.join(', ')}]${l.maxLength ? `\nmaxLength: ${l.maxLength}` : ''}`);
  return {
    files: {
      'leasekit.yaml': 'policy:\n  allowDocumentationSpace: true\n',
      'leases/parties.yaml': parties.join('\n---\n') + '\n',
      'leases/contracts.yaml': contracts.join('\n---\n') + '\n',
      'leases/holdings.yaml': holdingDocs.join('\n---\n') + '\n',
      'leases/leases.yaml': leaseDocs.join('\n---\n') + '\n',
    },
    leases,
    holdings,
  };
}

function parsePrefixStart(p: string): number {
  const parsed = parsePrefix(p);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.prefix.start;
}

const text = (start: number, length: number) => `${start >>> 24}.${(start >>> 16) & 255}.${(start >>> 8) & 255}.${start & 255}/${length}`;
const mask = (start: number, length: number) => (length === 0 ? 0 : (start & ((0xffffffff << (32 - length)) >>> 0)) >>> 0);

/** Distinct prefixes: inside leases (up to 4 bits longer), anywhere in the holdings, wider than a holding, outside. */
function announcements(leases: LeaseSpec[], holdings: string[]): Array<{ prefix: string; origin: number }> {
  const seen = new Set<string>();
  const out: Array<{ prefix: string; origin: number }> = [];
  const allOrigins = [...new Set(leases.flatMap((l) => l.origins))];
  while (out.length < ANNOUNCEMENTS) {
    const kind = random(100);
    let start: number;
    let length: number;
    let origin: number;
    if (kind < 60) {
      const lease = leases[random(leases.length)];
      length = lease.length + random(5);
      start = mask((lease.start + random(2 ** (32 - lease.length))) >>> 0, length);
      const pick = random(100);
      origin = pick < 50 ? lease.origins[random(lease.origins.length)] : pick < 65 ? allOrigins[random(allOrigins.length)] : pick < 75 ? 0 : 1 + random(400000);
    } else if (kind < 85) {
      const holding = parsePrefixStart(holdings[random(holdings.length)]);
      length = 16 + random(13);
      start = mask((holding + random(65536)) >>> 0, length);
      origin = random(4) === 0 ? 0 : allOrigins[random(allOrigins.length)];
    } else if (kind < 90) {
      length = 12 + random(4);
      start = mask(parsePrefixStart(holdings[random(holdings.length)]), length);
      origin = allOrigins[random(allOrigins.length)];
    } else {
      length = 8 + random(17);
      start = mask(((150 + random(10)) * 2 ** 24 + random(2 ** 24)) >>> 0, length);
      origin = 1 + random(400000);
    }
    const prefix = text(start, length);
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    out.push({ prefix, origin });
  }
  return out;
}

describe.skipIf(skip)(`BIRD 2 roa_check agrees with leasekit (StayRTR serving leasekit's export)${skip ? `: skipped, ${skip}` : ''}`, () => {
  const processes = new Processes();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lk-rov-'));
  let root: string;
  let birdSocket: string;
  let routes: Array<{ prefix: string; origin: number }>;
  let vrpCount: number;

  beforeAll(async () => {
    const repo = leaseRepository();
    root = tempRepo(repo.files);
    const exported = await cli(['export', '--repo', root, '--at', AT, '--format', 'vrps', '--out', path.join(dir, 'vrps.json')], { cwd: root });
    if (exported.code !== 0) throw new Error(`export failed: ${exported.stdout}${exported.stderr}`);
    vrpCount = JSON.parse(fs.readFileSync(path.join(dir, 'vrps.json'), 'utf8')).metadata.vrps;
    routes = announcements(repo.leases, repo.holdings);
    const port = await freePort();
    processes.start(TOOLS.stayrtr, ['-bind', `127.0.0.1:${port}`, '-cache', path.join(dir, 'vrps.json'), '-checktime=false', '-metrics.addr='], dir, 'stayrtr.log');
    const statics = routes.map((r) => `  route ${r.prefix} blackhole { bgp_path.prepend(${r.origin}); };`).join('\n');
    birdSocket = startBird(
      processes,
      dir,
      'bird',
      `router id 192.0.2.1;\nroa4 table r4;\nprotocol rpki rtr {\n  roa4 { table r4; };\n  remote 127.0.0.1 port ${port};\n  retry keep 1;\n  transport tcp;\n}\nprotocol static announced {\n  ipv4;\n${statics}\n}\n`,
    );
    await waitFor(`BIRD to hold all ${vrpCount} VRPs from StayRTR`, 15_000, async () => {
      const count = await birdc(birdSocket, 'show route table r4 count');
      return new RegExp(`\\b${vrpCount} of ${vrpCount} routes`).test(count) ? true : undefined;
    });
  }, 30_000);

  afterAll(async () => {
    await processes.stopAll();
    fs.rmSync(dir, { recursive: true, force: true });
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it(`gives the same state as leasekit for ${ANNOUNCEMENTS} random announcements, AS0, maxLength and too-specific ones included`, async () => {
    const bird = new Map<string, RpkiState>();
    for (const [state, name] of [['valid', 'ROA_VALID'], ['invalid', 'ROA_INVALID'], ['not-found', 'ROA_UNKNOWN']] as const) {
      for (const prefix of listedPrefixes(await birdc(birdSocket, `show route table master4 where roa_check(r4, net, bgp_path.last) = ${name}`))) bird.set(prefix, state);
    }
    expect(bird.size).toBe(routes.length);
    const { vrps } = await readVrps(path.join(dir, 'vrps.json'));
    expect(vrps.length).toBe(vrpCount);
    const index = new VrpIndex(vrps);
    const disagreements: string[] = [];
    const counts: Record<string, number> = {};
    for (const r of routes) {
      const p = parsePrefix(r.prefix);
      if (!p.ok) throw new Error(p.message);
      const ours = index.validate(p.prefix.start, p.prefix.length, r.origin);
      // too specific: a VRP for this very origin covers it, but stops short of its length
      const tooSpecific = vrps.some((v) => v.asn === r.origin && v.start <= p.prefix.start && p.prefix.end <= v.end && v.maxLength < p.prefix.length);
      const key = `${ours}${r.origin === 0 ? ' AS0' : ''}${tooSpecific ? ' too-specific' : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
      if (bird.get(r.prefix) !== ours) disagreements.push(`${r.prefix} AS${r.origin}: BIRD ${bird.get(r.prefix)}, leasekit ${ours}`);
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
    // every case is represented, not just the easy ones
    for (const key of ['valid', 'invalid', 'not-found', 'invalid AS0', 'not-found AS0', 'invalid too-specific']) expect(counts[key], key).toBeGreaterThan(50);
  });
});
