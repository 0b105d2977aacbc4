import { describe, expect, it } from 'vitest';
import type { ChildResources } from '../../../src/model/objects.js';
import { ProviderSettings } from '../../../src/providers/settings.js';
import { HttpClient } from '../../../src/providers/http.js';
import { applyWithRecovery } from '../../../src/providers/recovery.js';
import { KrillProvider } from '../../../src/providers/rpki/krill.js';
import { FakeKrill } from '../../fakes/krill.js';
import { create, FAST, HELD, krillHarness, remove, roa, SECRET, eachTest } from './harness.js';

const SCOPE = { prefixes: HELD };
const A = roa('192.0.2.0/24', 200500);
const child = (name: string, prefix: string): ChildResources => ({ type: 'child-resources', provider: 'reg', child: name, prefix });

describe('krill adapter: ROAs', () => {
  let h!: ReturnType<typeof krillHarness>;
  eachTest(krillHarness, (started) => (h = started));

  it('baseUrl may name the server or its API root (…/api/v1), as the schema example does', async () => {
    h.seed([A]);
    const p = new KrillProvider(new ProviderSettings('reg', { type: 'krill', baseUrl: `${h.fake.baseUrl}/api/v1/`, ca: 'lessor', tokenEnv: 'K' }, { K: SECRET }), new HttpClient('reg', FAST));
    expect(await p.read(SCOPE)).toEqual([A]);
    expect(h.server.requests[0].path).toBe('/api/v1/cas/lessor/routes');
  });

  it('sends a delta with integer asn, max_length and a comment, under a Bearer token', async () => {
    h.seed([roa('198.51.100.0/24', 64499)]);
    await h.provider().apply([create(A), remove(roa('198.51.100.0/24', 64499))]);
    const [post] = h.server.writes();
    expect(post.path).toBe('/api/v1/cas/lessor/routes');
    expect(post.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(JSON.parse(post.body)).toEqual({
      added: [{ asn: 200500, prefix: '192.0.2.0/24', max_length: 24, comment: 'managed by leasekit' }],
      removed: [{ asn: 64499, prefix: '198.51.100.0/24', max_length: 24 }],
    });
    expect(h.fake.listRoutes()).toEqual([{ asn: 200500, prefix: '192.0.2.0/24', max_length: 24, comment: 'managed by leasekit' }]);
  });

  it("strict: a duplicate add is refused whole, with Krill's msg verbatim and the label, and nothing changes", async () => {
    h.seed([A]);
    await expect(h.provider().apply([create(A), create(roa('198.51.100.0/24', 200501))])).rejects.toThrow(
      "reg: update CA lessor with 2 ROA creates (ROA 192.0.2.0/24 max 24 AS200500, ROA 198.51.100.0/24 max 24 AS200501): the registry refused it (HTTP 400): ROA delta rejected:\n\n'Cannot add the following duplicate ROAs:\n  192.0.2.0/24 => 200500\n'  [ca-roa-delta-error]",
    );
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500']);
  });

  it('strict: removing an unknown ROA is refused verbatim', async () => {
    await expect(h.provider().apply([remove(roa('192.0.2.0/24', 200500, 25))])).rejects.toThrow('Cannot remove the following unknown ROAs:\n  192.0.2.0/24-25 => 200500');
  });

  it('after a dropped connection the re-read keeps the strict API from seeing a duplicate add', async () => {
    h.server.dropAfterApply(1, 'POST');
    const results = await applyWithRecovery(h.provider(), [create(A)], SCOPE);
    expect(results[0].ok).toBe(true);
    expect(h.server.writes()).toHaveLength(1);
  });

  it('an unknown CA is a 404 with its label', async () => {
    const p = new KrillProvider(new ProviderSettings('reg', { type: 'krill', baseUrl: h.fake.baseUrl, ca: 'nope', tokenEnv: 'K' }, { K: SECRET }), new HttpClient('reg', FAST));
    await expect(p.read(SCOPE)).rejects.toThrow("reg: list ROAs of CA nope: the registry refused it (HTTP 404): CA 'nope' is unknown [ca-unknown]");
  });
});

describe('krill adapter: child CA resources', () => {
  let h!: ReturnType<typeof krillHarness>;
  eachTest(krillHarness, (started) => (h = started));

  it('reads each child\'s IPv4 resources as prefixes, cut at the scope\'s prefixes', async () => {
    h.fake.addChild('acme-ca', ['192.0.2.0/25', '192.0.2.128/25']); // Krill merges them into 192.0.2.0/24
    h.fake.addChild('globex-ca', ['198.51.100.0/26']);
    expect(h.fake.childIpv4('acme-ca')).toBe('192.0.2.0/24');
    const p = h.provider();
    expect(await p.read({ prefixes: HELD })).toEqual([child('acme-ca', '192.0.2.0/24'), child('globex-ca', '198.51.100.0/26')]);
    expect(await p.read({ prefixes: [...HELD, '192.0.2.0/25', '192.0.2.128/25'] })).toEqual([
      child('acme-ca', '192.0.2.0/25'),
      child('acme-ca', '192.0.2.128/25'),
      child('globex-ca', '198.51.100.0/26'),
    ]);
  });

  it('adds and removes blocks with a full resource set, keeping ASNs and IPv6 as they were', async () => {
    const fake = new FakeKrill({ token: SECRET, ca: 'lessor', resources: HELD, asn: 'AS200501', ipv6: '2001:db8::/32' });
    await fake.start();
    try {
      fake.addChild('acme-ca', ['198.51.100.0/25'], { asn: 'AS200501', ipv6: '2001:db8::/32' });
      const p = new KrillProvider(new ProviderSettings('reg', { type: 'krill', baseUrl: fake.baseUrl, ca: 'lessor', tokenEnv: 'K' }, { K: SECRET }), new HttpClient('reg', FAST));
      const results = await p.apply([create(child('acme-ca', '192.0.2.0/24')), remove(child('acme-ca', '198.51.100.0/25'))]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(fake.childResources('acme-ca')).toEqual({ asn: 'AS200501', ipv4: '192.0.2.0/24', ipv6: '2001:db8::/32' });
      const [post] = fake.server.writes();
      expect(post.path).toBe('/api/v1/cas/lessor/children/acme-ca');
      expect(JSON.parse(post.body)).toEqual({ id_cert: null, resources: { asn: 'AS200501', ipv4: '192.0.2.0/24', ipv6: '2001:db8::/32' } });
    } finally {
      await fake.stop();
    }
  });

  it('removing one of two merged leases keeps the other', async () => {
    h.fake.addChild('acme-ca', ['192.0.2.0/25', '192.0.2.128/25']);
    await h.provider().apply([remove(child('acme-ca', '192.0.2.0/25'))]);
    expect(h.fake.childIpv4('acme-ca')).toBe('192.0.2.128/25');
  });

  it('a delete of a merged block and creates inside it leave the created prefixes, whatever their order', async () => {
    h.fake.addChild('acme-ca', ['192.0.2.0/24']);
    await h.provider().apply([create(child('acme-ca', '192.0.2.0/26')), remove(child('acme-ca', '192.0.2.0/24')), create(child('acme-ca', '192.0.2.64/26'))]);
    expect(h.fake.childIpv4('acme-ca')).toBe('192.0.2.0/25');
  });

  it('a change already in place writes nothing', async () => {
    h.fake.addChild('acme-ca', ['192.0.2.0/24']);
    const results = await h.provider().apply([create(child('acme-ca', '192.0.2.0/25'))]);
    expect(results[0].ok).toBe(true);
    expect(h.server.writes()).toEqual([]);
  });

  it("an unknown child and resources the CA does not hold fail their own changes with Krill's words; other children still go", async () => {
    h.fake.addChild('acme-ca', []);
    h.fake.addChild('globex-ca', []);
    const results = await h.provider().apply([
      create(child('ghost-ca', '192.0.2.0/24')),
      create(child('acme-ca', '203.0.113.0/24')),
      create(child('globex-ca', '198.51.100.0/24')),
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, false, true]);
    expect(results[0].message).toBe("HTTP 404: CA 'lessor' does not have child named 'ghost-ca' [ca-child-unknown]");
    expect(results[1].message).toBe("HTTP 400: Child 'acme-ca' cannot have resources not held by CA 'lessor' [ca-child-resources-extra]");
    expect(h.fake.childIpv4('globex-ca')).toBe('198.51.100.0/24');
  });
});

describe('krill fake', () => {
  let h!: ReturnType<typeof krillHarness>;
  eachTest(krillHarness, (started) => (h = started));

  const routes = (body: string, token = SECRET) =>
    fetch(`${h.fake.baseUrl}/api/v1/cas/lessor/routes`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });

  it('401 with WWW-Authenticate: Bearer for a wrong token', async () => {
    const res = await routes('{}', 'wrong');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('rejects a string ASN as api-json, and an empty delta is fine', async () => {
    const res = await routes(JSON.stringify({ added: [{ asn: 'AS200500', prefix: '192.0.2.0/24' }], removed: [] }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ label: 'api-json' });
    expect((await routes('{"added":[],"removed":[]}')).status).toBe(200);
  });

  it('aggregates every delta problem in one ca-roa-delta-error and applies none of it', async () => {
    h.seed([A]);
    const res = await routes(
      JSON.stringify({
        added: [{ asn: 200500, prefix: '192.0.2.0/24' }, { asn: 1, prefix: '203.0.113.0/24' }, { asn: 1, prefix: '198.51.100.0/24', max_length: 23 }, { asn: 2, prefix: '198.51.100.0/24' }],
        removed: [{ asn: 9, prefix: '192.0.2.0/24' }],
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.label).toBe('ca-roa-delta-error');
    expect(body.delta_error).toEqual({
      duplicates: [{ asn: 200500, prefix: '192.0.2.0/24' }],
      notheld: [{ asn: 1, prefix: '203.0.113.0/24' }],
      unknowns: [{ asn: 9, prefix: '192.0.2.0/24' }],
      invalid_length: [{ asn: 1, prefix: '198.51.100.0/24', max_length: 23 }],
    });
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500']);
  });
});
