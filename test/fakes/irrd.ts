import { FakeServer, type FakeRequest, type FakeResponse } from './fake-server.js';
import {
  first,
  formatRpslText,
  keyOf,
  maintainersOf,
  parseRpslText,
  prefixOf,
  rpkiState,
  seedAttributes,
  strictlyWithin,
  viewOf,
  within,
  type Attribute,
  type FakeRoa,
  type RouteSeed,
  type RouteView,
} from './irr-common.js';

/** A mntner the fake knows, with the API keys and passwords that authenticate it. */
export interface IrrdMaintainer {
  apiKeys?: string[];
  passwords?: string[];
}

export interface IrrdFakeOptions {
  /** The authoritative source (changes elsewhere are refused). */
  source: string;
  maintainers: Record<string, IrrdMaintainer>;
  override?: string;
  /** Parent space for route creates: exact, then smallest less-specific inetnum. */
  inetnums?: Array<{ prefix: string; mntBy: string[] }>;
  /** Seconds between ROA imports, quoted in the RPKI message (IRRd's default is 3600). */
  roaImportTimer?: number;
}

interface ObjectReport {
  successful: boolean;
  type: 'create' | 'modify' | 'delete';
  object_class: string;
  rpsl_pk: string;
  info_messages: string[];
  error_messages: string[];
  new_object_text: string | null;
  submitted_object_text: string;
}

const ROUTE_TEMPLATE = new Set(['route', 'descr', 'origin', 'holes', 'member-of', 'inject', 'aggr-bndry', 'aggr-mtd', 'export-comps', 'components', 'admin-c', 'tech-c', 'geoidx', 'roa-uri', 'remarks', 'notify', 'mnt-by', 'changed', 'source']);
const MANDATORY = ['route', 'origin', 'mnt-by', 'source'];

/**
 * IRRd v4 in memory: `/v1/submit/` (POST create-or-modify, DELETE) that
 * answers 400 text/plain for a bad body and otherwise always 200 with a per-object report,
 * processing every object on its own (partial success); API key / password / override
 * authentication against the objects' mntners (and the parent inetnum on create);
 * references to unknown mntners refused; RPKI-aware mode once ROAs are set: an invalid
 * create or modify fails with IRRd's message, deletes pass, invalid objects are hidden
 * from queries. `/v1/whois/?q=` answers `!r…`, `!r…,M`, `!r…,o` and `!mroute,…` with
 * 200, or 204 when empty.
 */
export class FakeIrrd {
  readonly server = new FakeServer((req) => this.handle(req));
  private readonly routes = new Map<string, Attribute[]>();
  /** undefined: RPKI-aware mode off. */
  private roas?: FakeRoa[];

  constructor(private readonly options: IrrdFakeOptions) {}

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Turns on RPKI-aware mode with these ROAs (the switch tests flip). */
  setRoas(roas: FakeRoa[] | undefined): void {
    this.roas = roas;
  }

  seed(route: RouteSeed): void {
    const attributes = seedAttributes(route, this.options.source);
    this.routes.set(storeKey(attributes), attributes);
  }

  list(): RouteView[] {
    return [...this.routes.values()].map(viewOf);
  }

  private handle(req: FakeRequest): FakeResponse {
    if (req.path === '/v1/whois/' && req.method === 'GET') return this.whois(req.query.get('q'));
    if (req.path === '/v1/submit/' && (req.method === 'POST' || req.method === 'DELETE')) return this.submit(req.body, req.method === 'DELETE');
    return { status: 404, body: 'Not Found' };
  }

  private whois(query: string | null): FakeResponse {
    if (query === null) return text(400, 'Missing required query parameter "q"');
    const route = /^!r([^,]+)(?:,([oMlL]))?$/.exec(query);
    const exact = /^!mroute,(.+)$/.exec(query);
    let found: Attribute[][];
    if (route && prefixOf(route[1])) found = this.visible().filter((a) => (route[2] === 'M' ? strictlyWithin(first(a, 'route')!, route[1]) : first(a, 'route') === route[1]));
    else if (exact) found = this.visible().filter((a) => keyOf(a) === exact[1].toUpperCase().replace(/[\s-]/g, '')).slice(0, 1);
    else return text(400, `Invalid query: ${query}`);
    if (found.length === 0) return { status: 204 };
    if (route?.[2] === 'o') return text(200, [...new Set(found.map((a) => first(a, 'origin')))].join(' '));
    return text(200, found.map((a) => formatRpslText(this.withRpkiState(a))).join('\n'));
  }

  /** RPKI-aware mode hides invalid objects from queries. */
  private visible(): Attribute[][] {
    return [...this.routes.values()].filter((a) => this.stateOf(a) !== 'invalid');
  }

  private withRpkiState(attributes: Attribute[]): Attribute[] {
    return this.roas ? [...attributes, { name: 'rpki-ov-state', value: this.stateOf(attributes) }] : attributes;
  }

  private stateOf(attributes: Attribute[]): string {
    if (!this.roas) return 'not_found';
    return rpkiState(first(attributes, 'route')!, Number(first(attributes, 'origin')!.replace(/^AS/i, '')), this.roas);
  }

  private submit(body: string, isDelete: boolean): FakeResponse {
    let request: { objects?: unknown; api_keys?: unknown; passwords?: unknown; override?: unknown };
    try {
      request = JSON.parse(body);
    } catch (err) {
      return text(400, `Expecting value: ${(err as Error).message}`);
    }
    if (!Array.isArray(request.objects) || !request.objects.every((o) => typeof (o as { object_text?: unknown })?.object_text === 'string')) {
      return text(400, '1 validation error for RPSLChangeSubmission\nobjects\n  field required (type=value_error.missing)');
    }
    const auth = this.authenticated(request);
    const reports = (request.objects as Array<{ object_text: string }>).map((o) => this.process(o.object_text, isDelete, auth));
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ request_meta: {}, summary: summaryOf(reports), objects: reports }) };
  }

  /** The mntners the request authenticates, or 'override'. */
  private authenticated(request: { api_keys?: unknown; passwords?: unknown; override?: unknown }): Set<string> | 'override' {
    if (this.options.override && request.override === this.options.override) return 'override';
    const keys = Array.isArray(request.api_keys) ? request.api_keys : [];
    const passwords = Array.isArray(request.passwords) ? request.passwords : [];
    const names = Object.entries(this.options.maintainers).filter(([, m]) => (m.apiKeys ?? []).some((k) => keys.includes(k)) || (m.passwords ?? []).some((p) => passwords.includes(p)));
    return new Set(names.map(([name]) => name));
  }

  /** One object on its own: its failure does not touch the others. */
  private process(objectText: string, isDelete: boolean, auth: Set<string> | 'override'): ObjectReport {
    let attributes: Attribute[];
    try {
      attributes = parseRpslText(objectText)[0] ?? [];
    } catch (err) {
      return report(objectText, 'create', '', [(err as Error).message]);
    }
    const key = keyOf(attributes);
    const current = this.routes.get(storeKey(attributes));
    const type = isDelete ? 'delete' : current ? 'modify' : 'create';
    const errors = isDelete ? this.deleteErrors(attributes, current, auth) : this.writeErrors(attributes, current, auth);
    if (errors.length) return report(objectText, type, key, errors);
    if (isDelete) this.routes.delete(storeKey(attributes));
    else this.routes.set(storeKey(attributes), attributes);
    return report(objectText, type, key, [], isDelete ? null : formatRpslText(attributes));
  }

  private writeErrors(attributes: Attribute[], current: Attribute[] | undefined, auth: Set<string> | 'override'): string[] {
    const syntax = this.syntaxErrors(attributes);
    if (syntax.length) return syntax;
    const key = keyOf(attributes);
    const unknown = maintainersOf(attributes).filter((m) => !this.options.maintainers[m]);
    const errors = unknown.map((m) => `Object ${m} referenced in field mnt-by not found in database ${this.options.source} - must reference mntner.`);
    errors.push(...this.authErrors(key, maintainersOf(attributes), auth));
    if (current) errors.push(...this.authErrors(key, maintainersOf(current), auth));
    else errors.push(...this.parentErrors(attributes, key, auth));
    if (this.stateOf(attributes) === 'invalid') {
      errors.push(`RPKI ROAs were found that conflict with this object. (This IRRd refreshes ROAs every ${this.options.roaImportTimer ?? 3600} seconds.)`);
    }
    return [...new Set(errors)];
  }

  /** Deletes need the existing object's mntners; RPKI-invalid objects may be deleted. */
  private deleteErrors(attributes: Attribute[], current: Attribute[] | undefined, auth: Set<string> | 'override'): string[] {
    if (!current) return ['Can not delete object: no object found for this key in this database.'];
    return this.authErrors(keyOf(attributes), maintainersOf(current), auth);
  }

  private syntaxErrors(attributes: Attribute[]): string[] {
    if (attributes[0]?.name !== 'route') return [`This IRRd only takes route objects in this fake, not ${attributes[0]?.name ?? 'nothing'}`];
    const errors = MANDATORY.filter((n) => !first(attributes, n)).map((n) => `Mandatory attribute "${n}" on object route is missing`);
    errors.push(...attributes.filter((a) => !ROUTE_TEMPLATE.has(a.name)).map((a) => `Unrecognised attribute ${a.name} on object route`));
    if (first(attributes, 'route') && !prefixOf(first(attributes, 'route'))) errors.push(`Invalid address prefix: ${first(attributes, 'route')}`);
    const source = first(attributes, 'source');
    if (source && source.toUpperCase() !== this.options.source) errors.push(`Invalid source: ${source} is not authoritative in this IRRd`);
    return errors;
  }

  private authErrors(key: string, mntners: string[], auth: Set<string> | 'override', from = ''): string[] {
    if (auth === 'override' || mntners.some((m) => auth.has(m))) return [];
    return [`Authorisation for route ${key} failed: must be authenticated by one of: ${mntners.join(', ')}${from}`];
  }

  /** Exact inetnum, then the smallest less-specific one. */
  private parentErrors(attributes: Attribute[], key: string, auth: Set<string> | 'override'): string[] {
    const prefix = first(attributes, 'route')!;
    const parent = (this.options.inetnums ?? []).filter((i) => within(prefix, i.prefix)).sort((a, b) => prefixOf(b.prefix)!.length - prefixOf(a.prefix)!.length)[0];
    return parent ? this.authErrors(key, parent.mntBy, auth, ` - from parent inetnum ${parent.prefix}`) : [];
  }
}

/** Route objects are keyed by prefix, origin and source. */
function storeKey(attributes: Attribute[]): string {
  return `${keyOf(attributes)}|${(first(attributes, 'source') ?? '').toUpperCase()}`;
}

function report(submitted: string, type: ObjectReport['type'], key: string, errors: string[], newText: string | null = null): ObjectReport {
  return { successful: errors.length === 0, type, object_class: 'route', rpsl_pk: key, info_messages: [], error_messages: errors, new_object_text: errors.length ? null : newText, submitted_object_text: submitted };
}

function summaryOf(reports: ObjectReport[]): Record<string, number> {
  const count = (ok: boolean, type?: string) => reports.filter((r) => r.successful === ok && (!type || r.type === type)).length;
  return {
    objects_found: reports.length,
    successful: count(true),
    successful_create: count(true, 'create'),
    successful_modify: count(true, 'modify'),
    successful_delete: count(true, 'delete'),
    failed: count(false),
    failed_create: count(false, 'create'),
    failed_modify: count(false, 'modify'),
    failed_delete: count(false, 'delete'),
  };
}

function text(status: number, body: string): FakeResponse {
  return { status, headers: { 'Content-Type': 'text/plain' }, body };
}
