// Each fake refuses what its registry refuses (the rule and its upstream source are cited in
// the fake): tests that would pass against a lenient fake and fail against the registry.
import { afterEach, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/providers/types.js';
import { FakeIrrd } from '../fakes/irrd.js';
import { FakeRipeDb } from '../fakes/ripe-db.js';
import { create, provider, route } from './irr/setup.js';
import { create as createRoa, eachTest, ripeHarness, roa } from './rpki/harness.js';

const SECRET = 'db-secret-value-1';
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function ripeDb(inetnums: ConstructorParameters<typeof FakeRipeDb>[0]['inetnums']): Promise<{ fake: FakeRipeDb; db: Provider }> {
  const fake = new FakeRipeDb({ keys: [{ id: 'KEY1', secret: SECRET, maintainer: 'US-MNT' }], inetnums });
  await fake.start();
  stop = () => fake.stop();
  return { fake, db: provider('db', { type: 'ripe-db', baseUrl: fake.server.url, source: 'RIPE', apiKeyEnv: 'K' }, { K: `KEY1:${SECRET}` }) };
}

describe('RIPE Database fake: parent authorisation as RIPE-NCC/whois RouteIpAddressAuthentication', () => {
  it('mnt-lower on an inetnum of exactly the route prefix does not authorise; mnt-by decides', async () => {
    const { db } = await ripeDb([{ prefix: '192.0.2.0/24', mntBy: ['RIPE-NCC-HM-MNT'], mntLower: ['US-MNT'] }]);
    const [exact, inside] = await db.apply([create(route('db', 'RIPE', '192.0.2.0/24', 196700, ['US-MNT'])), create(route('db', 'RIPE', '192.0.2.0/25', 196700, ['US-MNT']))]);
    expect(exact).toMatchObject({ ok: false, message: expect.stringContaining('Authorisation for [inetnum] 192.0.2.0 - 192.0.2.255 failed\nusing "mnt-by:"\nnot authenticated by: RIPE-NCC-HM-MNT') });
    expect(inside.ok).toBe(true); // the same mnt-lower counts on a less-specific parent
  });

  it("a parent route's mnt-routes is checked before its mnt-by", async () => {
    const { fake, db } = await ripeDb([{ prefix: '192.0.2.0/24', mntBy: ['RIPE-NCC-HM-MNT'], mntRoutes: ['US-MNT'] }]);
    fake.seed({ prefix: '192.0.2.0/24', origin: 196701, mntBy: ['US-MNT'], mntRoutes: ['OTHER-MNT'] });
    const [result] = await db.apply([create(route('db', 'RIPE', '192.0.2.0/25', 196700, ['US-MNT']))]);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('Authorisation for [route] 192.0.2.0/24AS196701 failed\nusing "mnt-routes:"\nnot authenticated by: OTHER-MNT') });
  });

  it("a less-specific parent route's mnt-lower authorises; the inetnum is not consulted", async () => {
    const { fake, db } = await ripeDb([{ prefix: '192.0.2.0/24', mntBy: ['RIPE-NCC-HM-MNT'] }]);
    fake.seed({ prefix: '192.0.2.0/24', origin: 196701, mntBy: ['OTHER-MNT'], mntLower: ['US-MNT'] });
    const [result] = await db.apply([create(route('db', 'RIPE', '192.0.2.0/25', 196700, ['US-MNT']))]);
    expect(result.ok).toBe(true);
  });
});

describe('IRRd fake: parent authorisation as irrd/updates/validators.py', () => {
  it('with no inetnum, a less-specific route is the parent and its mnt-by must authorise', async () => {
    const fake = new FakeIrrd({ source: 'EXAMPLE', maintainers: { 'US-MNT': { apiKeys: ['irrd-key-1234567'] }, 'OTHER-MNT': {} } });
    await fake.start();
    stop = () => fake.stop();
    fake.seed({ prefix: '192.0.2.0/24', origin: 196701, mntBy: ['OTHER-MNT'] });
    const irrd = provider('irrd', { type: 'irrd', baseUrl: fake.server.url, source: 'EXAMPLE', apiKeyEnv: 'K' }, { K: 'irrd-key-1234567' });
    const [inside, elsewhere] = await irrd.apply([create(route('irrd', 'EXAMPLE', '192.0.2.0/25', 196700, ['US-MNT'])), create(route('irrd', 'EXAMPLE', '198.51.100.0/24', 196700, ['US-MNT']))]);
    expect(inside).toMatchObject({ ok: false, message: expect.stringContaining('from parent route 192.0.2.0/24AS196701') });
    expect(elsewhere.ok).toBe(true); // no parent at all: none is asked for
  });
});

describe('RIPE RPKI fake: origins as rpki-core refuses them', () => {
  let h!: ReturnType<typeof ripeHarness>;
  eachTest(ripeHarness, (started) => (h = started));

  it('AS112, a documentation ASN and a private one are refused whole with rpki-core\'s words; AS0 and public origins pass', async () => {
    await expect(h.provider().apply([createRoa(roa('192.0.2.0/24', 112)), createRoa(roa('198.51.100.0/24', 196700))])).rejects.toThrow(/ROA configuration has private ASN\(s\): AS112/);
    await expect(h.provider().apply([createRoa(roa('192.0.2.0/24', 64500))])).rejects.toThrow(/private ASN\(s\): AS64500/);
    await expect(h.provider().apply([createRoa(roa('192.0.2.0/24', 4200000001))])).rejects.toThrow(/private ASN\(s\): AS4200000001/);
    expect(h.state()).toEqual([]);
    await h.provider().apply([createRoa(roa('192.0.2.0/24', 0, 32)), createRoa(roa('198.51.100.0/24', 196700))]);
    expect(h.state()).toEqual(['192.0.2.0/24 32 0', '198.51.100.0/24 24 196700']);
  });
});
