import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyWithRecovery } from '../../../src/providers/recovery.js';
import { AuthError, type Provider } from '../../../src/providers/types.js';
import { FakeArinIrr, type ArinFakeOptions } from '../../fakes/arin-irr.js';
import { create, messagesOf, provider, remove, route, update } from './setup.js';

const KEY = 'API-1111-2222-3333-4444';
const SCOPE = { prefixes: ['192.0.2.0/24'] };
const MNT = 'MNT-EXAMPLE';

describe('arin-irr provider against the ARIN Reg-RWS IRR fake', () => {
  let fake: FakeArinIrr;
  let arin: Provider;

  async function startFake(options: Partial<ArinFakeOptions> = {}): Promise<void> {
    fake = new FakeArinIrr({ keys: { [KEY]: 'EXAMPLE', 'API-OTHER': 'OTHER' }, resources: { EXAMPLE: ['192.0.2.0/24', '203.0.113.0/24'], OTHER: ['198.51.100.0/24'] }, ...options });
    await fake.start();
    arin = provider('arin', { type: 'arin-irr', baseUrl: fake.server.url, org: 'EXAMPLE', apiKeyEnv: 'ARIN_KEY' }, { ARIN_KEY: KEY });
  }
  beforeEach(() => startFake());
  afterEach(() => fake.stop());

  it('creates one object per call in RPSL and reads the org’s routes back exactly', async () => {
    const a = route('arin', 'ARIN', '192.0.2.0/25', 64501, [MNT, 'MNT-ACME'], 'acme-1');
    const b = route('arin', 'ARIN', '192.0.2.128/25', 64503, [MNT], 'globex-1');
    expect((await arin.apply([create(a), create(b)])).map((r) => r.ok)).toEqual([true, true]);
    expect(await arin.read(SCOPE)).toEqual([a, b]);
    const [post] = fake.server.writes();
    expect([post.method, post.path]).toEqual(['POST', '/rest/irr/route/192.0.2.0/25/AS64501']);
    expect(post.headers.authorization).toBe(`ApiKey ${KEY}`);
    expect(post.headers['content-type']).toBe('application/rpsl');
    expect(post.body).toMatch(/^route: +192\.0\.2\.0\/25\ndescr: +managed by leasekit, lease acme-1\norigin: +AS64501\nmnt-by: +MNT-EXAMPLE\nmnt-by: +MNT-ACME\nremarks: +managed by leasekit, lease acme-1\nsource: +ARIN\n$/);
  });

  it('reads only routes inside the holdings, someone else’s hand-made ones included', async () => {
    fake.seed('EXAMPLE', { prefix: '192.0.2.0/24', origin: 64999, mntBy: [MNT], descr: ['made in IRR-online'] });
    fake.seed('EXAMPLE', { prefix: '203.0.113.0/24', origin: 64501, mntBy: [MNT] });
    expect(await arin.read(SCOPE)).toEqual([{ type: 'route', provider: 'arin', source: 'ARIN', prefix: '192.0.2.0/24', origin: 64999, mntBy: [MNT], descr: ['made in IRR-online'] }]);
  });

  it('modifies with a PUT of the whole object', async () => {
    fake.seed('EXAMPLE', { prefix: '192.0.2.0/24', origin: 64501, mntBy: [MNT], remarks: ['managed by leasekit, lease l1'], descr: ['old words'] });
    const after = route('arin', 'ARIN', '192.0.2.0/24', 64501, [MNT, 'MNT-ACME']);
    expect((await arin.apply([update(after, after)]))[0].ok).toBe(true);
    expect(fake.server.writes()[0].method).toBe('PUT');
    expect(fake.list()).toEqual([{ prefix: '192.0.2.0/24', origin: 64501, mntBy: [MNT, 'MNT-ACME'], remarks: ['managed by leasekit, lease l1'], descr: ['managed by leasekit, lease l1'], source: 'ARIN' }]);
  });

  it('deletes, and takes an object already gone as deleted', async () => {
    const a = route('arin', 'ARIN', '192.0.2.0/24', 64501, [MNT]);
    fake.seed('EXAMPLE', a);
    expect((await arin.apply([remove(a), remove(a)])).map((r) => r.ok)).toEqual([true, true]);
    expect(fake.list()).toEqual([]);
  });

  it('keeps the ownership marker when ARIN drops remarks, through the descr it also writes', async () => {
    await fake.stop();
    await startFake({ keepsRemarks: false });
    const a = route('arin', 'ARIN', '192.0.2.0/24', 64501, [MNT], 'acme-1');
    await arin.apply([create(a)]);
    expect(fake.list()[0].remarks).toEqual([]);
    expect(await arin.read(SCOPE)).toEqual([a]);
  });

  it('reports Reg-RWS errors verbatim, per object', async () => {
    const results = await arin.apply([create(route('arin', 'ARIN', '192.0.2.0/24', 64501, ['MNT-SOMEONE'])), create(route('arin', 'ARIN', '192.0.2.128/25', 64501, [MNT]))]);
    expect(results[0]).toMatchObject({ ok: false, message: 'route 192.0.2.0/24AS64501: Payload has one or more errors. (mnt-by: mnt-by must include MNT-EXAMPLE) [E_ENTITY_VALIDATION]' });
    expect(results[1].ok).toBe(true);
  });

  it('refuses a source other than ARIN before sending', async () => {
    const [result] = await arin.apply([create(route('arin', 'RIPE', '192.0.2.0/24', 64501, [MNT]))]);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('source RIPE') });
    expect(fake.server.writes()).toEqual([]);
  });

  it('raises AuthError for a wrong key, writes nothing and never shows the key', async () => {
    const wrong = provider('arin', { type: 'arin-irr', baseUrl: fake.server.url, org: 'EXAMPLE', apiKeyEnv: 'K' }, { K: 'API-9999-WRONG' });
    const err = await wrong.apply([create(route('arin', 'ARIN', '192.0.2.0/24', 64501, [MNT]))]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(messagesOf(err)).toContain('E_AUTHENTICATION');
    expect(messagesOf(err)).not.toContain('API-9999-WRONG');
    await expect(wrong.read(SCOPE)).rejects.toBeInstanceOf(AuthError);
    expect(fake.list()).toEqual([]);
  });

  it('retries 429 with Retry-After and 500s on reads', async () => {
    fake.seed('EXAMPLE', { prefix: '192.0.2.0/24', origin: 64501, mntBy: [MNT] });
    fake.server.failNext(1, 429, { headers: { 'Retry-After': '0' } });
    fake.server.failNext(1, 500);
    expect(await arin.read(SCOPE)).toHaveLength(1);
  });

  it('converges without a duplicate when the connection drops after a create landed', async () => {
    fake.server.dropAfterApply(1, 'POST');
    const a = route('arin', 'ARIN', '192.0.2.0/25', 64501, [MNT]);
    const b = route('arin', 'ARIN', '192.0.2.128/25', 64501, [MNT]);
    const results = await applyWithRecovery(arin, [create(a), create(b)], SCOPE);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(fake.server.writes().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /rest/irr/route/192.0.2.0/25/AS64501', 'POST /rest/irr/route/192.0.2.128/25/AS64501']);
    expect(fake.list()).toHaveLength(2);
  });
});
