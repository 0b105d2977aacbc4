import { describe, expect, it } from 'vitest';
import { BASE, tempRepo, validateJson, withCode } from '../helpers/repo.js';

const CONFIG = [
  'policy:',
  '  allowDocumentationSpace: true',
  'providers:',
  '  ripe: { type: ripe-rpki, apiKeyEnv: RIPE_KEY }',
  '  krill: { type: krill, ca: lessor, tokenEnv: KRILL_TOKEN }',
  '  arin: { type: arin-rpki, org: EX-1, apiKeyEnv: ARIN_KEY }',
  '  db: { type: ripe-db, apiKeyEnv: DB_KEY }',
  '',
].join('\n');

const holding = (rpki: string, irr = 'local') => `kind: holding\nid: h1\nprefix: 192.0.2.0/24\nregistry: ripe\nsource: allocation\nrpki: { provider: ${rpki} }\nirr: { provider: ${irr} }\n`;
const lease = (origins: string) => `kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: ${origins}\n`;
const parties = BASE['leases/parties.yaml'].replace('asns: [64501, 64502]', 'asns: [64501, 64502, 112, 196700]');

function repo(rpki: string, origins: string, extra: Record<string, string> = {}, irr = 'local'): string {
  return tempRepo({ ...BASE, 'leasekit.yaml': CONFIG, 'leases/parties.yaml': parties, 'leases/holdings.yaml': holding(rpki, irr), 'leases/l.yaml': lease(origins), ...extra });
}

describe('origin-refused', () => {
  it('AS112 on a holding published through RIPE NCC is an error at the origin', async () => {
    const report = await validateJson(repo('ripe', '[196700, 112]'));
    const [d] = withCode(report, 'origin-refused');
    expect(d).toMatchObject({ file: 'leases/l.yaml', line: 5, column: 19, id: 'l1' });
    expect(d.message).toContain("AS112 cannot be published through provider 'ripe' (RIPE NCC hosted RPKI)");
    expect(report.code).toBe(1);
  });

  it('documentation ASNs too, whatever allowDocumentationSpace says', async () => {
    const found = withCode(await validateJson(repo('ripe', '[64501]')), 'origin-refused');
    expect(found.map((d) => d.message.slice(0, 6))).toEqual(['AS6450']);
  });

  it('does not fire for a public origin at RIPE, nor for AS112 at Krill, ARIN or local', async () => {
    expect(withCode(await validateJson(repo('ripe', '[196700]')), 'origin-refused')).toEqual([]);
    for (const provider of ['krill', 'arin', 'local']) {
      expect(withCode(await validateJson(repo(provider, '[112]')), 'origin-refused')).toEqual([]);
    }
  });
});

describe('provider-capability', () => {
  const childCa = { 'leases/d.yaml': 'kind: delegation\nid: d1\nlease: l1\ntype: rpki-ca\nto: acme\nhandle: acme-ca\n' };

  it('a child CA on a RIPE-hosted holding is an error at the delegation', async () => {
    const [d] = withCode(await validateJson(repo('ripe', '[196700]', childCa)), 'provider-capability');
    expect(d).toMatchObject({ file: 'leases/d.yaml', line: 4, column: 7, id: 'd1' });
    expect(d.message).toContain("publishes through provider 'ripe' (RIPE NCC hosted RPKI), which cannot hand space to a child CA");
  });

  it('and at ARIN; not at Krill or local', async () => {
    expect(withCode(await validateJson(repo('arin', '[64501]', childCa)), 'provider-capability')).toHaveLength(1);
    expect(withCode(await validateJson(repo('krill', '[64501]', childCa)), 'provider-capability')).toEqual([]);
    expect(withCode(await validateJson(repo('local', '[64501]', childCa)), 'provider-capability')).toEqual([]);
  });

  it('an IRR database named for ROAs, or an RPKI provider for route objects, is an error at the provider name', async () => {
    const found = withCode(await validateJson(repo('db', '[64501]', {}, 'krill')), 'provider-capability');
    expect(found.map((d) => [d.line, d.message.split(',')[0]])).toEqual([
      [6, "provider 'db' is the RIPE Database"],
      [7, "provider 'krill' is Krill"],
    ]);
  });

  it('does not fire on the usual pairing', async () => {
    expect((await validateJson(repo('krill', '[64501]', {}, 'db'))).diagnostics).toEqual([]);
  });
});
