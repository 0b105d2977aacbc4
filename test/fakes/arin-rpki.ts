import { randomBytes } from 'node:crypto';
import { contains, parsePrefix, type Prefix } from '../../src/net/ipv4.js';
import { CORE_NS, RPKI_NS, readTransaction, roaSpecNode, writeError, type RoaSpec, type RpkiTransaction } from '../../src/providers/rpki/arin-payloads.js';
import { el, serializeXml, type XmlNode } from '../../src/util/xml.js';
import { ServedFake, type FakeRequest, type FakeResponse } from './fake-server.js';

export interface ArinFakeOptions {
  apiKey: string;
  org: string;
  /** The org's certified IPv4 prefixes; a ROA outside them is refused. */
  resources?: string[];
}

/** A flattened view of one ROA resource, with the handle of the roaSpec that holds it. */
export interface ArinFakeRoa {
  roaHandle: string;
  asn: number;
  prefix: string;
  maxLength: number;
}

const NAME_RULE = /^[A-Za-z0-9 -]{1,256}$/;

/**
 * ARIN's hosted RPKI through Reg-RWS: `Authorization: ApiKey …` or
 * `?apikey=` (otherwise 401 with a Reg-RWS <error>); GET /rest/roa/{ORG} lists roaSpecs with
 * their roaHandle; POST /rest/rpki/{ORG} runs one rpkiTransaction atomically: deletes by
 * roaHandle (an unknown handle rejects the whole transaction), then adds (one-resource or
 * many; a ROA identical to an existing one is refused, as ARIN no longer allows duplicates),
 * and answers 200 echoing the payload with roaHandle and autoRenewed. Any error rolls
 * everything back and comes as `<error xmlns="…/core/v1">` with code, message and components.
 */
export class FakeArinRpki extends ServedFake {
  /** Transactions that committed. */
  applied = 0;
  private specs = new Map<string, RoaSpec & { roaHandle: string }>();
  private readonly resources: Prefix[];

  constructor(private readonly options: ArinFakeOptions) {
    super();
    this.resources = (options.resources ?? ['0.0.0.0/0']).map(mustParse);
  }


  /** Adds a roaSpec as if made earlier (in ARIN Online, say); returns its handle. */
  seedSpec(spec: Omit<RoaSpec, 'roaHandle'>): string {
    const roaHandle = newHandle();
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
    const specs = [...this.specs.values()].map((s) => listedSpec(s));
    return xml(200, el('collection', specs, { xmlns: CORE_NS }));
  }

  private transaction(body: string): FakeResponse {
    let tx: RpkiTransaction;
    try {
      tx = readTransaction(body);
    } catch (err) {
      return errorResponse(400, 'E_SCHEMA_VALIDATION', 'Payload has errors in the schema.', [{ name: 'rpkiTransaction', message: (err as Error).message }]);
    }
    const working = new Map(this.specs);
    const problems = [...tx.deleteHandles.flatMap((h) => deleteFrom(working, h)), ...tx.adds.flatMap((s, i) => this.addTo(working, s, i))];
    if (problems.length) return errorResponse(400, 'E_BAD_REQUEST', 'The RPKI transaction was rejected; no changes were made.', problems);
    this.specs = working;
    this.applied++;
    const echoed = tx.adds.map((s) => el('roaSpecAdd', [withAutoRenewed(roaSpecNode(s))]));
    return xml(200, el('rpkiTransaction', [...tx.deleteHandles.map((h) => el('roaSpecDelete', [el('roaHandle', h)])), ...echoed], { xmlns: RPKI_NS }));
  }

  /** Validates one roaSpecAdd; on success gives it a handle (written back into `spec`) and stores it. */
  private addTo(working: Map<string, RoaSpec & { roaHandle: string }>, spec: RoaSpec, index: number): Array<{ name: string; message: string }> {
    const where = `roaSpecAdd[${index}]`;
    const problems: Array<{ name: string; message: string }> = [];
    if (spec.asNumber > 4294967295) problems.push({ name: `${where}.asNumber`, message: `${spec.asNumber} is not a valid AS number.` });
    if (!NAME_RULE.test(spec.name)) problems.push({ name: `${where}.name`, message: 'A ROA name can only contain letters, numbers, spaces, and dash (-) characters, up to 256.' });
    if (spec.resources.length === 0) problems.push({ name: `${where}.resources`, message: 'At least one resource is required.' });
    for (const r of spec.resources) problems.push(...this.resourceProblems(working, spec, r, where));
    if (problems.length) return problems;
    spec.roaHandle = newHandle();
    working.set(spec.roaHandle, { ...spec, roaHandle: spec.roaHandle });
    return [];
  }

  private resourceProblems(working: Map<string, RoaSpec>, spec: RoaSpec, r: RoaSpec['resources'][number], where: string): Array<{ name: string; message: string }> {
    const prefix = `${r.startAddress}/${r.cidrLength}`;
    const parsed = parsePrefix(prefix);
    if (!parsed.ok) return [{ name: `${where}.startAddress`, message: `${prefix} is not a valid IPv4 network: ${parsed.message}` }];
    if (r.maxLength < r.cidrLength || r.maxLength > 32) return [{ name: `${where}.maxLength`, message: `The max length ${r.maxLength} must be between ${r.cidrLength} and 32.` }];
    if (!this.resources.some((h) => contains(h, parsed.prefix))) return [{ name: `${where}.startAddress`, message: `${prefix} is not covered by a resource certificate of ${this.options.org}.` }];
    const duplicate = [...working.values()].some((s) => s.asNumber === spec.asNumber && s.resources.some((x) => `${x.startAddress}/${x.cidrLength}` === prefix && x.maxLength === r.maxLength));
    if (duplicate) return [{ name: where, message: `A ROA for AS${spec.asNumber} ${prefix} max length ${r.maxLength} already exists. Duplicate ROAs are not allowed.` }];
    return [];
  }
}

function deleteFrom(working: Map<string, RoaSpec>, handle: string): Array<{ name: string; message: string }> {
  if (!working.delete(handle)) return [{ name: 'roaSpecDelete.roaHandle', message: `No ROA with handle ${handle} exists for this organization.` }];
  return [];
}

/** The list shape: each roaSpec in its own namespace, with the read-only fields ARIN adds. */
function listedSpec(s: RoaSpec & { roaHandle: string }): XmlNode {
  const resources = s.resources.map((r) =>
    el('roaSpecResource', [
      el('autoLinked', 'false'),
      el('cidrLength', String(r.cidrLength)),
      ...(r.startAddress.includes(':') ? [el('ipVersion', '6')] : [el('endAddress', lastAddress(`${r.startAddress}/${r.cidrLength}`)), el('ipVersion', '4')]),
      el('maxLength', String(r.maxLength)),
      el('startAddress', r.startAddress),
    ]),
  );
  return el(
    'roaSpec',
    [el('asNumber', String(s.asNumber)), el('autoRenewed', 'true'), el('name', s.name), el('notValidAfter', '2036-01-01T00:00:00Z'), el('notValidBefore', '2026-01-01T00:00:00Z'), el('resources', resources), el('roaHandle', s.roaHandle)],
    { xmlns: RPKI_NS },
  );
}

function withAutoRenewed(node: XmlNode): XmlNode {
  return { ...node, children: [...(node.children ?? []), el('autoRenewed', 'true')] };
}

function specFor(r: { asn: number; prefix: string; maxLength: number }): Omit<RoaSpec, 'roaHandle'> {
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

function xml(status: number, root: XmlNode): FakeResponse {
  return { status, headers: { 'content-type': 'application/xml' }, body: serializeXml(root) };
}

function errorResponse(status: number, code: string, message: string, components: Array<{ name: string; message: string }> = []): FakeResponse {
  return { status, headers: { 'content-type': 'application/xml' }, body: writeError({ code, message, components }) };
}
