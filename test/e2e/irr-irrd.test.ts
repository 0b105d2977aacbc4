import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/repo.js';
import { FakeIrrd } from '../fakes/irrd.js';
import type { FakeRoa } from '../fakes/irr-common.js';
import { ACME_ROUTE, AFTER_ACME, AT, FOREIGN_ROUTE, GLOBEX_ROUTE, apply, changeAcmeMaintainer, irrRepo, journal, routeChanges } from './irr-fixtures.js';

const KEY = 'irrd-api-key-e2e-0042';
const ENV = { IRRD_KEY: KEY, LEASEKIT_RETRY_BASE_MS: '1' };
const FOREIGN = { ...FOREIGN_ROUTE, remarks: [], source: 'EXAMPLE' };
const RPKI_MESSAGE = 'RPKI ROAs were found that conflict with this object. (This IRRd refreshes ROAs every 3600 seconds.)';
const AS0: FakeRoa = { prefix: '192.0.2.0/24', maxLength: 32, asn: 0 };
const ACME_ROA: FakeRoa = { prefix: '192.0.2.0/25', maxLength: 25, asn: 64501 };
const GLOBEX_ROA: FakeRoa = { prefix: '192.0.2.128/26', maxLength: 26, asn: 64503 };

describe('plan and apply against the IRRd v4 fake (RPKI-aware)', () => {
  let fake: FakeIrrd;
  let root: string;

  beforeEach(async () => {
    fake = new FakeIrrd({
      source: 'EXAMPLE',
      maintainers: { 'US-MNT': { apiKeys: [KEY] }, 'ACME-MNT': {}, 'ACME2-MNT': {}, 'OTHER-MNT': {} },
      inetnums: [{ prefix: '192.0.2.0/24', mntBy: ['US-MNT'] }],
    });
    fake.setRoas([AS0, ACME_ROA, GLOBEX_ROA]);
    await fake.start();
    fake.seed(FOREIGN_ROUTE);
    root = irrRepo({ provider: `{ type: irrd, baseUrl: "${fake.server.url}", source: EXAMPLE, apiKeyEnv: IRRD_KEY }`, holdingIrr: 'source: EXAMPLE' });
  });
  afterEach(() => fake.stop());

  it('apply on an empty database gives exactly the desired route objects; plan then shows no changes', async () => {
    const applied = await apply(root, ENV);
    expect(applied.code, applied.stderr).toBe(0);
    expect(fake.list()).toEqual([FOREIGN, { ...ACME_ROUTE, mntBy: ['US-MNT', 'ACME-MNT'], source: 'EXAMPLE' }, { ...GLOBEX_ROUTE, mntBy: ['US-MNT'], source: 'EXAMPLE' }]);
    expect(await routeChanges(root, ENV)).toEqual([]);
    expect(applied.stdout + applied.stderr).not.toContain(KEY);
  });

  it('an expiry deletes exactly that lease’s objects, and the object without our marker is never touched', async () => {
    await apply(root, ENV);
    expect(await routeChanges(root, ENV, AFTER_ACME)).toEqual(['delete 192.0.2.0/25 AS64501 US-MNT,ACME-MNT']);
    const applied = await apply(root, ENV, AFTER_ACME);
    expect(applied.code, applied.stderr).toBe(0);
    expect(fake.list()).toEqual([FOREIGN, { ...GLOBEX_ROUTE, mntBy: ['US-MNT'], source: 'EXAMPLE' }]);
    expect(await routeChanges(root, ENV, AFTER_ACME)).toEqual([]);
  });

  it('a changed maintainer is an update', async () => {
    await apply(root, ENV);
    changeAcmeMaintainer(root, 'ACME2-MNT');
    expect(await routeChanges(root, ENV)).toEqual(['update 192.0.2.0/25 AS64501 US-MNT,ACME2-MNT']);
    expect((await apply(root, ENV)).code).toBe(0);
    expect(fake.list()[1]).toEqual({ ...ACME_ROUTE, mntBy: ['US-MNT', 'ACME2-MNT'], source: 'EXAMPLE' });
    expect(await routeChanges(root, ENV)).toEqual([]);
  });

  it('partial success: the covered object lands, the refused one is reported in IRRd’s words, exit 1, and only it is left', async () => {
    fake.setRoas([AS0, ACME_ROA]); // Globex's route is covered by the AS0 ROA alone: RPKI-invalid
    const applied = await apply(root, ENV);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(RPKI_MESSAGE);
    expect(applied.stderr).toContain('192.0.2.128/26');
    expect(fake.list()).toEqual([FOREIGN, { ...ACME_ROUTE, mntBy: ['US-MNT', 'ACME-MNT'], source: 'EXAMPLE' }]);
    const batch = journal(root).find((b) => b.provider === 'irr');
    expect(batch?.results).toEqual([{ ok: true }, { ok: false, message: `route 192.0.2.128/26AS64503: ${RPKI_MESSAGE}` }]);
    expect(await routeChanges(root, ENV)).toEqual(['create 192.0.2.128/26 AS64503 US-MNT']);

    fake.setRoas([AS0, ACME_ROA, GLOBEX_ROA]); // the missing ROA is published
    expect((await apply(root, ENV)).code).toBe(0);
    expect(await routeChanges(root, ENV)).toEqual([]);
  });

  it('plan --verify changes nothing for IRRd, which documents no dry run', async () => {
    const result = await cli(['plan', '--repo', root, '--at', AT, '--verify', '--format', 'json'], { env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).verification).toBeUndefined();
    expect(fake.server.writes()).toEqual([]);
  });
});
