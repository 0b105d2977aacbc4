import { FakeServer, type FakeRequest, type FakeResponse } from './fake-server.js';
import { first, keyOf, maintainersOf, prefixOf, seedAttributes, viewOf, within, type Attribute, type RouteSeed, type RouteView } from './irr-common.js';

/** A RIPE DB API key: `id:secret`, restricted to one maintainer (as RIPE allows). */
export interface RipeKey {
  id: string;
  secret: string;
  maintainer: string;
}

/** Address space the fake knows, for the parent authorisation of route creates. */
export interface RipeInetnum {
  prefix: string;
  mntBy: string[];
  mntLower?: string[];
  mntRoutes?: string[];
}

interface Message {
  severity: 'Error' | 'Warning' | 'Info';
  text: string;
  args: string[];
}

const ROUTE_TEMPLATE = new Set(['route', 'descr', 'origin', 'holes', 'org', 'member-of', 'inject', 'aggr-mtd', 'aggr-bndry', 'export-comps', 'components', 'remarks', 'notify', 'mnt-lower', 'mnt-routes', 'mnt-by', 'pingable', 'ping-hdl', 'created', 'last-modified', 'source']);
const MANDATORY = ['route', 'origin', 'mnt-by', 'source'];
const AUTH_FAILED = 'Authorisation for [%s] %s failed\nusing "%s:"\nnot authenticated by: %s';
const STAMP = '2026-01-01T00:00:00Z';

/**
 * The RIPE Database REST API for route objects, in memory: create /
 * update / delete / lookup / search, JSON whois-resources, HTTP Basic API keys, mnt-by
 * and parent (mnt-routes → mnt-lower → mnt-by) authorisation answered with 401 and the
 * documented `%s` message, 409 on creating an existing object, `dry-run` (every check,
 * nothing committed), 415 without Content-Type on writes, and the route template.
 */
/** The usual database: our key on US-MNT, one inetnum we may route under (mnt-lower) and one we may not. */
export function usualRipeDb(secret: string): ConstructorParameters<typeof FakeRipeDb>[0] {
  return {
    keys: [{ id: 'KEY1', secret, maintainer: 'US-MNT' }],
    inetnums: [
      { prefix: '192.0.2.0/24', mntBy: ['RIPE-NCC-HM-MNT'], mntLower: ['US-MNT'] },
      { prefix: '198.51.100.0/24', mntBy: ['RIPE-NCC-HM-MNT'], mntRoutes: ['OTHER-MNT'] },
    ],
  };
}

export class FakeRipeDb {
  readonly server = new FakeServer((req) => this.handle(req));
  private readonly routes = new Map<string, Attribute[]>();
  readonly source: string;

  constructor(
    private readonly options: { keys: RipeKey[]; inetnums: RipeInetnum[]; source?: string },
  ) {
    this.source = options.source ?? 'RIPE';
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Seeds an object as if someone had created it (no checks). */
  seed(route: RouteSeed): void {
    const attributes = seedAttributes(route, this.source);
    this.routes.set(keyOf(attributes), attributes);
  }

  list(): RouteView[] {
    return [...this.routes.values()].map(viewOf);
  }

  get(key: string): RouteView | undefined {
    const found = this.routes.get(key.toUpperCase());
    return found && viewOf(found);
  }

  /** JSON only when asked for (Accept or a `.json` suffix); RIPE's default is XML, which the fake only sketches. */
  private handle(req: FakeRequest): FakeResponse {
    const response = this.dispatch(req);
    const wantsJson = String(req.headers.accept ?? '').includes('application/json') || req.path.endsWith('.json');
    return wantsJson || !response.body ? response : { ...response, headers: { 'Content-Type': 'application/xml' }, body: '<?xml version="1.0"?><whois-resources/>' };
  }

  private dispatch(req: FakeRequest): FakeResponse {
    if (req.path === '/search' && req.method === 'GET') return this.search(req);
    const m = /^\/([^/]+)\/route(?:\/(.+?))?(\.json)?$/.exec(req.path);
    if (!m) return reply(404, [error('Not Found')]);
    if (m[1].toUpperCase() !== this.source) return reply(400, [error("Invalid source '%s'", m[1])]);
    const key = m[2]?.toUpperCase();
    if (req.method === 'GET') return this.lookup(key);
    if (!req.headers['content-type']) return { status: 415, body: 'Unsupported Media Type' };
    const maintainer = this.authenticate(req.headers.authorization);
    if (maintainer === null) return { status: 401, body: '' };
    if (req.method === 'POST' && !key) return this.create(req, maintainer);
    if (req.method === 'PUT' && key) return this.modify(req, key, maintainer);
    if (req.method === 'DELETE' && key) return this.remove(req, key, maintainer);
    return { status: 405, body: '' };
  }

  /** The maintainer the request's key stands for; undefined without credentials, null for a bad key. */
  private authenticate(header: string | string[] | undefined): string | undefined | null {
    if (typeof header !== 'string') return undefined;
    const m = /^Basic (.+)$/.exec(header);
    if (!m) return null;
    const [id, ...rest] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
    const key = this.options.keys.find((k) => k.id === id && k.secret === rest.join(':'));
    return key ? key.maintainer : null;
  }

  private lookup(key: string | undefined): FakeResponse {
    const found = key && this.routes.get(key);
    return found ? reply(200, [], [found]) : reply(404, [error('ERROR:101: no entries found')]);
  }

  private search(req: FakeRequest): FakeResponse {
    const query = req.query.get('query-string');
    const flags = req.query.getAll('flags');
    if (!query || !prefixOf(query)) return reply(400, [error('Invalid search key')]);
    if (req.query.getAll('type-filter').some((t) => t !== 'route')) return reply(400, [error('Unsupported type filter')]);
    const exact = flags.some((f) => f === 'x' || f === 'exact');
    const more = flags.some((f) => f === 'M' || f === 'all-more');
    if (exact === more) return reply(400, [error('This fake answers -x or -M route searches only')]);
    const found = [...this.routes.values()].filter((a) => {
      const prefix = first(a, 'route')!;
      return exact ? prefix === query : within(prefix, query) && prefix !== query;
    });
    return found.length ? reply(200, [], found) : reply(404, [error('ERROR:101: no entries found')]);
  }

  private create(req: FakeRequest, maintainer: string | undefined): FakeResponse {
    const parsed = this.submitted(req);
    if ('problems' in parsed) return reply(400, parsed.problems, [], parsed.attributes);
    const key = keyOf(parsed.attributes);
    if (this.routes.has(key)) return reply(409, [error('Enforced new keyword specified, but the object already exists in the database')], [], parsed.attributes);
    const refusals = [...this.ownAuth(parsed.attributes, key, maintainer), ...this.parentAuth(parsed.attributes, maintainer)];
    if (refusals.length) return reply(401, refusals, [], parsed.attributes);
    return this.commit(req, key, [...parsed.attributes, { name: 'created', value: STAMP }, { name: 'last-modified', value: STAMP }]);
  }

  private modify(req: FakeRequest, key: string, maintainer: string | undefined): FakeResponse {
    const current = this.routes.get(key);
    if (!current) return reply(404, [error('ERROR:101: no entries found')]);
    const parsed = this.submitted(req);
    if ('problems' in parsed) return reply(400, parsed.problems, [], parsed.attributes);
    if (keyOf(parsed.attributes) !== key) return reply(400, [error('Object key in the body (%s) differs from the key in the URL (%s)', keyOf(parsed.attributes), key)]);
    const refusals = this.ownAuth(current, key, maintainer);
    if (refusals.length) return reply(401, refusals, [], parsed.attributes);
    // PUT replaces the whole object: what was not sent is gone
    return this.commit(req, key, [...parsed.attributes, { name: 'created', value: first(current, 'created') ?? STAMP }, { name: 'last-modified', value: STAMP }]);
  }

  private remove(req: FakeRequest, key: string, maintainer: string | undefined): FakeResponse {
    const current = this.routes.get(key);
    if (!current) return reply(404, [error('ERROR:101: no entries found')]);
    const refusals = this.ownAuth(current, key, maintainer);
    if (refusals.length) return reply(401, refusals, [], current);
    return this.commit(req, key, undefined, current);
  }

  private commit(req: FakeRequest, key: string, next: Attribute[] | undefined, shown: Attribute[] = next!): FakeResponse {
    if (req.query.has('dry-run')) return reply(200, [info('Dry-run performed, no changes to the database have been made')], [shown]);
    if (next) this.routes.set(key, next);
    else this.routes.delete(key);
    return reply(200, [], [shown]);
  }

  /** The object in a write's body, checked against the route template. */
  private submitted(req: FakeRequest): { attributes: Attribute[] } | { attributes: Attribute[]; problems: Message[] } {
    let attributes: Attribute[];
    try {
      const body = JSON.parse(req.body) as { objects: { object: Array<{ attributes: { attribute: Attribute[] } }> } };
      attributes = body.objects.object[0].attributes.attribute.map((a) => ({ name: String(a.name).toLowerCase(), value: String(a.value).trim() }));
    } catch {
      return { attributes: [], problems: [error('Invalid request body')] };
    }
    const problems = [
      ...MANDATORY.filter((n) => !first(attributes, n)).map((n) => error('Mandatory attribute "%s" is missing', n)),
      ...attributes.filter((a) => !ROUTE_TEMPLATE.has(a.name)).map((a) => error('"%s" is not a known RPSL attribute', a.name)),
      ...(first(attributes, 'source') && first(attributes, 'source')!.toUpperCase() !== this.source ? [error('Unrecognized source: %s', first(attributes, 'source')!)] : []),
      ...(first(attributes, 'route') && !prefixOf(first(attributes, 'route')) ? [error('Syntax error in %s', first(attributes, 'route')!)] : []),
    ];
    return problems.length ? { attributes, problems } : { attributes };
  }

  /** The object's own maintainers (for modify and delete: the existing object's). */
  private ownAuth(attributes: Attribute[], key: string, maintainer: string | undefined): Message[] {
    const mntBy = maintainersOf(attributes);
    return maintainer && mntBy.includes(maintainer) ? [] : [error(AUTH_FAILED, 'route', key, 'mnt-by', mntBy.join(', '))];
  }

  /** Exact or less-specific route, else the smallest covering inetnum: mnt-routes, then mnt-lower, then mnt-by. */
  private parentAuth(attributes: Attribute[], maintainer: string | undefined): Message[] {
    const prefix = first(attributes, 'route')!;
    const parentRoute = [...this.routes.values()].filter((a) => within(prefix, first(a, 'route')!)).sort(bySize)[0];
    if (parentRoute) {
      const mnts = maintainersOf(parentRoute);
      return maintainer && mnts.includes(maintainer) ? [] : [error(AUTH_FAILED, 'route', keyOf(parentRoute), 'mnt-by', mnts.join(', '))];
    }
    const inetnum = this.options.inetnums.filter((i) => within(prefix, i.prefix)).sort((a, b) => prefixOf(b.prefix)!.length - prefixOf(a.prefix)!.length)[0];
    if (!inetnum) return [error('Authorisation for [%s] %s failed: no parent inetnum in the RIPE region', 'route', prefix)];
    const [attribute, mnts] = inetnum.mntRoutes?.length ? ['mnt-routes', inetnum.mntRoutes] : inetnum.mntLower?.length ? ['mnt-lower', inetnum.mntLower] : ['mnt-by', inetnum.mntBy];
    return maintainer && mnts.includes(maintainer) ? [] : [error(AUTH_FAILED, 'inetnum', rangeOf(inetnum.prefix), attribute, mnts.join(', '))];
  }
}

function bySize(a: Attribute[], b: Attribute[]): number {
  return prefixOf(first(b, 'route'))!.length - prefixOf(first(a, 'route'))!.length;
}

function rangeOf(prefix: string): string {
  const p = prefixOf(prefix)!;
  const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  return `${dotted(p.start)} - ${dotted(p.end)}`;
}

function error(text: string, ...args: string[]): Message {
  return { severity: 'Error', text, args };
}

function info(text: string, ...args: string[]): Message {
  return { severity: 'Info', text, args };
}

/** A whois-resources JSON document: objects (as stored) and error messages with their args. */
function reply(status: number, messages: Message[], objects: Attribute[][] = [], echoed?: Attribute[]): FakeResponse {
  const shown = objects.length ? objects : echoed?.length ? [echoed] : [];
  const document = {
    ...(shown.length ? { objects: { object: shown.map((attributes) => ({ type: 'route', source: { id: first(attributes, 'source')?.toLowerCase() }, attributes: { attribute: attributes } })) } } : {}),
    ...(messages.length ? { errormessages: { errormessage: messages.map((m) => ({ severity: m.severity, text: m.text, ...(m.args.length ? { args: m.args.map((value) => ({ value })) } : {}) })) } } : {}),
  };
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(document) };
}
