import { FakeServer, type FakeRequest, type FakeResponse } from './fake-server.js';
import { first, formatRpslText, keyOf, maintainersOf, parseRpslText, prefixOf, seedAttributes, viewOf, within, type Attribute, type RouteSeed, type RouteView } from './irr-common.js';

export interface ArinFakeOptions {
  /** API key → the org handle it acts for. */
  keys: Record<string, string>;
  /** Org handle → the address space it holds. */
  resources: Record<string, string[]>;
  /**
   * Whether `remarks` survive on a route (ARIN documents route, origin, descr, admin-c,
   * tech-c, mnt-by and source; remarks are unconfirmed). Default true.
   */
  keepsRemarks?: boolean;
}

interface Stored {
  org: string;
  attributes: Attribute[];
}

const FIELDS = new Set(['route', 'origin', 'descr', 'admin-c', 'tech-c', 'mnt-by', 'remarks', 'source']);
const MANDATORY = ['route', 'origin', 'mnt-by', 'source'];
const NOT_AUTHORIZED = 'The API key is not authorized to make that request.';

/**
 * ARIN Reg-RWS IRR in memory: one object per call at
 * `/rest/irr/route/{IP}/{LEN}/{ORIGINAS}` (POST create, GET, PUT modify, DELETE), RPSL
 * bodies, `source: ARIN` only, `mnt-by: MNT-<ORG>` required, the key's org must hold the
 * space and own the object, `GET /rest/org/{ORG}/routes` lists `routeRef`s, and errors
 * come as Reg-RWS `<error>` XML (401 E_AUTHENTICATION for a bad key).
 */
export class FakeArinIrr {
  readonly server = new FakeServer((req) => this.handle(req));
  private readonly routes = new Map<string, Stored>();

  constructor(private readonly options: ArinFakeOptions) {}

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  seed(org: string, route: RouteSeed): void {
    const attributes = seedAttributes(route, 'ARIN');
    this.routes.set(keyOf(attributes), { org, attributes });
  }

  list(): RouteView[] {
    return [...this.routes.values()].map((s) => viewOf(s.attributes));
  }

  private handle(req: FakeRequest): FakeResponse {
    const org = this.orgOf(req);
    if (!org) return error(401, 'E_AUTHENTICATION', NOT_AUTHORIZED);
    const list = /^\/rest\/org\/([^/]+)\/routes$/.exec(req.path);
    if (list && req.method === 'GET') return list[1] === org ? this.listRoutes(org) : error(401, 'E_AUTHENTICATION', NOT_AUTHORIZED);
    const one = /^\/rest\/irr\/route\/(\d+\.\d+\.\d+\.\d+)\/(\d+)\/(AS\d+)$/i.exec(req.path);
    if (!one) return error(404, 'E_OBJECT_NOT_FOUND', 'The object you are looking for was not found');
    const key = `${one[1]}/${one[2]}${one[3].toUpperCase()}`;
    if (!String(req.headers.accept ?? '').includes('application/rpsl')) return error(406, 'E_BAD_REQUEST', 'This fake answers route calls in RPSL only (Accept: application/rpsl)');
    switch (req.method) {
      case 'GET':
        return this.read(key, org);
      case 'POST':
        return this.create(req, key, org);
      case 'PUT':
        return this.modify(req, key, org);
      case 'DELETE':
        return this.remove(key, org);
      default:
        return error(405, 'E_BAD_REQUEST', 'Method not allowed');
    }
  }

  private orgOf(req: FakeRequest): string | undefined {
    const header = /^ApiKey (\S+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    return this.options.keys[header ?? req.query.get('apikey') ?? ''];
  }

  private listRoutes(org: string): FakeResponse {
    const refs = [...this.routes.values()]
      .filter((s) => s.org === org)
      .map((s) => `<routeRef entry="SIMPLE">${this.server.url}/rest/irr/route/${first(s.attributes, 'route')}/${first(s.attributes, 'origin')}</routeRef>`);
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: `<routes xmlns="http://www.arin.net/regrws/core/v1">${refs.join('')}</routes>` };
  }

  private read(key: string, org: string): FakeResponse {
    const stored = this.routes.get(key);
    if (!stored) return error(404, 'E_OBJECT_NOT_FOUND', 'The object you are looking for was not found');
    return stored.org === org ? rpsl(stored.attributes) : error(401, 'E_AUTHENTICATION', NOT_AUTHORIZED);
  }

  private create(req: FakeRequest, key: string, org: string): FakeResponse {
    const checked = this.checked(req, key, org);
    if ('response' in checked) return checked.response;
    if (this.routes.has(key)) return error(400, 'E_ENTITY_VALIDATION', 'Payload has one or more errors.', [['route', 'A route object with this prefix and origin already exists']]);
    if (!(this.options.resources[org] ?? []).some((space) => within(first(checked.attributes, 'route')!, space))) {
      return error(401, 'E_AUTHENTICATION', NOT_AUTHORIZED);
    }
    this.routes.set(key, { org, attributes: checked.attributes });
    return rpsl(checked.attributes);
  }

  private modify(req: FakeRequest, key: string, org: string): FakeResponse {
    const current = this.routes.get(key);
    if (!current) return error(404, 'E_OBJECT_NOT_FOUND', 'The object you are looking for was not found');
    if (current.org !== org) return error(401, 'E_AUTHENTICATION', NOT_AUTHORIZED);
    const checked = this.checked(req, key, org);
    if ('response' in checked) return checked.response;
    this.routes.set(key, { org, attributes: checked.attributes });
    return rpsl(checked.attributes);
  }

  private remove(key: string, org: string): FakeResponse {
    const current = this.routes.get(key);
    if (!current) return error(404, 'E_OBJECT_NOT_FOUND', 'The object you are looking for was not found');
    if (current.org !== org) return error(401, 'E_AUTHENTICATION', NOT_AUTHORIZED);
    this.routes.delete(key);
    return rpsl(current.attributes);
  }

  /** The body as ARIN would store it, or the Reg-RWS error it gets instead. */
  private checked(req: FakeRequest, key: string, org: string): { attributes: Attribute[] } | { response: FakeResponse } {
    if (!String(req.headers['content-type'] ?? '').includes('application/rpsl')) return { response: error(415, 'E_BAD_REQUEST', 'Unsupported media type') };
    let attributes: Attribute[];
    try {
      attributes = parseRpslText(req.body)[0] ?? [];
    } catch (err) {
      return { response: error(400, 'E_SCHEMA_VALIDATION', (err as Error).message) };
    }
    const components = this.problems(attributes, key, org);
    if (components.length) return { response: error(400, 'E_ENTITY_VALIDATION', 'Payload has one or more errors.', components) };
    return { attributes: this.options.keepsRemarks === false ? attributes.filter((a) => a.name !== 'remarks') : attributes };
  }

  private problems(attributes: Attribute[], key: string, org: string): Array<[string, string]> {
    const problems: Array<[string, string]> = MANDATORY.filter((n) => !first(attributes, n)).map((n) => [n, `${n} is required`]);
    problems.push(...attributes.filter((a) => !FIELDS.has(a.name)).map((a): [string, string] => [a.name, 'unknown field']));
    if (first(attributes, 'route') && (!prefixOf(first(attributes, 'route')) || keyOf(attributes) !== key)) problems.push(['route', 'route and origin must match the URL']);
    if (first(attributes, 'source') && first(attributes, 'source') !== 'ARIN') problems.push(['source', 'source must be ARIN']);
    if (first(attributes, 'mnt-by') && !maintainersOf(attributes).includes(`MNT-${org}`)) problems.push(['mnt-by', `mnt-by must include MNT-${org}`]);
    return problems;
  }
}

function rpsl(attributes: Attribute[]): FakeResponse {
  return { status: 200, headers: { 'Content-Type': 'application/rpsl' }, body: formatRpslText(attributes) };
}

function error(status: number, code: string, message: string, components: Array<[string, string]> = []): FakeResponse {
  const parts = components.map(([name, text]) => `<component><name>${escape(name)}</name><message>${escape(text)}</message></component>`).join('');
  const body = `<error xmlns="http://www.arin.net/regrws/core/v1"><additionalInfo/><code>${code}</code>${parts ? `<components>${parts}</components>` : ''}<message>${escape(message)}</message></error>`;
  return { status, headers: { 'Content-Type': 'application/xml' }, body };
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
