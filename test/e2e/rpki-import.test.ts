import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Roa } from '../../src/model/objects.js';
import { cli, tempRepo } from '../helpers/repo.js';
import { HARNESSES, type Harness } from '../providers/rpki/harness.js';
import { AT, ENV, planJson, rpkiChanges } from './rpki-fixtures.js';

const roa = (prefix: string, asn: number, maxLength = Number(prefix.split('/')[1])): Roa => ({ type: 'roa', provider: 'rpki', prefix, maxLength, asn });

/** A lessor half-way onboarded: one holding and one lease are recorded, the rest only exists in the registry. */
function partialRepo(provider: string): string {
  return tempRepo({
    'leasekit.yaml': `policy:\n  allowDocumentationSpace: true\nproviders:\n  rpki: ${provider}\n`,
    'leases/parties.yaml': 'kind: party\nid: us\nname: Us\nself: true\nasns: [200500]\n---\nkind: party\nid: acme\nname: Acme\nasns: [200501]\n',
    'leases/holdings.yaml': 'kind: holding\nid: h1\nprefix: 192.0.2.0/24\nregistry: ripe\nsource: allocation\nrpki: { provider: rpki }\n',
    'leases/contracts.yaml': 'kind: contract\nid: c-acme\ndirection: outbound\ncounterparty: acme\nstart: 2026-01-01\n',
    'leases/leases.yaml': 'kind: lease\nid: acme-1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [200501]\nmaxLength: 25\n',
  });
}

const REGISTRY = [
  roa('192.0.2.0/24', 0, 32), // explained by holding h1
  roa('192.0.2.0/25', 200501), // explained by lease acme-1
  roa('192.0.2.128/26', 200510), // a lessee nobody recorded, inside h1
  roa('198.51.100.0/24', 0, 32), // a block with no holding, guarded by AS0
  roa('198.51.100.0/25', 200505), // two origins on one prefix: one placeholder party
  roa('198.51.100.0/25', 200511),
  roa('198.51.100.128/25', 200500), // our own ASN: an internal contract
  roa('203.0.113.0/24', 200509), // another block, no AS0
];

describe.each(HARNESSES.map((make) => [make().label, make] as const))('leasekit import from %s', (_label, make) => {
  let h: Harness;
  let root: string;
  beforeEach(async () => {
    h = make();
    await h.start();
    root = partialRepo(h.config());
  });
  afterEach(() => h.stop());

  it('drafts records that validate, and a plan from them shows no ROA changes; the registry is only read', async () => {
    h.seed(REGISTRY);
    const result = await cli(['import', '--provider', 'rpki', '--repo', root, '--at', AT], { env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^rpki: 2 objects already explained by the records; drafted 2 holdings, 3 parties, 4 contracts, 4 leases\./);
    const dir = path.join(root, 'leases/imported');
    expect(fs.readdirSync(dir).sort()).toEqual(['contracts.yaml', 'holdings.yaml', 'leases.yaml', 'parties.yaml']);
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(text.startsWith('# DRAFT imported by leasekit from provider rpki on 2026-06-01.')).toBe(true);
      expect(text).toContain('# TODO: ');
    }
    const validated = await cli(['validate', '--repo', root, '--at', AT, '--format', 'json']);
    const report = JSON.parse(validated.stdout);
    expect(report.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    expect(validated.code).toBe(0);
    expect(rpkiChanges(await planJson(root))).toEqual([]);
    expect(h.server.writes()).toEqual([]);
  });

  it('writes what a reviewer needs: holdings with TODOs, placeholder parties, leases with origins and maxLength only when it differs', async () => {
    h.seed(REGISTRY);
    await cli(['import', '--provider', 'rpki', '--repo', root, '--at', AT], { env: ENV });
    const read = (file: string) => fs.readFileSync(path.join(root, 'leases/imported', file), 'utf8');
    expect(read('holdings.yaml')).toContain('prefix: 198.51.100.0/24');
    expect(read('holdings.yaml')).toMatch(/id: imported-198-51-100-0-24\nprefix: 198\.51\.100\.0\/24\nregistry: (ripe|arin)/);
    expect(read('holdings.yaml')).toMatch(/rpki:\n {2}provider: rpki\n {2}as0: true/);
    expect(read('holdings.yaml')).toMatch(/id: imported-203-0-113-0-24[\s\S]*as0: false/);
    expect(read('parties.yaml')).toContain('id: as200505\nname: TODO\nasns:\n  - 200505\n  - 200511');
    expect(read('contracts.yaml')).toContain('id: imported-us\ndirection: internal\ncounterparty: us\nstart: 2026-06-01');
    expect(read('leases.yaml')).toContain('id: imported-198-51-100-0-25\ncontract: imported-as200505\nprefix: 198.51.100.0/25\norigins:\n  - 200505\n  - 200511\n');
    expect(read('leases.yaml')).not.toMatch(/maxLength/);
  });

  it('lists what it cannot draft, and never overwrites earlier drafts', async () => {
    h.seed([roa('192.0.2.0/26', 200502), roa('192.0.2.0/28', 0, 32), roa('203.0.113.0/24', 64512)]);
    const result = await cli(['import', '--provider', 'rpki', '--repo', root, '--at', AT], { env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Nothing to draft.');
    expect(result.stdout).toContain('ROA 192.0.2.0/26 max 26 AS200502: overlaps lease acme-1');
    expect(result.stdout).toContain('ROA 192.0.2.0/28 max 32 AS0: AS0 on part of holding h1 cannot be expressed');
    expect(result.stdout).toMatch(/ROA 203\.0\.113\.0\/24 max 24 AS64512: .*private/i);
    h.seed([roa('203.0.113.0/24', 200509)]);
    const first = await cli(['import', '--provider', 'rpki', '--repo', root, '--at', AT, '--out', 'drafts'], { env: ENV });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('note: drafts is outside leases/');
    const again = await cli(['import', '--provider', 'rpki', '--repo', root, '--at', AT, '--out', 'drafts'], { env: ENV });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/will not overwrite .*drafts\/parties\.yaml/);
  });

  it('a wrong key exits 1 and writes no drafts', async () => {
    const result = await cli(['import', '--provider', 'rpki', '--repo', root], { env: { ...ENV, RPKI_KEY: 'nope' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/HTTP 401.*RPKI_KEY/);
    expect(fs.existsSync(path.join(root, 'leases/imported'))).toBe(false);
  });
});

describe('leasekit import: usage', () => {
  it('needs a known --provider that holds ROAs', async () => {
    const root = partialRepo('{ type: local }');
    expect((await cli(['import', '--repo', root])).stderr).toMatch(/needs --provider NAME/);
    expect((await cli(['import', '--repo', root, '--provider', 'nope'])).stderr).toMatch(/provider 'nope' is not defined/);
  });

  it('imports from the local registry too, into --out', async () => {
    const root = partialRepo('{ type: local }');
    fs.mkdirSync(path.join(root, 'state'));
    fs.writeFileSync(path.join(root, 'state/local-registry.json'), JSON.stringify({ roas: [{ prefix: '203.0.113.0/24', maxLength: 24, asn: 200509 }], routes: [], childResources: [] }));
    const result = await cli(['import', '--repo', root, '--provider', 'local', '--out', 'leases/from-local', '--at', AT]);
    expect(result.code, result.stderr).toBe(0);
    expect(fs.readdirSync(path.join(root, 'leases/from-local')).sort()).toEqual(['contracts.yaml', 'holdings.yaml', 'leases.yaml', 'parties.yaml']);
    expect((await cli(['validate', '--repo', root, '--at', AT])).code).toBe(0);
  });
});
