import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeArinIrr } from '../fakes/arin-irr.js';
import { ACME_ROUTE, AFTER_ACME, FOREIGN_ROUTE, GLOBEX_ROUTE, apply, changeAcmeMaintainer, irrRepo, routeChanges } from './irr-fixtures.js';

const KEY = 'API-AAAA-BBBB-CCCC-DDDD';
const ENV = { ARIN_KEY: KEY, LEASEKIT_RETRY_BASE_MS: '1' };
const FOREIGN = { ...FOREIGN_ROUTE, mntBy: ['MNT-EXAMPLE'], remarks: [], source: 'ARIN' };
/** ARIN objects carry the marker in descr too (remarks on ARIN routes are unconfirmed). */
const stored = (route: typeof ACME_ROUTE, mntBy: string[]) => ({ ...route, mntBy, descr: route.remarks, source: 'ARIN' });

describe('plan and apply against the ARIN IRR fake', () => {
  let fake: FakeArinIrr;
  let root: string;

  beforeEach(async () => {
    fake = new FakeArinIrr({ keys: { [KEY]: 'EXAMPLE' }, resources: { EXAMPLE: ['192.0.2.0/24'] } });
    await fake.start();
    fake.seed('EXAMPLE', { ...FOREIGN_ROUTE, mntBy: ['MNT-EXAMPLE'] }); // made by hand in IRR-online: no marker
    root = irrRepo({
      provider: `{ type: arin-irr, baseUrl: "${fake.server.url}", org: EXAMPLE, apiKeyEnv: ARIN_KEY }`,
      registry: 'arin',
      holdingIrr: 'maintainer: MNT-EXAMPLE',
      acmeMaintainer: 'MNT-ACME',
    });
  });
  afterEach(() => fake.stop());

  it('apply on an empty database gives exactly the desired route objects, one call each; plan then shows no changes', async () => {
    const applied = await apply(root, ENV);
    expect(applied.code, applied.stderr).toBe(0);
    expect(fake.list()).toEqual([FOREIGN, stored(ACME_ROUTE, ['MNT-EXAMPLE', 'MNT-ACME']), stored(GLOBEX_ROUTE, ['MNT-EXAMPLE'])]);
    expect(fake.server.writes().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /rest/irr/route/192.0.2.0/25/AS64501', 'POST /rest/irr/route/192.0.2.128/26/AS64503']);
    expect(await routeChanges(root, ENV)).toEqual([]);
    expect(applied.stdout + applied.stderr).not.toContain(KEY);
  });

  it('an expiry deletes exactly that lease’s objects, and the object without our marker is never touched', async () => {
    await apply(root, ENV);
    expect(await routeChanges(root, ENV, AFTER_ACME)).toEqual(['delete 192.0.2.0/25 AS64501 MNT-EXAMPLE,MNT-ACME']);
    expect((await apply(root, ENV, AFTER_ACME)).code).toBe(0);
    expect(fake.list()).toEqual([FOREIGN, stored(GLOBEX_ROUTE, ['MNT-EXAMPLE'])]);
    expect(await routeChanges(root, ENV, AFTER_ACME)).toEqual([]);
  });

  it('a changed maintainer is an update, sent as a PUT of the whole object', async () => {
    await apply(root, ENV);
    changeAcmeMaintainer(root, 'MNT-ACME2');
    expect(await routeChanges(root, ENV)).toEqual(['update 192.0.2.0/25 AS64501 MNT-EXAMPLE,MNT-ACME2']);
    expect((await apply(root, ENV)).code).toBe(0);
    expect(fake.list()[1]).toEqual(stored(ACME_ROUTE, ['MNT-EXAMPLE', 'MNT-ACME2']));
    expect(fake.server.writes().filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual(['/rest/irr/route/192.0.2.0/25/AS64501']);
    expect(await routeChanges(root, ENV)).toEqual([]);
  });

  it('reports ARIN’s error for a refused object and exits 1', async () => {
    root = irrRepo({ provider: `{ type: arin-irr, baseUrl: "${fake.server.url}", org: EXAMPLE, apiKeyEnv: ARIN_KEY }`, registry: 'arin', holdingIrr: 'maintainer: MNT-WRONG' });
    const applied = await apply(root, ENV);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('Payload has one or more errors. (mnt-by: mnt-by must include MNT-EXAMPLE) [E_ENTITY_VALIDATION]');
    expect(fake.list()).toEqual([FOREIGN]);
  });
});
