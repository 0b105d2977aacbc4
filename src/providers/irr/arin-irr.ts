import { MANAGED_MARKER, type RegistryObject, type RouteObject } from '../../model/objects.js';
import { HttpClient, type HttpRequest, type RetryPolicy } from '../http.js';
import { ProviderError, type Change, type ChangeResult, type Provider, type ReadScope } from '../types.js';
import { inScope, redact, routeLabel, routeOf, scrubbed, sourceRefusal } from './common.js';
import { regRwsErrorText, routeRefs, type RouteRef } from './arin-xml.js';
import { formatRpsl, parseRpsl, routeAttributes, routeFromAttributes } from './rpsl.js';

export const ARIN_DEFAULT_URL = 'https://reg.arin.net';
/** ARIN's IRR accepts no other source. */
const ARIN_SOURCE = 'ARIN';

export interface ArinIrrOptions {
  baseUrl: string;
  /** The org handle whose routes are listed (`MNT-<ORG>` maintains them). */
  org: string;
  apiKey: () => string;
}

/**
 * Route objects in ARIN's IRR through Reg-RWS: one object per call at
 * `/rest/irr/route/{IP}/{LEN}/{ORIGINAS}` in RPSL, the org's list for reading, errors in
 * Reg-RWS `<error>` XML.
 */
export class ArinIrrProvider implements Provider {
  readonly type = 'arin-irr';
  readonly objectTypes = ['route'] as const;
  private readonly http: HttpClient;
  private readonly base: string;

  constructor(
    readonly name: string,
    private readonly options: ArinIrrOptions,
    retry: RetryPolicy,
  ) {
    this.http = new HttpClient(name, retry);
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  read(scope: ReadScope): Promise<RegistryObject[]> {
    return scrubbed(() => this.secrets(), async () => {
      const wanted = (await this.listRoutes()).filter((ref) => inScope(ref.prefix, scope));
      const routes: RouteObject[] = [];
      for (const ref of wanted) {
        const route = await this.fetchRoute(ref);
        if (route) routes.push(route);
      }
      return routes;
    });
  }

  apply(changes: readonly Change[]): Promise<ChangeResult[]> {
    return scrubbed(() => this.secrets(), async () => {
      const results: ChangeResult[] = [];
      for (const change of changes) results.push(await this.write(change));
      return results;
    });
  }

  private async listRoutes(): Promise<RouteRef[]> {
    const what = `list the routes of org ${this.options.org}`;
    const res = await this.http.send({ method: 'GET', url: `${this.base}/rest/org/${encodeURIComponent(this.options.org)}/routes`, headers: this.headers('application/xml'), idempotent: true, what });
    if (res.status !== 200) throw new ProviderError(this.name, `${what}: HTTP ${res.status}: ${regRwsErrorText(res.text) ?? res.text.trim().slice(0, 300)}`, res.status);
    const refs = routeRefs(res.text);
    if ('unreadable' in refs) throw new ProviderError(this.name, `${what}: cannot read the entry ${refs.unreadable.slice(0, 200)}`);
    return refs;
  }

  private async fetchRoute(ref: RouteRef): Promise<RouteObject | undefined> {
    const what = `read ${routeLabel(ref)}`;
    const res = await this.http.send({ method: 'GET', url: this.routeUrl(ref), headers: this.headers('application/rpsl'), idempotent: true, what });
    if (res.status === 404) return undefined; // deleted since the list was made
    if (res.status !== 200) throw new ProviderError(this.name, `${what}: HTTP ${res.status}: ${regRwsErrorText(res.text) ?? res.text.trim().slice(0, 300)}`, res.status);
    const attributes = parseRpsl(res.text)[0];
    const route = attributes && routeFromAttributes(attributes, this.name);
    return route ? markerFromDescr(route) : undefined;
  }

  private async write(change: Change): Promise<ChangeResult> {
    const refused = sourceRefusal(change, ARIN_SOURCE);
    if (refused) return refused;
    const route = routeOf(change);
    const res = await this.http.send(this.request(change.op, route));
    if (res.status >= 200 && res.status < 300) return { change, ok: true };
    if (change.op === 'delete' && res.status === 404) return { change, ok: true, message: `${routeLabel(route)} was already absent` };
    const reason = regRwsErrorText(res.text) ?? `HTTP ${res.status} ${res.text.trim().slice(0, 300)}`;
    return { change, ok: false, message: redact(`${routeLabel(route)}: ${reason}`, this.secrets()) };
  }

  private request(op: Change['op'], route: RouteObject): HttpRequest {
    const what = `${op} ${routeLabel(route)}`;
    const url = this.routeUrl(route);
    const headers = this.headers('application/rpsl');
    if (op === 'delete') return { method: 'DELETE', url, headers, idempotent: true, what };
    const body = formatRpsl(arinAttributes(route));
    const withBody = { url, headers: { ...headers, 'Content-Type': 'application/rpsl' }, body, what };
    // PUT carries the whole object, so a repeat does no harm; a repeated POST would not
    return op === 'create' ? { ...withBody, method: 'POST' } : { ...withBody, method: 'PUT', idempotent: true };
  }

  private routeUrl(route: Pick<RouteObject, 'prefix' | 'origin'>): string {
    return `${this.base}/rest/irr/route/${route.prefix}/AS${route.origin}`;
  }

  private headers(accept: string): Record<string, string> {
    return { Accept: accept, Authorization: `ApiKey ${this.options.apiKey()}` };
  }

  private secrets(): string[] {
    try {
      return [this.options.apiKey()];
    } catch {
      return [];
    }
  }
}

/**
 * Whether ARIN keeps `remarks` on a route is not confirmed (its documented fields are
 * route, origin, descr, admin-c, tech-c, mnt-by, source), so the ownership marker is also
 * written as `descr` when the object has no description of its own.
 */
function arinAttributes(route: RouteObject): ReturnType<typeof routeAttributes> {
  const markers = (route.remarks ?? []).filter(isMarker);
  const descr = route.descr?.length ? route.descr : markers;
  return routeAttributes({ ...route, ...(descr.length ? { descr } : {}) }, ARIN_SOURCE);
}

/** The reverse of arinAttributes: a marker found in `descr` is read back as the remark it stands for. */
function markerFromDescr(route: RouteObject): RouteObject {
  const markers = (route.descr ?? []).filter(isMarker);
  if (markers.length === 0) return route;
  const remarks = [...(route.remarks ?? [])];
  for (const m of markers) if (!remarks.includes(m)) remarks.push(m);
  const descr = (route.descr ?? []).filter((d) => !isMarker(d));
  const { descr: _descr, ...rest } = route;
  return { ...rest, remarks, ...(descr.length ? { descr } : {}) };
}

function isMarker(text: string): boolean {
  return text.startsWith(MANAGED_MARKER);
}
