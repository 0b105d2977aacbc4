// Krill's, IRRd's and RIPE's documented payloads (test/fixtures/README.md names each source),
// read by the adapters and matched in shape by the fakes.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/providers/http.js';
import { errorText, parseResources, routeDocument, routesIn } from '../../src/providers/irr/ripe-resources.js';
import { KrillProvider } from '../../src/providers/rpki/krill.js';
import { ProviderSettings } from '../../src/providers/settings.js';
import { FakeIrrd } from '../fakes/irrd.js';
import { FakeRipeDb, usualRipeDb } from '../fakes/ripe-db.js';
import { create as createRoute, provider, route } from './irr/setup.js';
import { create, eachTest, FAST, krillHarness, roa, SECRET } from './rpki/harness.js';

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const keysOf = (o: object) => Object.keys(o).sort();

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Serves `body` with `status` to every POST, and an empty ROA list to GETs. */
async function serving(status: number, body: string): Promise<string> {
  server = http.createServer((req, res) => {
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("Krill's own error examples (test-resources/errors)", () => {
  it.each(['ca-roa-unknown', 'ca-roa-duplicate', 'ca-roa-delta-error', 'ca-roa-not-entitled', 'ca-roa-invalid-max-length'])('the adapter reports %s with Krill\'s msg and label', async (name) => {
    const body = fixture(`krill/${name}.json`);
    const base = await serving(400, body);
    const krill = new KrillProvider(new ProviderSettings('krill', { type: 'krill', baseUrl: base, ca: 'ca', tokenEnv: 'T' }, { T: SECRET }), new HttpClient('krill', FAST));
    const outcome = await krill.apply([create(roa('192.0.2.0/24', 196700))]).catch((e: unknown) => e);
    const text = outcome instanceof Error ? outcome.message : JSON.stringify(outcome);
    const parsed = JSON.parse(body) as { label: string; msg: string };
    expect(text).toContain(`[${parsed.label}]`);
    expect(text).toContain(parsed.msg.split('\n')[0].slice(0, 40)); // Krill's own words
  });

  describe('the fake answers in the same shape', () => {
    let h!: ReturnType<typeof krillHarness>;
    eachTest(krillHarness, (started) => (h = started));

    it('a delta with a duplicate and an unknown ROA: label, msg, args and the four delta_error lists', async () => {
      h.seed([roa('192.0.2.0/24', 196700)]);
      const res = await fetch(`${h.fake.baseUrl}/api/v1/cas/lessor/routes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
        body: JSON.stringify({ added: [{ asn: 196700, prefix: '192.0.2.0/24', max_length: 24 }], removed: [{ asn: 196701, prefix: '198.51.100.0/24' }] }),
      });
      expect(res.status).toBe(400);
      const served = (await res.json()) as Record<string, Record<string, unknown>>;
      const documented = JSON.parse(fixture('krill/ca-roa-delta-error.json')) as Record<string, Record<string, unknown>>;
      expect(keysOf(served)).toEqual(keysOf(documented));
      expect(served.label).toBe(documented.label);
      expect(keysOf(served.delta_error)).toEqual(keysOf(documented.delta_error));
    });

    it('an unknown CA: the ca-unknown example', async () => {
      const res = await fetch(`${h.fake.baseUrl}/api/v1/cas/nope/routes`, { headers: { authorization: `Bearer ${SECRET}` } });
      expect(res.status).toBe(404);
      const served = (await res.json()) as Record<string, unknown>;
      expect(keysOf(served)).toEqual(keysOf(JSON.parse(fixture('krill/ca-unknown.json')) as object));
      expect(served.label).toBe('ca-unknown');
    });

  });
});

describe("IRRd's documented submit response", () => {
  it('the adapter reads per-object results from the documented shape', async () => {
    const documented = JSON.parse(fixture('irrd/submit-response.json')) as { objects: Array<Record<string, unknown>> };
    documented.objects[0] = { ...documented.objects[0], type: 'create', object_class: 'route', rpsl_pk: '192.0.2.0/24AS196700' };
    documented.objects[1] = { ...documented.objects[1], object_class: 'route', rpsl_pk: '198.51.100.0/24AS196700' };
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(documented)));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const irrd = provider('irr', { type: 'irrd', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, source: 'EXAMPLE', passwordEnv: 'P' }, { P: 'pw-123456' });
    const results = await irrd.apply([createRoute(route('irr', 'EXAMPLE', '192.0.2.0/24', 196700, ['US-MNT'])), createRoute(route('irr', 'EXAMPLE', '198.51.100.0/24', 196700, ['US-MNT']))]);
    expect(results.map((r) => [r.ok, r.message])).toEqual([
      [true, undefined],
      [false, 'route 198.51.100.0/24AS196700: Mandatory attribute "address" on object person is missing'],
    ]);
  });

  it('the fake answers with the same keys, at the top, in the summary and per object', async () => {
    const fake = new FakeIrrd({ source: 'EXAMPLE', maintainers: { 'US-MNT': { passwords: ['pw-123456'] } } });
    await fake.start();
    try {
      const res = await fetch(`${fake.server.url}/v1/submit/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ objects: [{ object_text: 'route: 192.0.2.0/24\norigin: AS196700\nmnt-by: US-MNT\nsource: EXAMPLE\n' }], passwords: ['pw-123456'] }),
      });
      const served = (await res.json()) as { summary: object; objects: object[] };
      const documented = JSON.parse(fixture('irrd/submit-response.json')) as { summary: object; objects: object[] };
      expect(keysOf(served)).toEqual(keysOf(documented));
      expect(keysOf(served.summary)).toEqual(keysOf(documented.summary));
      expect(keysOf(served.objects[0])).toEqual(keysOf(documented.objects[0]));
    } finally {
      await fake.stop();
    }
  });
});

describe("RIPE Database's documented objects and errors", () => {
  it('the adapter writes the documented request shape and reads the documented error with its %s filled', () => {
    const sent = JSON.parse(routeDocument(route('ripe', 'RIPE', '192.0.2.0/24', 64500, ['EXAMPLE-MNT']), 'RIPE')) as { objects: { object: Array<{ source: object; attributes: { attribute: Array<{ name: string }> } }> } };
    const documented = JSON.parse(fixture('ripe/route-object.json')) as typeof sent;
    expect(sent.objects.object[0].source).toEqual(documented.objects.object[0].source);
    expect(keysOf(sent.objects.object[0].attributes.attribute[0])).toEqual(keysOf(documented.objects.object[0].attributes.attribute[0]));
    expect(routesIn(parseResources(fixture('ripe/route-object.json'))!, 'ripe')[0]).toMatchObject({ prefix: '192.0.2.0/24', origin: 64500, mntBy: ['EXAMPLE-MNT'], source: 'RIPE' });
    expect(errorText(parseResources(fixture('ripe/error-response.json')))).toBe('Authorisation for [route] 192.0.2.0/24AS64500 failed\nusing "mnt-by:"\nnot authenticated by: EXAMPLE-MNT');
  });

  it('the fake refuses in the documented error shape', async () => {
    const fake = new FakeRipeDb(usualRipeDb(SECRET));
    await fake.start();
    try {
      const res = await fetch(`${fake.server.url}/RIPE/route`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Basic ${Buffer.from(`KEY1:${SECRET}`).toString('base64')}` },
        body: fixture('ripe/route-object.json').replace('EXAMPLE-MNT', 'OTHER-MNT'),
      });
      expect(res.status).toBe(401);
      const served = (await res.json()) as { errormessages: { errormessage: object[] } };
      const documented = JSON.parse(fixture('ripe/error-response.json')) as typeof served;
      expect(keysOf(served.errormessages.errormessage[0])).toEqual(keysOf(documented.errormessages.errormessage[0]));
    } finally {
      await fake.stop();
    }
  });
});
