import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/repo.js';
import { FakeRipeDb, usualRipeDb } from '../fakes/ripe-db.js';
import { ACME_ROUTE, AFTER_ACME, AT, FOREIGN_ROUTE, GLOBEX_ROUTE, changeAcmeMaintainer, irrRepo, routeChanges } from './irr-fixtures.js';

const SECRET = 'ripe-db-secret-4711';
const ENV = { RIPE_DB_KEY: `KEY1:${SECRET}`, LEASEKIT_RETRY_BASE_MS: '1' };
const FOREIGN = { ...FOREIGN_ROUTE, remarks: [], source: 'RIPE' };

describe('plan and apply against the RIPE Database fake', () => {
  let fake: FakeRipeDb;
  let root: string;
  const outputs: string[] = [];

  beforeEach(async () => {
    fake = new FakeRipeDb(usualRipeDb(SECRET));
    await fake.start();
    fake.seed(FOREIGN_ROUTE);
    root = irrRepo({ provider: `{ type: ripe-db, baseUrl: "${fake.server.url}", apiKeyEnv: RIPE_DB_KEY }` });
  });
  afterEach(async () => {
    await fake.stop();
    for (const output of outputs.splice(0)) expect(output).not.toContain(SECRET);
  });

  const run = async (argv: string[]) => {
    const result = await cli(argv, { env: ENV });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  it('apply on an empty database gives exactly the desired route objects; plan then shows no changes', async () => {
    expect(await routeChanges(root, ENV)).toEqual(['create 192.0.2.0/25 AS64501 US-MNT,ACME-MNT', 'create 192.0.2.128/26 AS64503 US-MNT']);
    const applied = await run(['apply', '--repo', root, '--at', AT, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(fake.list()).toEqual([
      FOREIGN,
      { ...ACME_ROUTE, mntBy: ['US-MNT', 'ACME-MNT'], source: 'RIPE' },
      { ...GLOBEX_ROUTE, mntBy: ['US-MNT'], source: 'RIPE' },
    ]);
    expect(await routeChanges(root, ENV)).toEqual([]);
    const plan = await run(['plan', '--repo', root, '--at', AT, '--format', 'json']);
    expect(JSON.parse(plan.stdout).unmanaged).toEqual([{ type: 'route', provider: 'irr', source: 'RIPE', prefix: '192.0.2.192/26', origin: 64999, mntBy: ['OTHER-MNT'], descr: ['hand-made, not ours'] }]);
  });

  it('an expiry deletes exactly that lease’s objects, and the object without our marker is never touched', async () => {
    await run(['apply', '--repo', root, '--at', AT, '--yes']);
    expect(await routeChanges(root, ENV, AFTER_ACME)).toEqual(['delete 192.0.2.0/25 AS64501 US-MNT,ACME-MNT']);
    const applied = await run(['apply', '--repo', root, '--at', AFTER_ACME, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(fake.list()).toEqual([FOREIGN, { ...GLOBEX_ROUTE, mntBy: ['US-MNT'], source: 'RIPE' }]);
    expect(fake.server.writes().filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/RIPE/route/192.0.2.0/25AS64501']);
    expect(await routeChanges(root, ENV, AFTER_ACME)).toEqual([]);
  });

  it('a changed maintainer is an update, sent as a PUT of the whole object', async () => {
    await run(['apply', '--repo', root, '--at', AT, '--yes']);
    changeAcmeMaintainer(root, 'ACME2-MNT');
    expect(await routeChanges(root, ENV)).toEqual(['update 192.0.2.0/25 AS64501 US-MNT,ACME2-MNT']);
    const applied = await run(['apply', '--repo', root, '--at', AT, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(fake.get('192.0.2.0/25AS64501')).toEqual({ ...ACME_ROUTE, mntBy: ['US-MNT', 'ACME2-MNT'], source: 'RIPE' });
    expect(fake.server.writes().filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual(['/RIPE/route/192.0.2.0/25AS64501']);
    expect(await routeChanges(root, ENV)).toEqual([]);
  });

  it('plan --verify reports the authorisation refusal from RIPE’s dry run and writes nothing', async () => {
    root = irrRepo({
      provider: `{ type: ripe-db, baseUrl: "${fake.server.url}", apiKeyEnv: RIPE_DB_KEY }`,
      extraRecords: [
        'kind: holding\nid: h2\nprefix: 198.51.100.0/24\nregistry: ripe\nsource: allocation\nrpki: { provider: local }\nirr: { provider: irr }',
        'kind: lease\nid: globex-2\ncontract: c-globex\nprefix: 198.51.100.0/24\norigins: [64503]',
      ],
    });
    const json = await run(['plan', '--repo', root, '--at', AT, '--format', 'json', '--verify']);
    expect(json.code).toBe(1);
    const refused = JSON.parse(json.stdout).verification.filter((v: { ok: boolean }) => !v.ok);
    expect(refused).toEqual([
      expect.objectContaining({
        provider: 'irr',
        op: 'create',
        prefix: '198.51.100.0/24',
        origin: 64503,
        message: 'route 198.51.100.0/24AS64503: Authorisation for [inetnum] 198.51.100.0 - 198.51.100.255 failed\nusing "mnt-routes:"\nnot authenticated by: OTHER-MNT',
      }),
    ]);
    const text = await run(['plan', '--repo', root, '--at', AT, '--verify']);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/2 accepted, 1 refused/);
    expect(text.stdout).toContain('not authenticated by: OTHER-MNT');
    expect(fake.list()).toEqual([FOREIGN]);
    expect(fake.server.writes().every((r) => r.query.get('dry-run') === 'true')).toBe(true);
  });
});
