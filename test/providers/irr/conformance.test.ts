// One conformance suite for every IRR provider, each against its own fake (as the RPKI
// providers share theirs in ../rpki/faults.test.ts): what leasekit relies on from any IRR.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RouteObject } from '../../../src/model/objects.js';
import { applyWithRecovery } from '../../../src/providers/recovery.js';
import { AuthError, type ChangeResult, type Provider } from '../../../src/providers/types.js';
import { FakeArinIrr } from '../../fakes/arin-irr.js';
import type { FakeServer } from '../../fakes/fake-server.js';
import type { RouteView } from '../../fakes/irr-common.js';
import { FakeIrrd } from '../../fakes/irrd.js';
import { FakeRipeDb, usualRipeDb } from '../../fakes/ripe-db.js';
import { create, messagesOf, provider, remove, route, update } from './setup.js';

const SECRET = 'irr-secret-0123456789';
const SCOPE = { prefixes: ['192.0.2.0/24', '198.51.100.0/24'] };

/** A fake with its provider: 192.0.2.0/24 is ours to route in, 198.51.100.0/24 is not. */
interface IrrHarness {
  label: string;
  source: string;
  /** The maintainer our credential authenticates. */
  maintainer: string;
  server: FakeServer;
  start(): Promise<void>;
  stop(): Promise<void>;
  provider(secret?: string): Provider;
  list(): RouteView[];
  /** A create this registry refuses on its own (space not ours, or a maintainer it will not take). */
  refused: { prefix: string; mntBy?: string[] };
}

function ripeDbHarness(): IrrHarness {
  const fake = new FakeRipeDb(usualRipeDb(SECRET));
  return {
    label: 'ripe-db',
    source: 'RIPE',
    maintainer: 'US-MNT',
    server: fake.server,
    start: async () => void (await fake.start()),
    stop: () => fake.stop(),
    provider: (secret = SECRET) => provider('irr', { type: 'ripe-db', baseUrl: fake.server.url, source: 'RIPE', apiKeyEnv: 'K' }, { K: `KEY1:${secret}` }),
    list: () => fake.list(),
    refused: { prefix: '198.51.100.0/24' },
  };
}

function irrdHarness(): IrrHarness {
  const fake = new FakeIrrd({
    source: 'EXAMPLE',
    maintainers: { 'US-MNT': { apiKeys: [SECRET] }, 'OTHER-MNT': {} },
    inetnums: [
      { prefix: '192.0.2.0/24', mntBy: ['US-MNT'] },
      { prefix: '198.51.100.0/24', mntBy: ['OTHER-MNT'] },
    ],
  });
  return {
    label: 'irrd',
    source: 'EXAMPLE',
    maintainer: 'US-MNT',
    server: fake.server,
    start: async () => void (await fake.start()),
    stop: () => fake.stop(),
    provider: (secret = SECRET) => provider('irr', { type: 'irrd', baseUrl: fake.server.url, source: 'EXAMPLE', apiKeyEnv: 'K' }, { K: secret }),
    list: () => fake.list(),
    refused: { prefix: '198.51.100.0/24' },
  };
}

function arinHarness(): IrrHarness {
  const fake = new FakeArinIrr({ keys: { [SECRET]: 'EXAMPLE' }, resources: { EXAMPLE: ['192.0.2.0/24'] } });
  return {
    label: 'arin-irr',
    source: 'ARIN',
    maintainer: 'MNT-EXAMPLE',
    server: fake.server,
    start: async () => void (await fake.start()),
    stop: () => fake.stop(),
    provider: (secret = SECRET) => provider('irr', { type: 'arin-irr', baseUrl: fake.server.url, org: 'EXAMPLE', apiKeyEnv: 'K' }, { K: secret }),
    list: () => fake.list(),
    refused: { prefix: '192.0.2.128/25', mntBy: ['MNT-OTHER'] },
  };
}

const HARNESSES = [ripeDbHarness, irrdHarness, arinHarness];

const keys = (views: RouteView[]) => views.map((v) => `${v.prefix} AS${v.origin} ${v.mntBy.join(',')}`).sort();

describe.each(HARNESSES.map((make) => [make().label, make] as const))('%s conforms', (_label, make) => {
  let h: IrrHarness;
  let p: Provider;
  const ours = (prefix: string, origin: number, extra: string[] = [], lease = 'l1'): RouteObject => route('irr', h.source, prefix, origin, [h.maintainer, ...extra], lease);
  beforeEach(async () => {
    h = make();
    await h.start();
    p = h.provider();
  });
  afterEach(() => h.stop());

  it('creates, reads back exactly, updates maintainers, deletes', async () => {
    const a = ours('192.0.2.0/25', 196701, [], 'acme-1');
    const b = ours('192.0.2.128/25', 196703, [], 'globex-1');
    expect((await p.apply([create(a), create(b)])).map((r) => r.ok)).toEqual([true, true]);
    expect(await p.read(SCOPE)).toEqual([a, b]);
    const moved = { ...a, remarks: ['managed by leasekit, lease acme-2'] };
    expect((await p.apply([update(moved, a)])).map((r) => r.ok)).toEqual([true]);
    expect((await p.read(SCOPE)).find((r) => r.prefix === a.prefix)).toEqual(moved);
    expect((await p.apply([remove(moved), remove(b)])).map((r) => r.ok)).toEqual([true, true]);
    expect(h.list()).toEqual([]);
  });

  it('reports a refusal on that object alone, in the registry\'s words, and lands the rest', async () => {
    const refused = { ...ours(h.refused.prefix, 196701), ...(h.refused.mntBy ? { mntBy: h.refused.mntBy } : {}) };
    const results = await p.apply([create(refused), create(ours('192.0.2.0/24', 196701))]);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(results[0].message).toMatch(new RegExp(`^route ${h.refused.prefix.replace(/\./g, '\\.')}AS196701: \\S`));
    expect(keys(h.list())).toEqual([`192.0.2.0/24 AS196701 ${h.maintainer}`]);
  });

  it('refuses a route of another source before sending anything', async () => {
    const [result] = await p.apply([create(route('irr', 'ELSEWHERE', '192.0.2.0/24', 196701, [h.maintainer]))]);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining(`is not this database's source ${h.source}`) });
    expect(h.server.writes()).toEqual([]);
  });

  it('deleting what is already gone is reported done', async () => {
    const [result] = await p.apply([remove(ours('192.0.2.0/24', 196701))]);
    expect(result.ok).toBe(true);
  });

  it('a dropped connection after the write landed converges without a duplicate', async () => {
    h.server.dropAfterApply(1, 'POST');
    const results = await applyWithRecovery(p, [create(ours('192.0.2.0/24', 196701))], SCOPE);
    expect(results.map((r) => r.ok)).toEqual([true]);
    expect(keys(h.list())).toEqual([`192.0.2.0/24 AS196701 ${h.maintainer}`]);
  });

  it('a wrong credential changes nothing, and no message shows either key', async () => {
    const wrong = 'wrong-secret-9876543210';
    const outcome: ChangeResult[] | unknown = await h.provider(wrong).apply([create(ours('192.0.2.0/24', 196701))]).catch((e: unknown) => e);
    if (Array.isArray(outcome)) expect(outcome.map((r: ChangeResult) => r.ok)).toEqual([false]);
    else expect(outcome).toBeInstanceOf(AuthError);
    expect(h.list()).toEqual([]);
    expect(messagesOf(outcome)).not.toContain(wrong);
    expect(messagesOf(outcome)).not.toContain(SECRET);
  });
});
