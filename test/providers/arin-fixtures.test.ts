import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeRefs } from '../../src/providers/irr/arin-xml.js';
import { regRwsErrorText } from '../../src/providers/reg-rws-error.js';
import { readRoaSpecs } from '../../src/providers/rpki/arin-payloads.js';
import { ProviderSettings } from '../../src/providers/settings.js';
import { HttpClient } from '../../src/providers/http.js';
import { ArinRpkiProvider } from '../../src/providers/rpki/arin.js';
import { ProviderError } from '../../src/providers/types.js';
import { FakeArinRpki } from '../fakes/arin-rpki.js';
import { kids, readXml } from '../fakes/fake-xml.js';
import { arinHarness, create, eachTest, FAST, remove, roa, SECRET } from './rpki/harness.js';

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/arin/${name}`, import.meta.url), 'utf8');

describe("ARIN's documented list of ROAs", () => {
  it('the adapter reads every IPv4 resource of the flat shape and skips IPv6', () => {
    const specs = readRoaSpecs(fixture('rpki-roa-list.xml'));
    expect(specs.map((s) => [s.roaHandle, s.asNumber, s.resources])).toEqual([
      [
        '24ab90ed2342355e12343aca12345150',
        64500,
        [
          { startAddress: '192.0.2.0', cidrLength: 24, maxLength: 24 },
          { startAddress: '198.51.100.0', cidrLength: 25, maxLength: 26 },
          { startAddress: '2001:db8::', cidrLength: 32, maxLength: 48 },
        ],
      ],
      ['9f1c3e5a7b9d4f60a1c2e3f405162738', 64501, [{ startAddress: '203.0.113.0', cidrLength: 24, maxLength: 24 }]],
    ]);
  });

  it('the wrapped shape (as sent) is read too; a roaSpec with neither fails loudly', () => {
    const wrapped = '<roaSpec><asNumber>64500</asNumber><name>n</name><resources><roaSpecResource><startAddress>192.0.2.0</startAddress><cidrLength>24</cidrLength><maxLength>25</maxLength></roaSpecResource></resources></roaSpec>';
    expect(readRoaSpecs(`<collection>${wrapped}</collection>`)[0].resources).toEqual([{ startAddress: '192.0.2.0', cidrLength: 24, maxLength: 25 }]);
    expect(() => readRoaSpecs('<collection><roaSpec><asNumber>64500</asNumber><name>odd</name><resources><prefix>192.0.2.0/24</prefix></resources></roaSpec></collection>')).toThrow(
      /roaSpec 'odd' \(AS64500\) lists no resource in either known shape/,
    );
  });

  it('the fake serves the same element names as the documented list', async () => {
    const fake = new FakeArinRpki({ apiKey: SECRET, org: 'EXAMPLE-1' });
    await fake.start();
    try {
      fake.seed([{ asn: 64500, prefix: '192.0.2.0/24', maxLength: 24 }]);
      const served = readXml(await (await fetch(`${fake.baseUrl}/rest/roa/EXAMPLE-1?apikey=${SECRET}`)).text());
      const documented = readXml(fixture('rpki-roa-list.xml'));
      const shape = (root: ReturnType<typeof readXml>) => {
        const spec = kids(root, 'roaSpec')[0];
        return { spec: [...new Set(spec.kids.map((k) => k.name))].sort(), resource: kids(spec, 'resources')[0].kids.map((k) => k.name).sort(), ns: spec.ns };
      };
      expect(shape(served)).toEqual(shape(documented));
    } finally {
      await fake.stop();
    }
  });
});

describe("ARIN's documented transaction", () => {
  let h!: ReturnType<typeof arinHarness>;
  eachTest(arinHarness, (started) => (h = started));

  it('the fake accepts the documented template and applies it whole', async () => {
    const spec = (asn: number, start: string) => ({ asNumber: asn, name: 'old', resources: [{ startAddress: start, cidrLength: 24, maxLength: 24 }] });
    h.fake.seedSpec(spec(64499, '192.0.2.0'), '24ab90ed2342355e12343aca12345150');
    h.fake.seedSpec(spec(64498, '198.51.100.0'), '9f1c3e5a7b9d4f60a1c2e3f405162738');
    const res = await fetch(`${h.fake.baseUrl}/rest/rpki/EXAMPLE-1?apikey=${SECRET}`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: fixture('rpki-transaction.xml') });
    expect(res.status).toBe(200);
    expect(h.state()).toEqual(['192.0.2.0/24 24 64500', '198.51.100.0/24 24 64501']);
  });

  it('the fake refuses one wrapper per item and a handle without autoLink, changing nothing', async () => {
    const handle = h.fake.seedSpec({ asNumber: 64499, name: 'old', resources: [{ startAddress: '192.0.2.0', cidrLength: 24, maxLength: 24 }] });
    const post = (inner: string) =>
      fetch(`${h.fake.baseUrl}/rest/rpki/EXAMPLE-1?apikey=${SECRET}`, { method: 'POST', body: `<rpkiTransaction xmlns="http://www.arin.net/regrws/rpki/v1">${inner}</rpkiTransaction>` });
    const del = `<roaSpecDelete><roaHandle autoLink="false">${handle}</roaHandle></roaSpecDelete>`;
    const twice = await post(del + del);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('one &lt;roaSpecDelete&gt; and one &lt;roaSpecAdd&gt; at most');
    const bare = await post(`<roaSpecDelete><roaHandle>${handle}</roaHandle></roaSpecDelete>`);
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain('autoLink');
    expect(h.state()).toEqual(['192.0.2.0/24 24 64499']);
  });

  it('the adapter writes one wrapper of each kind, autoLink on every handle, and two adds with two deletes land together', async () => {
    const old1 = roa('192.0.2.0/25', 64499);
    const old2 = roa('198.51.100.0/25', 64498);
    h.seed([old1, old2]);
    const handles = h.fake.list().map((r) => r.roaHandle);
    const results = await h.provider().apply([remove(old1), remove(old2), create(roa('192.0.2.0/24', 64500)), create(roa('198.51.100.0/24', 64501))]);
    expect(results.every((r) => r.ok && r.message === undefined)).toBe(true);
    const sent = readXml(h.server.writes()[0].body);
    expect(sent.kids.map((k) => k.name)).toEqual(['roaSpecDelete', 'roaSpecAdd']);
    const sentHandles = kids(sent, 'roaSpecDelete')[0].kids;
    expect(sentHandles.map((k) => [k.name, k.attrs.autoLink])).toEqual([
      ['roaHandle', 'false'],
      ['roaHandle', 'false'],
    ]);
    expect(sentHandles.map((k) => k.text).sort()).toEqual([...handles].sort());
    expect(kids(sent, 'roaSpecAdd')[0].kids.map((k) => k.name)).toEqual(['roaSpec', 'roaSpec']);
    expect(h.applied()).toBe(1);
    expect(h.state()).toEqual(['192.0.2.0/24 24 64500', '198.51.100.0/24 24 64501']);
  });
});

describe('ARIN and the AS0 ROA', () => {
  it('a refusal over an AS0 ROA names ARIN\'s undefined "overlapping" and the per-holding way out', async () => {
    const strict = new FakeArinRpki({ apiKey: SECRET, org: 'EXAMPLE-1', resources: ['192.0.2.0/24'], refuseOverlap: true });
    await strict.start();
    try {
      strict.seed([{ asn: 64500, prefix: '192.0.2.0/25', maxLength: 25 }]);
      const adapter = new ArinRpkiProvider(new ProviderSettings('arin', { type: 'arin-rpki', baseUrl: strict.baseUrl, org: 'EXAMPLE-1', apiKeyEnv: 'K' }, { K: SECRET }), new HttpClient('arin', FAST));
      const err = await adapter.apply([create(roa('192.0.2.0/24', 0, 32))]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect((err as Error).message).toContain('overlaps an existing ROA');
      expect((err as Error).message).toContain('it may count the AS0 ROA over 192.0.2.0/24 as overlapping the lease ROAs inside it');
      expect((err as Error).message).toContain("set 'rpki: { as0: false }' on that holding");
      expect(strict.applied).toBe(0);
    } finally {
      await strict.stop();
    }
  });
});

describe("ARIN's documented error and IRR route list", () => {
  it('one strict reader turns the error payload into plain words', () => {
    expect(regRwsErrorText(fixture('error.xml'))).toBe(
      'Payload has one or more errors. (roaSpec: Duplicate and overlapping ROAs are no longer allowed.) [E_ENTITY_VALIDATION]; Contact ARIN for assistance.',
    );
    expect(regRwsErrorText('<html><body>Bad gateway</body></html>')).toBeUndefined();
    expect(regRwsErrorText('<error><code>E_X')).toBeUndefined();
  });

  it('reads origin and prefix by element name, even when the org handle is AS1-CORP', () => {
    expect(routeRefs(fixture('irr-route-list.xml'))).toEqual([
      { prefix: '192.0.2.0/24', origin: 65535 },
      { prefix: '198.51.100.0/25', origin: 64500 },
    ]);
  });
});
