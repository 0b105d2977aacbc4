import { describe, expect, it } from 'vitest';
import { kid, kids, kidText, readXml } from '../../fakes/fake-xml.js';
import { ProviderError } from '../../../src/providers/types.js';
import { arinHarness, create, HELD, remove, roa, SECRET, eachTest } from './harness.js';

const SCOPE = { prefixes: HELD };
const A = roa('192.0.2.0/24', 200500);
const B = roa('198.51.100.0/24', 200501);

describe('arin-rpki adapter', () => {
  let h!: ReturnType<typeof arinHarness>;
  eachTest(arinHarness, (started) => (h = started));

  it('creates: one single-prefix roaSpec each, in one transaction, with the ApiKey header', async () => {
    await h.provider().apply([create(A), create(roa('198.51.100.0/25', 200501, 26))]);
    const [post] = h.server.writes();
    expect(h.server.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(post.path).toBe('/rest/rpki/EXAMPLE-1');
    expect(post.headers.authorization).toBe(`ApiKey ${SECRET}`);
    expect(post.headers['content-type']).toBe('application/xml');
    const tx = sentTransaction(post.body);
    expect(tx.deleteHandles).toEqual([]);
    expect(tx.adds).toEqual([
      { asNumber: '200500', name: 'leasekit-AS200500-192-0-2-0-24', autoLink: 'false', resources: [{ startAddress: '192.0.2.0', cidrLength: '24', maxLength: '24' }] },
      { asNumber: '200501', name: 'leasekit-AS200501-198-51-100-0-25', autoLink: 'false', resources: [{ startAddress: '198.51.100.0', cidrLength: '25', maxLength: '26' }] },
    ]);
    expect(h.applied()).toBe(1);
  });

  it('deletes by the roaHandle looked up from the list just before', async () => {
    h.seed([A, B]);
    const handle = h.fake.list().find((r) => r.asn === 200500)!.roaHandle;
    await h.provider().apply([remove(A)]);
    const post = h.server.writes()[0];
    expect(sentTransaction(post.body)).toEqual({ adds: [], deleteHandles: [handle] });
    expect(h.server.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(h.state()).toEqual(['198.51.100.0/24 24 200501']);
  });

  it('reads every resource of multi-resource roaSpecs, skipping IPv6', async () => {
    h.fake.seedSpec({
      asNumber: 200500,
      name: 'made in ARIN Online',
      resources: [
        { startAddress: '192.0.2.0', cidrLength: 25, maxLength: 25 },
        { startAddress: '192.0.2.128', cidrLength: 25, maxLength: 26 },
        { startAddress: '2001:db8::', cidrLength: 32, maxLength: 48 },
      ],
    });
    expect(await h.provider().read(SCOPE)).toEqual([roa('192.0.2.0/25', 200500), roa('192.0.2.128/25', 200500, 26)]);
  });

  it('deleting one resource of a multi-resource roaSpec keeps the others, in the same transaction', async () => {
    h.fake.seedSpec({
      asNumber: 200500,
      name: 'two halves',
      resources: [
        { startAddress: '192.0.2.0', cidrLength: 25, maxLength: 25 },
        { startAddress: '192.0.2.128', cidrLength: 25, maxLength: 25 },
      ],
    });
    await h.provider().apply([remove(roa('192.0.2.0/25', 200500))]);
    expect(h.state()).toEqual(['192.0.2.128/25 25 200500']);
    expect(h.applied()).toBe(1);
  });

  it('a new maxLength for the same origin replaces the old ROA in the same transaction', async () => {
    h.seed([A]);
    const [result] = await h.provider().apply([create(roa('192.0.2.0/24', 200500, 25))]);
    expect(result.message).toMatch(/^replaced ROA 192\.0\.2\.0\/24 max 24 AS200500/);
    expect(h.state()).toEqual(['192.0.2.0/24 25 200500']);
    expect(h.applied()).toBe(1);
  });

  it('a delete that finds nothing is reported done without a transaction', async () => {
    const [result] = await h.provider().apply([remove(A)]);
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/already absent/) });
    expect(h.server.writes()).toEqual([]);
  });

  it("ARIN's <error> reaches the user as plain words, with the objects named; nothing is written", async () => {
    h.seed([A]);
    const err = await h.provider().apply([create(B), create(A)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toBe(
      'reg: transaction for EXAMPLE-1 with 2 ROA creates (ROA 198.51.100.0/24 max 24 AS200501, ROA 192.0.2.0/24 max 24 AS200500): the registry refused it (HTTP 400): ' +
        'Payload has one or more errors. (roaSpecAdd.roaSpec[1]: A ROA for AS200500 192.0.2.0/24 max length 24 already exists. Duplicate ROAs are not allowed.) [E_ENTITY_VALIDATION]',
    );
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500']);
  });
});

describe('arin-rpki fake', () => {
  let h!: ReturnType<typeof arinHarness>;
  eachTest(arinHarness, (started) => (h = started));

  const post = (body: string) => fetch(`${h.fake.baseUrl}/rest/rpki/EXAMPLE-1?apikey=${SECRET}`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
  const tx = (inner: string) => `<rpkiTransaction xmlns="http://www.arin.net/regrws/rpki/v1">${inner}</rpkiTransaction>`;
  const add = (start: string, cidr: number, asn = 200500) =>
    `<roaSpecAdd><roaSpec><autoLink>false</autoLink><asNumber>${asn}</asNumber><name>n</name><resources><roaSpecResource><startAddress>${start}</startAddress><cidrLength>${cidr}</cidrLength><maxLength>${cidr}</maxLength></roaSpecResource></resources></roaSpec></roaSpecAdd>`;

  it('401 with a Reg-RWS error for a wrong key; ?apikey= is accepted', async () => {
    const res = await fetch(`${h.fake.baseUrl}/rest/roa/EXAMPLE-1`, { headers: { authorization: 'ApiKey API-WRONG' } });
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/<error xmlns="http:\/\/www\.arin\.net\/regrws\/core\/v1">.*<code>E_AUTHENTICATION<\/code>/);
    expect((await fetch(`${h.fake.baseUrl}/rest/roa/EXAMPLE-1?apikey=${SECRET}`)).status).toBe(200);
  });

  it('an unknown roaHandle rolls the whole transaction back', async () => {
    const res = await post(tx(`<roaSpecDelete><roaHandle autoLink="false">00000000000000000000000000000000</roaHandle></roaSpecDelete>${add('192.0.2.0', 24)}`));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('No ROA with handle 00000000000000000000000000000000 exists');
    expect(h.state()).toEqual([]);
  });

  it('answers 200 echoing the payload with roaHandle and autoRenewed', async () => {
    const res = await post(tx(add('192.0.2.0', 24)));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`<roaHandle>${h.fake.list()[0].roaHandle}</roaHandle>`);
    expect(text).toContain('<autoRenewed>true</autoRenewed>');
  });

  it('rejects malformed XML, another root or namespace, and space not held', async () => {
    for (const body of ['<rpkiTransaction', '<rpkiTransaction/>', tx(add('203.0.113.0', 24)), tx(add('192.0.2.1', 24))]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/<error /);
    }
    expect(h.state()).toEqual([]);
  });
});

/** The transaction as sent, read with the fakes' own XML reader (never the adapter's). */
function sentTransaction(body: string) {
  const root = readXml(body);
  const handles = kids(root, 'roaSpecDelete').flatMap((d) => kids(d, 'roaHandle'));
  expect(handles.every((h) => h.attrs.autoLink === 'false')).toBe(true);
  return {
    deleteHandles: handles.map((h) => h.text),
    adds: kids(root, 'roaSpecAdd')
      .flatMap((a) => kids(a, 'roaSpec'))
      .map((spec) => ({
        asNumber: kidText(spec, 'asNumber'),
        name: kidText(spec, 'name'),
        autoLink: kidText(spec, 'autoLink'),
        resources: kids(kid(spec, 'resources')!, 'roaSpecResource').map((r) => ({ startAddress: kidText(r, 'startAddress'), cidrLength: kidText(r, 'cidrLength'), maxLength: kidText(r, 'maxLength') })),
      })),
  };
}
