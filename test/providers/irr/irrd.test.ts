import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyWithRecovery } from '../../../src/providers/recovery.js';
import { ProviderError, type Provider } from '../../../src/providers/types.js';
import { FakeIrrd } from '../../fakes/irrd.js';
import { create, messagesOf, provider, remove, route, update } from './setup.js';

const KEY = 'irrd-api-key-123456';
const SCOPE = { prefixes: ['192.0.2.0/24'] };
const RPKI_MESSAGE = 'RPKI ROAs were found that conflict with this object. (This IRRd refreshes ROAs every 3600 seconds.)';

describe('irrd provider against the IRRd v4 fake', () => {
  let fake: FakeIrrd;
  let irrd: Provider;

  beforeEach(async () => {
    fake = new FakeIrrd({
      source: 'EXAMPLE',
      maintainers: { 'US-MNT': { apiKeys: [KEY], passwords: ['mnt-password-1'] }, 'ACME-MNT': { apiKeys: ['acme-key-000000'] }, 'OTHER-MNT': {} },
      override: 'override-secret-1',
      inetnums: [{ prefix: '192.0.2.0/24', mntBy: ['US-MNT'] }],
    });
    await fake.start();
    irrd = provider('irrd', { type: 'irrd', baseUrl: fake.server.url, source: 'EXAMPLE', apiKeyEnv: 'IRRD_KEY' }, { IRRD_KEY: KEY });
  });
  afterEach(() => fake.stop());

  it('submits route objects as RPSL text and reads them back exactly through HTTP whois', async () => {
    const a = route('irrd', 'EXAMPLE', '192.0.2.0/25', 64501, ['US-MNT', 'ACME-MNT'], 'acme-1');
    const b = route('irrd', 'EXAMPLE', '192.0.2.128/25', 64503, ['US-MNT'], 'globex-1');
    expect((await irrd.apply([create(a), create(b)])).map((r) => r.ok)).toEqual([true, true]);
    expect(await irrd.read(SCOPE)).toEqual([a, b]);
    const [submit] = fake.server.writes();
    expect([submit.method, submit.path]).toEqual(['POST', '/v1/submit/']);
    const body = JSON.parse(submit.body);
    expect(body.api_keys).toEqual([KEY]);
    expect(body.objects).toHaveLength(2);
    expect(body.objects[0].object_text).toMatch(/^route: +192\.0\.2\.0\/25\norigin: +AS64501\nmnt-by: +US-MNT\nmnt-by: +ACME-MNT\nremarks: +managed by leasekit, lease acme-1\nsource: +EXAMPLE\n$/);
    expect(fake.server.requests.filter((r) => r.path === '/v1/whois/').map((r) => r.query.get('q'))).toEqual(['!r192.0.2.0/24', '!r192.0.2.0/24,M']);
  });

  it('reads someone else’s objects faithfully and keeps other sources out', async () => {
    fake.seed({ prefix: '192.0.2.0/24', origin: 64999, mntBy: ['OTHER-MNT'], remarks: ['hand-made'] });
    fake.seed({ prefix: '192.0.2.0/26', origin: 64501, mntBy: ['US-MNT'], source: 'ELSEWHERE' });
    expect(await irrd.read(SCOPE)).toEqual([{ type: 'route', provider: 'irrd', source: 'EXAMPLE', prefix: '192.0.2.0/24', origin: 64999, mntBy: ['OTHER-MNT'], remarks: ['hand-made'] }]);
  });

  it('modifies by submitting the whole object again', async () => {
    fake.seed({ prefix: '192.0.2.0/24', origin: 64501, mntBy: ['US-MNT'], remarks: ['managed by leasekit, lease acme-1'], descr: ['old'] });
    const after = route('irrd', 'EXAMPLE', '192.0.2.0/24', 64501, ['US-MNT', 'ACME-MNT'], 'acme-1');
    expect((await irrd.apply([update(after, after)]))[0].ok).toBe(true);
    expect(fake.list()).toEqual([{ prefix: '192.0.2.0/24', origin: 64501, mntBy: ['US-MNT', 'ACME-MNT'], remarks: ['managed by leasekit, lease acme-1'], descr: [], source: 'EXAMPLE' }]);
  });

  it('lands the others when RPKI-aware IRRd refuses one object, and reports IRRd’s words for it', async () => {
    fake.setRoas([
      { prefix: '192.0.2.0/24', maxLength: 32, asn: 0 },
      { prefix: '192.0.2.0/25', maxLength: 25, asn: 64501 },
    ]);
    const covered = route('irrd', 'EXAMPLE', '192.0.2.0/25', 64501, ['US-MNT']);
    const onlyAs0 = route('irrd', 'EXAMPLE', '192.0.2.128/25', 64503, ['US-MNT']);
    const results = await irrd.apply([create(covered), create(onlyAs0)]);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(results[1].message).toBe(`route 192.0.2.128/25AS64503: ${RPKI_MESSAGE}`);
    expect(fake.list().map((r) => r.prefix)).toEqual(['192.0.2.0/25']);
  });

  it('allows routes no ROA covers (RPKI NotFound) and deletes of invalid ones', async () => {
    fake.setRoas([{ prefix: '198.51.100.0/24', maxLength: 24, asn: 64501 }]);
    const a = route('irrd', 'EXAMPLE', '192.0.2.0/24', 64501, ['US-MNT']);
    expect((await irrd.apply([create(a)]))[0].ok).toBe(true);
    fake.setRoas([{ prefix: '192.0.2.0/24', maxLength: 32, asn: 0 }]);
    expect(await irrd.read(SCOPE)).toEqual([]); // invalid objects are hidden from queries
    expect((await irrd.apply([remove(a)]))[0].ok).toBe(true);
    expect(fake.list()).toEqual([]);
  });

  it('deletes with DELETE /v1/submit/ and a reason', async () => {
    const a = route('irrd', 'EXAMPLE', '192.0.2.0/24', 64501, ['US-MNT']);
    fake.seed(a);
    expect((await irrd.apply([remove(a)]))[0].ok).toBe(true);
    const [del] = fake.server.writes();
    expect(del.method).toBe('DELETE');
    expect(JSON.parse(del.body).delete_reason).toContain('leasekit');
  });

  it('retries 5xx and a dropped connection on submit without duplicating objects', async () => {
    fake.server.failNext(1, 502, { method: 'POST' });
    fake.server.dropAfterApply(1, 'POST');
    const a = route('irrd', 'EXAMPLE', '192.0.2.0/24', 64501, ['US-MNT']);
    expect((await irrd.apply([create(a)]))[0].ok).toBe(true);
    expect(fake.list()).toHaveLength(1);
  });

  it('recovers from a dropped delete by re-reading, so nothing is sent twice', async () => {
    const a = route('irrd', 'EXAMPLE', '192.0.2.0/25', 64501, ['US-MNT']);
    const b = route('irrd', 'EXAMPLE', '192.0.2.128/25', 64501, ['US-MNT']);
    fake.seed(a);
    fake.seed(b);
    fake.server.dropAfterApply(1, 'DELETE');
    const results = await applyWithRecovery(irrd, [remove(a), remove(b)], SCOPE);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(fake.list()).toEqual([]);
    expect(fake.server.writes().filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('with a wrong key every object is refused with IRRd’s message, nothing is written, the key is never shown', async () => {
    const wrong = provider('irrd', { type: 'irrd', baseUrl: fake.server.url, source: 'EXAMPLE', apiKeyEnv: 'K' }, { K: 'not-the-right-key-9' });
    const results = await wrong.apply([create(route('irrd', 'EXAMPLE', '192.0.2.0/24', 64501, ['US-MNT']))]);
    expect(results[0]).toMatchObject({ ok: false, message: expect.stringContaining('Authorisation for route 192.0.2.0/24AS64501 failed: must be authenticated by one of: US-MNT') });
    expect(messagesOf(results)).not.toContain('not-the-right-key-9');
    expect(fake.list()).toEqual([]);
  });

  it('authenticates with a maintainer password or an override, as configured', async () => {
    const byPassword = provider('irrd', { type: 'irrd', baseUrl: fake.server.url, passwordEnv: 'P' }, { P: 'mnt-password-1' });
    expect((await byPassword.apply([create(route('irrd', 'EXAMPLE', '192.0.2.0/25', 64501, ['US-MNT']))]))[0].ok).toBe(true);
    const byOverride = provider('irrd', { type: 'irrd', baseUrl: fake.server.url, overrideEnv: 'O' }, { O: 'override-secret-1' });
    expect((await byOverride.apply([create(route('irrd', 'EXAMPLE', '192.0.2.128/25', 64501, ['OTHER-MNT']))]))[0].ok).toBe(true);
    expect(JSON.parse(fake.server.writes()[1].body)).toMatchObject({ override: 'override-secret-1' });
  });

  it('reports an unknown maintainer and a missing mandatory attribute per object', async () => {
    const results = await irrd.apply([create(route('irrd', 'EXAMPLE', '192.0.2.0/25', 64501, ['US-MNT', 'NOBODY-MNT'])), create(route('irrd', 'EXAMPLE', '192.0.2.128/25', 64501, []))]);
    expect(results[0]).toMatchObject({ ok: false, message: expect.stringContaining('Object NOBODY-MNT referenced in field mnt-by not found in database EXAMPLE') });
    expect(results[1]).toMatchObject({ ok: false, message: expect.stringContaining('Mandatory attribute "mnt-by" on object route is missing') });
  });

  it('needs a credential setting and a baseUrl, naming them, never a value', () => {
    expect(() => provider('irrd', { type: 'irrd', source: 'EXAMPLE' }, {})).toThrow(/baseUrl/);
    const none = provider('irrd', { type: 'irrd', baseUrl: fake.server.url }, {});
    return expect(none.apply([create(route('irrd', 'EXAMPLE', '192.0.2.0/24', 64501, ['US-MNT']))])).rejects.toThrow(ProviderError);
  });

  it('the fake answers a body that is not JSON with 400 text/plain, as IRRd does', async () => {
    const res = await fetch(`${fake.server.url}/v1/submit/`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/plain');
  });
});
