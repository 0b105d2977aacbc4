import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/providers/types.js';
import { create, HELD, remove, ripeHarness, roa, SECRET, eachTest } from './harness.js';

const SCOPE = { prefixes: HELD };
const A = roa('192.0.2.0/24', 200500);
const B = roa('198.51.100.0/24', 200501);

describe('ripe-rpki adapter', () => {
  let h!: ReturnType<typeof ripeHarness>;
  eachTest(ripeHarness, (started) => (h = started));

  it('speaks the API: ncc-api-authorization, "AS…" strings, maximalLength, If-Match with the read ETag', async () => {
    const p = h.provider();
    await p.read(SCOPE);
    const etag = h.fake.etag();
    await p.apply([create(A), remove(roa('198.51.100.0/24', 64499))]);
    const [publish] = h.server.writes();
    expect(publish.path).toBe('/api/rpki/roas/publish');
    expect(publish.headers['ncc-api-authorization']).toBe(SECRET);
    expect(publish.headers['if-match']).toBe(etag);
    expect(publish.headers['content-type']).toBe('application/json');
    expect(JSON.parse(publish.body)).toEqual({
      added: [{ asn: 'AS200500', prefix: '192.0.2.0/24', maximalLength: 24 }],
      deleted: [{ asn: 'AS64499', prefix: '198.51.100.0/24', maximalLength: 24 }],
    });
  });

  it('reads the whole account, leaving IPv6 ROAs out', async () => {
    h.fake.seed([{ asn: 200500, prefix: '192.0.2.0/24', maxLength: 24 }, { asn: 200500, prefix: '2001:db8::/32', maxLength: 48 }]);
    expect(await h.provider().read(SCOPE)).toEqual([A]);
  });

  it('set semantics: deleting an unknown ROA is ignored, adding an existing one is a no-op', async () => {
    h.seed([A]);
    const p = h.provider();
    const results = await p.apply([create(A), remove(B)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500']);
  });

  it('detects a change made by someone else after the read: nothing is written', async () => {
    h.seed([A]);
    const p = h.provider();
    await p.read(SCOPE);
    h.fake.seed([roa('198.51.100.0/24', 64999)]); // a colleague in the LIR portal
    const err = await p.apply([create(B)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/^reg: publish 1 ROA create \(ROA 198\.51\.100\.0\/24 max 24 AS200501\): the registry changed since it was read .*run plan again.*specified entity tag/);
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500', '198.51.100.0/24 24 64999']);
  });

  it('creates, then deletes in a second call: the second call refreshes the ETag after checking nobody else wrote', async () => {
    h.seed([roa('192.0.2.0/24', 64499)]);
    const p = h.provider();
    await p.read(SCOPE);
    await p.apply([create(A)]);
    await p.apply([remove(roa('192.0.2.0/24', 64499))]);
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500']);
  });

  it('a change by someone else between our two calls is detected too', async () => {
    const p = h.provider();
    await p.read(SCOPE);
    await p.apply([create(A)]);
    h.fake.seed([roa('198.51.100.0/24', 64999)]);
    await expect(p.apply([create(B)])).rejects.toThrow(/registry changed since it was read/);
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500', '198.51.100.0/24 24 64999']);
  });

  it('a new maxLength for the same origin replaces the old ROA in the same call (RIPE allows one per origin and prefix)', async () => {
    h.seed([A, B]);
    const p = h.provider();
    await p.read(SCOPE);
    const [result] = await p.apply([create(roa('192.0.2.0/24', 200500, 25))]);
    expect(result.message).toBe('replaced ROA 192.0.2.0/24 max 24 AS200500 in the same call: RIPE holds one maxLength per origin and prefix');
    expect(JSON.parse(h.server.writes()[0].body).deleted).toEqual([{ asn: 'AS200500', prefix: '192.0.2.0/24', maximalLength: 24 }]);
    expect(h.state()).toEqual(['192.0.2.0/24 25 200500', '198.51.100.0/24 24 200501']);
    // the plan's own delete of the old ROA comes later: RIPE ignores it
    expect((await p.apply([remove(A)]))[0].ok).toBe(true);
    expect(h.state()).toEqual(['192.0.2.0/24 25 200500', '198.51.100.0/24 24 200501']);
  });
});

describe('ripe-rpki fake', () => {
  let h!: ReturnType<typeof ripeHarness>;
  eachTest(ripeHarness, (started) => (h = started));

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${h.fake.baseUrl}/roas/publish`, { method: 'POST', headers: { 'ncc-api-authorization': SECRET, 'content-type': 'application/json', ...headers }, body });

  it('401 with an empty body for a missing or wrong key', async () => {
    for (const headers of [{}, { 'ncc-api-authorization': 'nope' }] as Array<Record<string, string>>) {
      const res = await fetch(`${h.fake.baseUrl}/roas`, { headers });
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('');
    }
  });

  it('400 for a missing maximalLength, and accepts it as a numeric string', async () => {
    const res = await post(JSON.stringify({ added: [{ asn: 'AS200500', prefix: '192.0.2.0/24' }], deleted: [] }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "Added ROAs are incorrect: Max length must be specified and must be between 24 and 32 for prefix '192.0.2.0/24'" });
    expect((await post(JSON.stringify({ added: [{ asn: 'AS200500', prefix: '192.0.2.0/24', maximalLength: '24' }], deleted: [] }))).status).toBe(204);
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500']);
  });

  it('400 for invalid JSON, 204 for an empty publish, and an item in both lists cancels out', async () => {
    const bad = await post('{"added": [');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "Bad request for '/api/rpki/roas/publish' with error 'Invalid Json'" });
    expect((await post('{"added":[],"deleted":[]}')).status).toBe(204);
    const item = { asn: 'AS200500', prefix: '192.0.2.0/24', maximalLength: 24 };
    expect((await post(JSON.stringify({ added: [item], deleted: [item] }))).status).toBe(204);
    expect(h.state()).toEqual([]);
  });

  it('400 when the If-Match header and the ifMatch field disagree', async () => {
    const body = JSON.stringify({ ifMatch: '"a"', added: [{ asn: 'AS200500', prefix: '192.0.2.0/24', maximalLength: 24 }], deleted: [] });
    const res = await post(body, { 'if-match': '"b"' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: '`If-Match` header and `ifMatch` field do not match' });
  });

  it('400 when the result would hold one (asn, prefix) with two maxLengths', async () => {
    h.seed([A]);
    const res = await post(JSON.stringify({ added: [{ asn: 'AS200500', prefix: '192.0.2.0/24', maximalLength: 25 }], deleted: [] }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Error in future ROAs: there are more than one pair (AS200500, 192.0.2.0/24), max lengths: [24, 25]' });
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500']);
  });

  it('a refused publish changes nothing (atomic)', async () => {
    const body = JSON.stringify({ added: [{ asn: 'AS200500', prefix: '192.0.2.0/24', maximalLength: 24 }, { asn: 'AS200500', prefix: '203.0.113.0/24', maximalLength: 24 }], deleted: [] });
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'You are not a holder of the prefix 203.0.113.0/24' });
    expect(h.state()).toEqual([]);
  });
});
