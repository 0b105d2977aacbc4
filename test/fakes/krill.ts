import { parsePrefix } from '../../src/net/ipv4.js';
import { blockOf, covers, formatBlocks, merge, parseBlocks, type Block } from '../../src/net/ipv4-blocks.js';
import { ServedFake, type FakeRequest, type FakeResponse } from './fake-server.js';

export interface KrillFakeOptions {
  token: string;
  ca: string;
  /** The CA's own IPv4 resources: ROAs and child resources must lie inside them. */
  resources: string[];
  /** The CA's ASN and IPv6 resources as Krill writes them (`AS64500, AS64501`), default none. */
  asn?: string;
  ipv6?: string;
}

export interface KrillFakeRoute {
  asn: number;
  prefix: string;
  max_length: number;
  comment?: string | null;
}

interface Child {
  asn: string;
  ipv4: Block[];
  ipv6: string;
}

type RoaRef = { asn: number; prefix: string; max_length?: number };

const ID_CERT = { pem: '-----BEGIN CERTIFICATE-----\nMIIB (fake)\n-----END CERTIFICATE-----\n', hash: '992ac17d85fef11d8be4aa37806586ce68b61fe9cf65c0965928dbce0c398a99' };

/**
 * Krill's API (Krill's cas.rs, error.rs and manual): `Authorization: Bearer`
 * (401 with `WWW-Authenticate: Bearer` otherwise); GET/POST /api/v1/cas/{ca}/routes with a
 * strict delta (integer `asn`, optional `max_length`, duplicate adds, unknown removes,
 * prefixes not held and bad max lengths all reject the whole delta with 400
 * `ca-roa-delta-error`); GET /api/v1/cas/{ca} listing `children`; GET/POST
 * /api/v1/cas/{ca}/children/{child} with `entitled_resources` and a full (not delta) resource
 * set, normalised like Krill (adjacent blocks merge), refused with `ca-child-resources-extra`
 * when not held. Errors are `{label, msg, args}`: 404 for unknown CA or child, else 400.
 */
export class FakeKrill extends ServedFake {
  /** Write calls that committed (route deltas and child updates). */
  applied = 0;
  private routes = new Map<string, KrillFakeRoute>();
  private readonly children = new Map<string, Child>();
  private readonly caBlocks: Block[];

  constructor(private readonly options: KrillFakeOptions) {
    super();
    this.caBlocks = merge(options.resources.map(blockOf));
  }


  seedRoutes(routes: readonly KrillFakeRoute[]): void {
    for (const r of routes) this.routes.set(routeKey(r), { ...r });
  }

  /** A child CA as if added through the RFC 8183 exchange, with these IPv4 resources. */
  addChild(handle: string, ipv4: string[] = [], extra: { asn?: string; ipv6?: string } = {}): void {
    this.children.set(handle, { asn: extra.asn ?? '', ipv4: merge(ipv4.map(blockOf)), ipv6: extra.ipv6 ?? '' });
  }

  listRoutes(): KrillFakeRoute[] {
    return [...this.routes.values()].sort((a, b) => a.prefix.localeCompare(b.prefix, 'en', { numeric: true }) || a.asn - b.asn);
  }

  /** A child's IPv4 resources as Krill displays them, e.g. `192.0.2.0/24, 198.51.100.0/25`. */
  childIpv4(handle: string): string | undefined {
    const child = this.children.get(handle);
    return child && formatBlocks(child.ipv4);
  }

  childResources(handle: string): { asn: string; ipv4: string; ipv6: string } | undefined {
    const child = this.children.get(handle);
    return child && { asn: child.asn, ipv4: formatBlocks(child.ipv4), ipv6: child.ipv6 };
  }

  protected handle(req: FakeRequest): FakeResponse {
    if (req.headers.authorization !== `Bearer ${this.options.token}`) return { status: 401, headers: { 'www-authenticate': 'Bearer' } };
    const parts = req.path.split('/').filter(Boolean);
    if (parts[0] !== 'api' || parts[1] !== 'v1' || parts[2] !== 'cas' || parts.length < 4) return krillError(404, 'api-unknown-resource', 'Unknown resource', {});
    const ca = parts[3];
    if (ca !== this.options.ca) return krillError(404, 'ca-unknown', `CA '${ca}' is unknown`, { ca });
    const rest = parts.slice(4).join('/');
    if (rest === '' && req.method === 'GET') return this.showCa();
    if (rest === 'routes' && req.method === 'GET') return json(200, this.listRoutes().map((r) => ({ ...r, roa_objects: [] })));
    if (rest === 'routes' && req.method === 'POST') return this.updateRoutes(req.body);
    if (parts[4] === 'children' && parts.length === 6) return this.child(req, parts[5]);
    return krillError(404, 'api-unknown-resource', 'Unknown resource', {});
  }

  private showCa(): FakeResponse {
    const ca = this.options.ca;
    return json(200, {
      handle: ca,
      resources: { asn: this.options.asn ?? '', ipv4: formatBlocks(this.caBlocks), ipv6: this.options.ipv6 ?? '' },
      parents: [],
      children: [...this.children.keys()].sort(),
      suspended_children: [],
    });
  }

  private updateRoutes(text: string): FakeResponse {
    const parsed = parseDelta(text);
    if (typeof parsed === 'string') return krillError(400, 'api-json', `Invalid JSON: ${parsed}`, { cause: parsed });
    const { added, removed } = parsed;
    const next = new Map(this.routes);
    const rejected = { duplicates: [] as RoaRef[], notheld: [] as RoaRef[], unknowns: [] as RoaRef[], invalid_length: [] as RoaRef[] };
    for (const r of removed) if (!next.delete(routeKey(r))) rejected.unknowns.push(r);
    for (const r of added) {
      const prefix = parsePrefix(r.prefix);
      const max = r.max_length ?? (prefix.ok ? prefix.prefix.length : 0);
      if (!prefix.ok || max < prefix.prefix.length || max > 32) rejected.invalid_length.push(r);
      else if (!covers(this.caBlocks, blockOf(r.prefix))) rejected.notheld.push(r);
      else if (next.has(routeKey(r))) rejected.duplicates.push(r);
      else next.set(routeKey(r), { asn: r.asn, prefix: r.prefix, max_length: max, comment: r.comment ?? null });
    }
    if (Object.values(rejected).some((list) => list.length)) return deltaError(this.options.ca, rejected);
    this.routes = next;
    this.applied++;
    return { status: 200 };
  }

  private child(req: FakeRequest, handle: string): FakeResponse {
    const child = this.children.get(handle);
    const ca = this.options.ca;
    if (!child) return krillError(404, 'ca-child-unknown', `CA '${ca}' does not have child named '${handle}'`, { ca, child: handle });
    if (req.method === 'GET') {
      return json(200, { state: 'active', id_cert: ID_CERT, entitled_resources: { asn: child.asn, ipv4: formatBlocks(child.ipv4), ipv6: child.ipv6 } });
    }
    if (req.method !== 'POST') return krillError(400, 'api-unknown-method', 'Unknown API method', {});
    return this.updateChild(handle, req.body);
  }

  /** The new set replaces the old one whole; every block must be held by the CA. */
  private updateChild(handle: string, text: string): FakeResponse {
    const ca = this.options.ca;
    let body: { id_cert?: unknown; resources?: { asn?: unknown; ipv4?: unknown; ipv6?: unknown } | null };
    try {
      body = JSON.parse(text);
    } catch (err) {
      return krillError(400, 'api-json', `Invalid JSON: ${(err as Error).message}`, { cause: (err as Error).message });
    }
    if (body.id_cert && body.resources) return krillError(400, 'ca-child-update-one-thing', `You can only update one aspect for child '${handle}' of CA '${ca}' at a time - i.e. either resources or ID cert`, { ca, child: handle });
    const r = body.resources;
    if (!r) return { status: 200 };
    let ipv4: Block[];
    try {
      ipv4 = parseBlocks(typeof r.ipv4 === 'string' ? r.ipv4 : '');
    } catch (err) {
      return krillError(400, 'api-json', `Invalid JSON: ${(err as Error).message}`, { cause: (err as Error).message });
    }
    const asn = typeof r.asn === 'string' ? r.asn : '';
    const ipv6 = typeof r.ipv6 === 'string' ? r.ipv6 : '';
    const held = ipv4.every((b) => covers(this.caBlocks, b)) && isSubset(asn, this.options.asn) && isSubset(ipv6, this.options.ipv6);
    if (!held) {
      return krillError(400, 'ca-child-resources-extra', `Child '${handle}' cannot have resources not held by CA '${ca}'`, { ca, child: handle });
    }
    this.children.set(handle, { asn, ipv4, ipv6 });
    this.applied++;
    return { status: 200 };
  }
}

/** ASN and IPv6 sets compared item by item (the fake does not do ranges of those). */
function isSubset(child: string, ca: string | undefined): boolean {
  const items = (text: string | undefined) => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const held = new Set(items(ca));
  return items(child).every((item) => held.has(item));
}

type DeltaItem = RoaRef & { comment?: string | null };

/** Krill's serde rules for the delta: integer asn, string prefix, optional integer max_length. */
function parseDelta(text: string): { added: DeltaItem[]; removed: DeltaItem[] } | string {
  let body: { added?: unknown; removed?: unknown };
  try {
    body = JSON.parse(text);
  } catch (err) {
    return (err as Error).message;
  }
  const added = Array.isArray(body?.added) ? body.added : [];
  const removed = Array.isArray(body?.removed) ? body.removed : [];
  for (const item of [...added, ...removed]) {
    const o = (item ?? {}) as Record<string, unknown>;
    if (typeof o.asn !== 'number' || !Number.isInteger(o.asn) || o.asn < 0) return `invalid type: ${JSON.stringify(o.asn)}, expected u32 at field 'asn'`;
    if (typeof o.prefix !== 'string' || !parsePrefix(o.prefix).ok) return `invalid prefix ${JSON.stringify(o.prefix)}`;
    if (o.max_length !== undefined && o.max_length !== null && (typeof o.max_length !== 'number' || !Number.isInteger(o.max_length))) return `invalid type: ${JSON.stringify(o.max_length)}, expected u8 at field 'max_length'`;
  }
  const clean = (o: Record<string, unknown>): DeltaItem => ({
    asn: o.asn as number,
    prefix: o.prefix as string,
    ...(typeof o.max_length === 'number' ? { max_length: o.max_length } : {}),
    ...(typeof o.comment === 'string' ? { comment: o.comment } : {}),
  });
  return { added: added.map(clean), removed: removed.map(clean) };
}

function routeKey(r: RoaRef): string {
  const length = Number(r.prefix.split('/')[1]);
  return `${r.prefix}-${r.max_length ?? length} => ${r.asn}`;
}

/** `10.0.0.0/20-24 => 1`, or `10.0.0.0/24 => 1` when the max length is the prefix length. */
function display(r: RoaRef): string {
  const length = Number(r.prefix.split('/')[1]);
  return r.max_length !== undefined && r.max_length !== length ? `${r.prefix}-${r.max_length} => ${r.asn}` : `${r.prefix} => ${r.asn}`;
}

function deltaError(ca: string, rejected: Record<'duplicates' | 'notheld' | 'unknowns' | 'invalid_length', RoaRef[]>): FakeResponse {
  const sections: Array<[RoaRef[], string]> = [
    [rejected.duplicates, 'Cannot add the following duplicate ROAs:'],
    [rejected.notheld, 'Cannot add the following ROAs with prefixes not on any of your certificates:'],
    [rejected.unknowns, 'Cannot remove the following unknown ROAs:'],
    [rejected.invalid_length, 'The following ROAs have a max length which is invalid for the prefix:'],
  ];
  const text = sections
    .filter(([list]) => list.length)
    .map(([list, title]) => `${title}\n${list.map((r) => `  ${display(r)}\n`).join('')}`)
    .join('');
  const strip = (list: RoaRef[]) => list.map(({ asn, prefix, max_length }) => ({ asn, prefix, ...(max_length === undefined ? {} : { max_length }) }));
  return json(400, {
    label: 'ca-roa-delta-error',
    msg: `ROA delta rejected:\n\n'${text}' `,
    args: { ca },
    delta_error: { duplicates: strip(rejected.duplicates), notheld: strip(rejected.notheld), unknowns: strip(rejected.unknowns), invalid_length: strip(rejected.invalid_length) },
  });
}

function krillError(status: number, label: string, msg: string, args: Record<string, string>): FakeResponse {
  return json(status, { label, msg, args });
}

function json(status: number, body: unknown): FakeResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
