import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyWithRecovery } from '../../../src/providers/recovery.js';
import { AuthError, ProviderError, type Provider } from '../../../src/providers/types.js';
import { FakeRipeDb, usualRipeDb } from '../../fakes/ripe-db.js';
import { create, messagesOf, provider, remove, route, update } from './setup.js';

const SECRET = 'sup3r-s3cret-value';
const ENV = { RIPE_DB_KEY: `KEY1:${SECRET}` };
const SCOPE = { prefixes: ['192.0.2.0/24', '198.51.100.0/24'] };

describe('ripe-db provider against the RIPE Database fake', () => {
  let fake: FakeRipeDb;
  let ripe: Provider;

  beforeEach(async () => {
    fake = new FakeRipeDb(usualRipeDb(SECRET));
    await fake.start();
    ripe = provider('ripe', { type: 'ripe-db', baseUrl: fake.server.url, apiKeyEnv: 'RIPE_DB_KEY' }, ENV);
  });
  afterEach(() => fake.stop());

  it('creates route objects and reads them back exactly, marker and maintainers included', async () => {
    const a = route('ripe', 'RIPE', '192.0.2.0/25', 64501, ['US-MNT', 'ACME-MNT'], 'acme-1');
    const b = route('ripe', 'RIPE', '192.0.2.128/25', 64503, ['US-MNT'], 'globex-1');
    const results = await ripe.apply([create(a), create(b)]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(await ripe.read(SCOPE)).toEqual([a, b]);
    const post = fake.server.writes()[0];
    expect(post.method).toBe('POST');
    expect(post.path).toBe('/RIPE/route');
    expect(post.headers.authorization).toBe(`Basic ${Buffer.from(ENV.RIPE_DB_KEY).toString('base64')}`);
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers.accept).toBe('application/json');
    expect(JSON.parse(post.body).objects.object[0].attributes.attribute).toEqual([
      { name: 'route', value: '192.0.2.0/25' },
      { name: 'origin', value: 'AS64501' },
      { name: 'mnt-by', value: 'US-MNT' },
      { name: 'mnt-by', value: 'ACME-MNT' },
      { name: 'remarks', value: 'managed by leasekit, lease acme-1' },
      { name: 'source', value: 'RIPE' },
    ]);
  });

  it('reads exact and more-specific objects of each holding, someone else’s too, and nothing outside', async () => {
    fake.seed({ prefix: '192.0.2.0/24', origin: 64999, mntBy: ['OTHER-MNT'], descr: ['not ours'] });
    fake.seed({ prefix: '192.0.2.64/26', origin: 64501, mntBy: ['US-MNT'], remarks: ['managed by leasekit, lease acme-1'] });
    fake.seed({ prefix: '203.0.113.0/24', origin: 64501, mntBy: ['US-MNT'] });
    const read = await ripe.read(SCOPE);
    expect(read).toEqual([
      { type: 'route', provider: 'ripe', source: 'RIPE', prefix: '192.0.2.0/24', origin: 64999, mntBy: ['OTHER-MNT'], descr: ['not ours'] },
      { type: 'route', provider: 'ripe', source: 'RIPE', prefix: '192.0.2.64/26', origin: 64501, mntBy: ['US-MNT'], remarks: ['managed by leasekit, lease acme-1'] },
    ]);
    const searches = fake.server.requests.filter((r) => r.path === '/search');
    expect(searches.map((r) => [r.query.get('query-string'), r.query.getAll('flags').join(' '), r.query.get('type-filter'), r.query.get('source')])).toEqual([
      ['192.0.2.0/24', 'exact no-referenced', 'route', 'RIPE'],
      ['192.0.2.0/24', 'all-more no-referenced', 'route', 'RIPE'],
      ['198.51.100.0/24', 'exact no-referenced', 'route', 'RIPE'],
      ['198.51.100.0/24', 'all-more no-referenced', 'route', 'RIPE'],
    ]);
  });

  it('updates with a PUT of the whole object, so attributes not sent are gone', async () => {
    fake.seed({ prefix: '192.0.2.0/25', origin: 64501, mntBy: ['US-MNT'], remarks: ['managed by leasekit, lease acme-1'], descr: ['old text'] });
    const [before] = await ripe.read(SCOPE);
    const after = route('ripe', 'RIPE', '192.0.2.0/25', 64501, ['US-MNT', 'ACME-MNT'], 'acme-1');
    expect((await ripe.apply([update(after, before as never)]))[0].ok).toBe(true);
    const put = fake.server.writes()[0];
    expect([put.method, put.path]).toEqual(['PUT', '/RIPE/route/192.0.2.0/25AS64501']);
    expect(fake.get('192.0.2.0/25AS64501')).toEqual({ prefix: '192.0.2.0/25', origin: 64501, mntBy: ['US-MNT', 'ACME-MNT'], remarks: ['managed by leasekit, lease acme-1'], descr: [], source: 'RIPE' });
  });

  it('deletes by key with a reason, and takes an object already gone as deleted', async () => {
    const a = route('ripe', 'RIPE', '192.0.2.0/25', 64501, ['US-MNT']);
    fake.seed(a);
    const results = await ripe.apply([remove(a), remove(route('ripe', 'RIPE', '192.0.2.128/25', 64501, ['US-MNT']))]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(fake.list()).toEqual([]);
    const del = fake.server.writes()[0];
    expect([del.method, del.path, del.query.get('reason')]).toEqual(['DELETE', '/RIPE/route/192.0.2.0/25AS64501', expect.stringContaining('leasekit')]);
    expect(del.headers['content-type']).toBe('application/json');
  });

  it('reports an authorisation refusal on that object alone, with RIPE’s %s arguments filled in', async () => {
    const refused = route('ripe', 'RIPE', '198.51.100.0/24', 64503, ['US-MNT']);
    const fine = route('ripe', 'RIPE', '192.0.2.0/24', 64501, ['US-MNT']);
    const results = await ripe.apply([create(refused), create(fine)]);
    expect(results[0]).toMatchObject({ ok: false, message: 'route 198.51.100.0/24AS64503: Authorisation for [inetnum] 198.51.100.0 - 198.51.100.255 failed\nusing "mnt-routes:"\nnot authenticated by: OTHER-MNT' });
    expect(results[1].ok).toBe(true);
    expect(fake.list().map((r) => r.prefix)).toEqual(['192.0.2.0/24']);
  });

  it('verify asks dry-run for each change, reports the refusal and commits nothing', async () => {
    const results = await ripe.verify!([create(route('ripe', 'RIPE', '198.51.100.0/24', 64503, ['US-MNT'])), create(route('ripe', 'RIPE', '192.0.2.0/24', 64501, ['US-MNT']))]);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(results[0].message).toContain('not authenticated by: OTHER-MNT');
    expect(fake.list()).toEqual([]);
    expect(fake.server.writes().every((r) => r.query.get('dry-run') === 'true')).toBe(true);
  });

  it('reports a create of an existing foreign object with RIPE’s 409 message', async () => {
    fake.seed({ prefix: '192.0.2.0/24', origin: 64501, mntBy: ['US-MNT'] });
    const [result] = await ripe.apply([create(route('ripe', 'RIPE', '192.0.2.0/24', 64501, ['US-MNT']))]);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('already exists') });
  });

  it('takes a 409 on an object identical to the one sent as done (RIPE indexes updates late)', async () => {
    const a = route('ripe', 'RIPE', '192.0.2.0/24', 64501, ['US-MNT']);
    fake.seed(a);
    const [result] = await ripe.apply([create(a)]);
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('already present') });
  });

  it('retries 429 and 403 (RIPE’s query limits) on reads and writes', async () => {
    fake.server.failNext(1, 429, { method: 'GET', headers: { 'Retry-After': '0' } });
    fake.server.failNext(1, 403, { method: 'GET' });
    fake.server.failNext(1, 429, { method: 'POST' });
    const a = route('ripe', 'RIPE', '192.0.2.0/24', 64501, ['US-MNT']);
    expect((await ripe.apply([create(a)]))[0].ok).toBe(true);
    expect(await ripe.read(SCOPE)).toEqual([a]);
    expect(fake.server.writes().filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('retries a 503 on a PUT, which is safe to repeat', async () => {
    fake.seed(route('ripe', 'RIPE', '192.0.2.0/24', 64501, ['US-MNT']));
    fake.server.failNext(2, 503, { method: 'PUT' });
    const after = route('ripe', 'RIPE', '192.0.2.0/24', 64501, ['US-MNT', 'ACME-MNT']);
    expect((await ripe.apply([update(after, after)]))[0].ok).toBe(true);
    expect(fake.get('192.0.2.0/24AS64501')?.mntBy).toEqual(['US-MNT', 'ACME-MNT']);
  });

  it('converges without a duplicate when the connection drops after a create landed', async () => {
    fake.server.dropAfterApply(1, 'POST');
    const a = route('ripe', 'RIPE', '192.0.2.0/25', 64501, ['US-MNT']);
    const b = route('ripe', 'RIPE', '192.0.2.128/25', 64503, ['US-MNT']);
    const results = await applyWithRecovery(ripe, [create(a), create(b)], SCOPE);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(fake.list()).toHaveLength(2);
    expect(fake.server.writes().filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body).objects.object[0].attributes.attribute[0].value)).toEqual(['192.0.2.0/25', '192.0.2.128/25']);
  });

  it('raises AuthError for a wrong key, writes nothing and never shows the secret', async () => {
    const wrong = provider('ripe', { type: 'ripe-db', baseUrl: fake.server.url, apiKeyEnv: 'K' }, { K: 'KEY1:wrong-secret-value' });
    const err = await wrong.apply([create(route('ripe', 'RIPE', '192.0.2.0/24', 64501, ['US-MNT']))]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(messagesOf(err)).not.toContain('wrong-secret-value');
    expect(fake.list()).toEqual([]);
  });

  it('names the missing variable, never a value, and needs no key to read', async () => {
    const keyless = provider('ripe', { type: 'ripe-db', baseUrl: fake.server.url, apiKeyEnv: 'RIPE_DB_KEY' }, {});
    expect(await keyless.read(SCOPE)).toEqual([]);
    const err = await keyless.apply([create(route('ripe', 'RIPE', '192.0.2.0/24', 64501, ['US-MNT']))]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toContain('RIPE_DB_KEY');
  });

  it('refuses a route whose source is not the database’s without sending it', async () => {
    const [result] = await ripe.apply([create(route('ripe', 'TEST', '192.0.2.0/24', 64501, ['US-MNT']))]);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('source TEST') });
    expect(fake.server.writes()).toEqual([]);
  });
});
