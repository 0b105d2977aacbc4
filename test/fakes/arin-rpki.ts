import { randomBytes } from 'node:crypto';
import { contains, parsePrefix, type Prefix } from '../../src/net/ipv4.js';
import { ServedFake, type FakeRequest, type FakeResponse } from './fake-server.js';
import { kid, kids, kidText, readXml, tag, type Node } from './fake-xml.js';

export interface ArinFakeOptions {
  apiKey: string;
  org: string;
  /** The org's certified IPv4 prefixes; a ROA outside them is refused. */
  resources?: string[];
  /**
   * Refuse a ROA whose prefix overlaps another ROA's of a different origin. ARIN's ROA page
   * says "Duplicate and overlapping ROAs are no longer allowed" without defining overlap; this
   * switch plays the strictest reading (an AS0 ROA over a holding overlaps its lease ROAs).
   */
  refuseOverlap?: boolean;
}

/** A flattened view of one ROA resource, with the handle of the roaSpec that holds it. */
export interface ArinFakeRoa {
  roaHandle: string;
  asn: number;
  prefix: string;
  maxLength: number;
}

interface SpecResource {
  startAddress: string;
  cidrLength: number;
  maxLength: number;
}

export interface FakeRoaSpec {
  asNumber: number;
  name: string;
  resources: SpecResource[];
}

type Stored = FakeRoaSpec & { roaHandle: string };
type Problem = { name: string; message: string };

const RPKI_NS = 'http://www.arin.net/regrws/rpki/v1';
const CORE_NS = 'http://www.arin.net/regrws/core/v1';
// ARIN's ROA page, "ROA Name": letters, numbers, spaces and dashes, at most 256 characters
const NAME_RULE = /^[A-Za-z0-9 -]{1,256}$/;

/**
 * ARIN's hosted RPKI through Reg-RWS, from ARIN's RPKI RESTful guide
 * (https://www.arin.net/resources/manage/rpki/rpki-restful/):
 * - `Authorization: ApiKey …` or `?apikey=`, else 401 with a Reg-RWS `<error>`;
 * - "Get a List of ROAs": GET /rest/roa/{ORG} answers roaSpecs whose resources are repeated
 *   `<resources>` elements holding the fields directly (no `<roaSpecResource>`);
 * - "RPKI Transaction": POST /rest/rpki/{ORG}; the template has one `<roaSpecDelete>` holding
 *   every `<roaHandle autoLink="false">` and one `<roaSpecAdd>` holding every `<roaSpec>`, and
 *   the whole transaction succeeds or rolls back; this fake refuses any other layout and a
 *   handle without `autoLink` (a third-party client reports OT&E requires it);
 * - ARIN's ROA page: duplicate ROAs are refused ("Duplicate and overlapping ROAs are no
 *   longer allowed"); overlap only with `refuseOverlap`, as its meaning is not documented.
 * The answer to a transaction echoes it with `roaHandle` and `autoRenewed` added.
 */
export class FakeArinRpki extends ServedFake {
  /** Transactions that committed. */
  applied = 0;
  private specs = new Map<string, Stored>();
  private readonly resources: Prefix[];

  constructor(private readonly options: ArinFakeOptions) {
    super();
    this.resources = (options.resources ?? ['0.0.0.0/0']).map(mustParse);
  }

  /** Adds a roaSpec as if made earlier (in ARIN Online, say); returns its handle. */
  seedSpec(spec: FakeRoaSpec, roaHandle = newHandle()): string {
    this.specs.set(roaHandle, { ...spec, roaHandle });
    return roaHandle;
  }

  seed(roas: ReadonlyArray<{ asn: number; prefix: string; maxLength: number }>): void {
    for (const r of roas) this.seedSpec(specFor(r));
  }

  list(): ArinFakeRoa[] {
    return [...this.specs.values()]
      .flatMap((s) => s.resources.map((r) => ({ roaHandle: s.roaHandle, asn: s.asNumber, prefix: `${r.startAddress}/${r.cidrLength}`, maxLength: r.maxLength })))
      .sort((a, b) => a.prefix.localeCompare(b.prefix, 'en', { numeric: true }) || a.asn - b.asn);
  }

  protected handle(req: FakeRequest): FakeResponse {
    const key = req.headers.authorization ?? '';
    if (key !== `ApiKey ${this.options.apiKey}` && req.query.get('apikey') !== this.options.apiKey) {
      return errorResponse(401, 'E_AUTHENTICATION', 'The API key is not authorized to make that request.');
    }
    const match = /^\/rest\/(roa|rpki)\/([^/;]+)$/.exec(req.path);
    if (!match) return errorResponse(404, 'E_OBJECT_NOT_FOUND', `The requested resource ${req.path} was not found.`);
    const [, kind, org] = match;
    if (org.toUpperCase() !== this.options.org.toUpperCase()) return errorResponse(404, 'E_OBJECT_NOT_FOUND', `The organization ${org} was not found or is not managed by this API key.`);
    if (kind === 'roa' && req.method === 'GET') return this.listSpecs();
    if (kind === 'rpki' && req.method === 'POST') return this.transaction(req.body);
    return errorResponse(405, 'E_BAD_REQUEST', `${req.method} is not supported on ${req.path}.`);
  }

  private listSpecs(): FakeResponse {
    return xml(200, tag('collection', [...this.specs.values()].map(listedSpec), { xmlns: CORE_NS, 'xmlns:ns2': RPKI_NS }));
  }

  private transaction(body: string): FakeResponse {
    let tx: { deletes: string[]; adds: FakeRoaSpec[] };
    try {
      tx = parseTransaction(body);
    } catch (err) {
      return errorResponse(400, 'E_SCHEMA_VALIDATION', 'Payload has errors in the schema.', [{ name: 'rpkiTransaction', message: (err as Error).message }]);
    }
    const working = new Map(this.specs);
    const problems = [...tx.deletes.flatMap((h) => deleteFrom(working, h))];
    const handles = tx.adds.map((spec, i) => this.addTo(working, spec, i, problems));
    if (problems.length) return errorResponse(400, 'E_ENTITY_VALIDATION', 'Payload has one or more errors.', problems);
    this.specs = working;
    this.applied++;
    const deleted = tx.deletes.length ? [tag('roaSpecDelete', tx.deletes.map((h) => tag('roaHandle', h, { autoLink: 'false' })))] : [];
    const added = tx.adds.length ? [tag('roaSpecAdd', tx.adds.map((s, i) => sentSpec(s, handles[i]!)))] : [];
    return xml(200, tag('rpkiTransaction', [...deleted, ...added], { xmlns: RPKI_NS }));
  }

  /** Validates one roaSpec; on success gives it a handle and stores it. */
  private addTo(working: Map<string, Stored>, spec: FakeRoaSpec, index: number, problems: Problem[]): string | undefined {
    const where = `roaSpecAdd.roaSpec[${index}]`;
    const before = problems.length;
    if (spec.asNumber > 4294967295) problems.push({ name: `${where}.asNumber`, message: `${spec.asNumber} is not a valid AS number.` });
    if (!NAME_RULE.test(spec.name)) problems.push({ name: `${where}.name`, message: 'A ROA name can only contain letters, numbers, spaces, and dash (-) characters, up to 256.' });
    if (spec.resources.length === 0) problems.push({ name: `${where}.resources`, message: 'At least one resource is required.' });
    for (const r of spec.resources) problems.push(...this.resourceProblems(working, spec, r, where));
    if (problems.length > before) return undefined;
    const roaHandle = newHandle();
    working.set(roaHandle, { ...spec, roaHandle });
    return roaHandle;
  }

  private resourceProblems(working: Map<string, Stored>, spec: FakeRoaSpec, r: SpecResource, where: string): Problem[] {
    const prefix = `${r.startAddress}/${r.cidrLength}`;
    const parsed = parsePrefix(prefix);
    if (!parsed.ok) return [{ name: `${where}.startAddress`, message: `${prefix} is not a valid IPv4 network: ${parsed.message}` }];
    if (r.maxLength < r.cidrLength || r.maxLength > 32) return [{ name: `${where}.maxLength`, message: `The max length ${r.maxLength} must be between ${r.cidrLength} and 32.` }];
    if (!this.resources.some((h) => contains(h, parsed.prefix))) return [{ name: `${where}.startAddress`, message: `${prefix} is not covered by a resource certificate of ${this.options.org}.` }];
    const others = [...working.values()].flatMap((s) => s.resources.map((x) => ({ asn: s.asNumber, x, p: mustParse(`${x.startAddress}/${x.cidrLength}`) })));
    if (others.some((o) => o.asn === spec.asNumber && o.p.start === parsed.prefix.start && o.p.end === parsed.prefix.end && o.x.maxLength === r.maxLength)) {
      return [{ name: where, message: `A ROA for AS${spec.asNumber} ${prefix} max length ${r.maxLength} already exists. Duplicate ROAs are not allowed.` }];
    }
    if (this.options.refuseOverlap && others.some((o) => o.asn !== spec.asNumber && (contains(o.p, parsed.prefix) || contains(parsed.prefix, o.p)))) {
      return [{ name: where, message: `The ROA for AS${spec.asNumber} ${prefix} overlaps an existing ROA. Duplicate and overlapping ROAs are no longer allowed.` }];
    }
    return [];
  }
}

/** The documented transaction layout, read strictly: see the class comment. */
function parseTransaction(body: string): { deletes: string[]; adds: FakeRoaSpec[] } {
  const root = readXml(body);
  if (root.name !== 'rpkiTransaction' || root.ns !== RPKI_NS) throw new Error(`expected <rpkiTransaction xmlns="${RPKI_NS}">`);
  const unknown = root.kids.find((k) => k.name !== 'roaSpecAdd' && k.name !== 'roaSpecDelete');
  if (unknown) throw new Error(`unexpected element <${unknown.name}>`);
  const deleteWrappers = kids(root, 'roaSpecDelete');
  const addWrappers = kids(root, 'roaSpecAdd');
  if (deleteWrappers.length > 1 || addWrappers.length > 1) throw new Error('one <roaSpecDelete> and one <roaSpecAdd> at most, each holding all of its items');
  const deletes = (deleteWrappers[0]?.kids ?? []).map((h) => {
    if (h.name !== 'roaHandle' || !h.text) throw new Error('<roaSpecDelete> holds <roaHandle> elements only');
    if (h.attrs.autoLink !== 'true' && h.attrs.autoLink !== 'false') throw new Error('<roaHandle> needs autoLink="true|false"');
    return h.text;
  });
  const adds = (addWrappers[0]?.kids ?? []).map((spec) => {
    if (spec.name !== 'roaSpec') throw new Error('<roaSpecAdd> holds <roaSpec> elements only');
    return sentSpecFrom(spec);
  });
  if (deleteWrappers.length && deletes.length === 0) throw new Error('empty <roaSpecDelete>');
  if (addWrappers.length && adds.length === 0) throw new Error('empty <roaSpecAdd>');
  return { deletes, adds };
}

/** A roaSpec as sent: resources wrapped in `<roaSpecResource>` inside one `<resources>`. */
function sentSpecFrom(spec: Node): FakeRoaSpec {
  const resources = kid(spec, 'resources');
  if (!resources) throw new Error('<roaSpec> without <resources>');
  return {
    asNumber: integer(kidText(spec, 'asNumber'), 'asNumber'),
    name: kidText(spec, 'name') ?? '',
    resources: kids(resources, 'roaSpecResource').map((r) => {
      const cidrLength = integer(kidText(r, 'cidrLength'), 'cidrLength');
      const max = kidText(r, 'maxLength');
      return { startAddress: kidText(r, 'startAddress') ?? '', cidrLength, maxLength: max === undefined ? cidrLength : integer(max, 'maxLength') };
    }),
  };
}

function integer(text: string | undefined, name: string): number {
  if (!text || !/^\d+$/.test(text)) throw new Error(`<${name}> must be a whole number`);
  return Number(text);
}

function deleteFrom(working: Map<string, Stored>, handle: string): Problem[] {
  if (!working.delete(handle)) return [{ name: 'roaSpecDelete.roaHandle', message: `No ROA with handle ${handle} exists for this organization.` }];
  return [];
}

/** The list shape of the guide: flat repeated `<resources>` with read-only fields added. */
function listedSpec(s: Stored): string {
  const resources = s.resources.map((r) => {
    const v6 = r.startAddress.includes(':');
    return tag('ns2:resources', [
      tag('ns2:autoLinked', 'false'),
      tag('ns2:cidrLength', String(r.cidrLength)),
      ...(v6 ? [] : [tag('ns2:endAddress', lastAddress(`${r.startAddress}/${r.cidrLength}`))]),
      tag('ns2:ipVersion', v6 ? '6' : '4'),
      tag('ns2:maxLength', String(r.maxLength)),
      tag('ns2:startAddress', r.startAddress),
    ]);
  });
  return tag('ns2:roaSpec', [
    tag('ns2:asNumber', String(s.asNumber)),
    tag('ns2:autoRenewed', 'true'),
    tag('ns2:name', s.name),
    tag('ns2:notValidAfter', '2036-01-01T00:00:00-05:00'),
    tag('ns2:notValidBefore', '2026-01-01T00:00:00-05:00'),
    ...resources,
    tag('ns2:roaHandle', s.roaHandle),
  ]);
}

function sentSpec(s: FakeRoaSpec, roaHandle: string): string {
  const resources = s.resources.map((r) => tag('roaSpecResource', [tag('startAddress', r.startAddress), tag('cidrLength', String(r.cidrLength)), tag('maxLength', String(r.maxLength))]));
  return tag('roaSpec', [tag('autoLink', 'false'), tag('asNumber', String(s.asNumber)), tag('name', s.name), tag('roaHandle', roaHandle), tag('autoRenewed', 'true'), tag('resources', resources)]);
}

function specFor(r: { asn: number; prefix: string; maxLength: number }): FakeRoaSpec {
  const [startAddress, length] = r.prefix.split('/');
  return { asNumber: r.asn, name: `seeded ${r.prefix.replace(/[./]/g, '-')}`, resources: [{ startAddress, cidrLength: Number(length), maxLength: r.maxLength }] };
}

function lastAddress(prefix: string): string {
  const p = mustParse(prefix);
  return [24, 16, 8, 0].map((shift) => (p.end >>> shift) & 255).join('.');
}

function newHandle(): string {
  return randomBytes(16).toString('hex');
}

function mustParse(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.prefix;
}

function xml(status: number, body: string): FakeResponse {
  return { status, headers: { 'content-type': 'application/xml' }, body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}` };
}

/** Reg-RWS `<error>` (ARIN's Reg-RWS methods guide, "Error Payload"): code, components, message. */
function errorResponse(status: number, code: string, message: string, components: Problem[] = []): FakeResponse {
  const parts = components.map((c) => tag('component', [tag('message', c.message), tag('name', c.name)]));
  return xml(status, tag('error', [tag('additionalInfo'), tag('code', code), tag('components', parts), tag('message', message)], { xmlns: CORE_NS }));
}
