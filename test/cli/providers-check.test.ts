import { afterEach, describe, expect, it } from 'vitest';
import { FakeArinIrr } from '../fakes/arin-irr.js';
import { FakeIrrd } from '../fakes/irrd.js';
import { FakeRipeDb, usualRipeDb } from '../fakes/ripe-db.js';
import { cli, tempRepo } from '../helpers/repo.js';
import { arinHarness, HELD, krillHarness, ripeHarness, roa, SECRET, type Harness } from '../providers/rpki/harness.js';

const WRONG = 'wrong-key-that-is-long-0000';
const ENV = { KEY: SECRET, LEASEKIT_RETRY_BASE_MS: '1', LEASEKIT_HTTP_TIMEOUT_MS: '2000' };

function repo(provider: string, section: 'rpki' | 'irr' = 'rpki'): string {
  return tempRepo({
    'leasekit.yaml': `policy:\n  allowDocumentationSpace: true\nproviders:\n  reg: ${provider}\n`,
    'leases/parties.yaml': 'kind: party\nid: us\nname: Us\nself: true\nasns: [196700]\nirrMaintainer: US-MNT\n',
    'leases/holdings.yaml': HELD.map((p, i) => `kind: holding\nid: h${i}\nprefix: ${p}\nregistry: ripe\nsource: allocation\n${section}: { provider: reg }\n`).join('---\n'),
  });
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

async function check(provider: string, env: NodeJS.ProcessEnv = ENV, more: string[] = []) {
  const section = /type: (ripe-db|irrd|arin-irr)/.test(provider) ? 'irr' : 'rpki';
  const result = await cli(['providers', 'check', 'reg', '--repo', repo(provider, section), ...more], { env });
  expect(result.stdout + result.stderr).not.toContain(SECRET);
  expect(result.stdout + result.stderr).not.toContain(WRONG);
  return result;
}

describe.each([
  ['ripe-rpki', ripeHarness],
  ['arin-rpki', arinHarness],
  ['krill', krillHarness],
] as const)('providers check against the %s fake', (type, make) => {
  async function started(): Promise<Harness> {
    const h = make();
    await h.start();
    stops.push(() => h.stop());
    h.seed([roa('192.0.2.0/24', 196700), roa('203.0.113.0/24', 196701)]);
    return h;
  }
  const config = (h: Harness) => h.config().replace('RPKI_KEY', 'KEY');

  it('good key: ok, the account found, the ROAs inside the holdings counted, what it cannot do; nothing written', async () => {
    const h = await started();
    const result = await check(config(h));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`reg (${type}, `);
    expect(result.stdout).toMatch(/: ok\n {2}credentials accepted \(KEY\)/);
    expect(result.stdout).toContain('inside the holdings: 1 ROA');
    expect(result.stdout).toMatch(/cannot: .*\S/);
    expect(h.server.writes()).toEqual([]);
  });

  it('bad key: credentials refused, naming the variable, exit 1', async () => {
    const h = await started();
    const result = await check(config(h), { ...ENV, KEY: WRONG });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(': credentials refused');
    expect(result.stdout).toContain('check the credential in environment variable KEY');
  });

  it('unset variable: not configured, exit 1, nothing sent', async () => {
    const h = await started();
    const result = await check(config(h), { LEASEKIT_RETRY_BASE_MS: '1' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('environment variable KEY (named by');
    expect(h.server.requests).toEqual([]);
  });

  it('JSON output carries the same verdict', async () => {
    const h = await started();
    const result = await check(config(h), ENV, ['--format', 'json']);
    const report = JSON.parse(result.stdout) as { ok: boolean; providers: Array<{ status: string; objects: Record<string, number> }> };
    expect(report.ok).toBe(true);
    expect(report.providers[0]).toMatchObject({ status: 'ok', objects: { roa: 1 } });
  });
});

describe('providers check: unknown CA or org', () => {
  it('krill: an unknown CA is reported as not found', async () => {
    const h = krillHarness();
    await h.start();
    stops.push(() => h.stop());
    const result = await check(h.config().replace('RPKI_KEY', 'KEY').replace('ca: lessor', 'ca: nobody'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(': CA, org or maintainer not found');
  });

  it('arin-rpki: an org the key does not manage is reported as not found', async () => {
    const h = arinHarness();
    await h.start();
    stops.push(() => h.stop());
    const result = await check(h.config().replace('RPKI_KEY', 'KEY').replace('org: EXAMPLE-1', 'org: NOBODY-9'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(': CA, org or maintainer not found');
  });
});

describe('providers check against the IRR fakes', () => {
  it('ripe-db and irrd: reachable, routes counted, and the key honestly not tested by a read', async () => {
    const db = new FakeRipeDb(usualRipeDb(SECRET));
    await db.start();
    stops.push(() => db.stop());
    db.seed({ prefix: '192.0.2.0/24', origin: 196700, mntBy: ['US-MNT'] });
    const ripe = await check(`{ type: ripe-db, baseUrl: '${db.server.url}', source: RIPE, apiKeyEnv: KEY }`, { ...ENV, KEY: `KEY1:${SECRET}` });
    expect(ripe.code, ripe.stderr).toBe(0);
    expect(ripe.stdout).toContain('inside the holdings: 1 route object');
    expect(ripe.stdout).toContain('the key is not tested here');
    expect(ripe.stdout).toContain('maintainer US-MNT found');

    const irrd = new FakeIrrd({ source: 'EXAMPLE', maintainers: { 'US-MNT': { apiKeys: [SECRET] } } });
    await irrd.start();
    stops.push(() => irrd.stop());
    const result = await check(`{ type: irrd, baseUrl: '${irrd.server.url}', source: EXAMPLE, apiKeyEnv: KEY }`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('inside the holdings: nothing yet');
    expect(result.stdout).toContain('maintainer US-MNT found');
  });

  it('ripe-db and irrd: a maintainer the database does not hold is reported as not found', async () => {
    const db = new FakeRipeDb({ keys: [{ id: 'KEY1', secret: SECRET, maintainer: 'OTHER-MNT' }], inetnums: [] });
    await db.start();
    stops.push(() => db.stop());
    const ripe = await check(`{ type: ripe-db, baseUrl: '${db.server.url}', source: RIPE, apiKeyEnv: KEY }`, { ...ENV, KEY: `KEY1:${SECRET}` });
    expect(ripe.code).toBe(1);
    expect(ripe.stdout).toContain(': CA, org or maintainer not found');
    expect(ripe.stdout).toContain('maintainer US-MNT not found');
    const irrd = new FakeIrrd({ source: 'EXAMPLE', maintainers: { 'OTHER-MNT': {} } });
    await irrd.start();
    stops.push(() => irrd.stop());
    const result = await check(`{ type: irrd, baseUrl: '${irrd.server.url}', source: EXAMPLE, apiKeyEnv: KEY }`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('maintainer US-MNT not found');
  });

  it('irrd: unreachable is its own verdict', async () => {
    const result = await check("{ type: irrd, baseUrl: 'http://127.0.0.1:9', source: EXAMPLE, apiKeyEnv: KEY }");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(': unreachable');
  });

  it('arin-irr: good key ok, bad key refused', async () => {
    const fake = new FakeArinIrr({ keys: { [SECRET]: 'EXAMPLE' }, resources: { EXAMPLE: ['192.0.2.0/24'] } });
    await fake.start();
    stops.push(() => fake.stop());
    const config = `{ type: arin-irr, baseUrl: '${fake.server.url}', org: EXAMPLE, apiKeyEnv: KEY }`;
    expect((await check(config)).stdout).toContain('credentials accepted (KEY); org EXAMPLE found');
    const bad = await check(config, { ...ENV, KEY: WRONG });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(': credentials refused');
  });

  it('an unknown provider name is a usage error (exit 2) naming the defined ones', async () => {
    const result = await cli(['providers', 'check', 'nope', '--repo', repo('{ type: local }')], { env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("provider 'nope' is not defined under providers in leasekit.yaml (defined: reg, local)");
  });
});

describe('providers check --help', () => {
  it('lists its exit codes and says secrets are never printed', async () => {
    const result = await cli(['providers', 'check', '--help'], { env: {} });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/exit codes:\n {2}0 {2}every provider checked is ok\n {2}1 {2}a provider is not configured.*refused the credential.*CA\/org.*could not be reached\n {2}2 {2}usage error/);
    expect(result.stdout).toContain('Secrets are never printed');
  });
});
