import type { RegistryObject, RouteObject } from '../../model/objects.js';
import { HttpClient, type HttpRequest, type HttpResponse, type RetryPolicy } from '../http.js';
import { AuthError, ProviderError, type Change, type ChangeResult, type Provider, type ReadScope, type VerifyResult } from '../types.js';
import { DELETE_REASON, redact, routeLabel, routeOf, scrubbed, sourceRefusal, readEachPrefix } from './common.js';
import { errorText, hasError, isAuthorisationFailure, parseResources, routeDocument, routesIn } from './ripe-resources.js';
import { routeKey } from './rpsl.js';

export const RIPE_DB_DEFAULT_URL = 'https://rest.db.ripe.net';

export interface RipeDbOptions {
  baseUrl: string;
  /** Database source: RIPE, or TEST on the test database. */
  source: string;
  /** `KEYID:SECRET`, read only when a write needs it (reads are public). */
  apiKey: () => string;
}

/** RIPE's REST search flags (docs 13 Types of Queries): exact match, then all more-specifics (which exclude the exact one). */
const SEARCHES = ['exact', 'all-more'] as const;

/**
 * Route objects in the RIPE Database through its REST API: one object
 * per call, PUT replacing the whole object, HTTP Basic with a DB API key, `dry-run` for
 * verify. RIPE answers 403 and 429 for query limits and 401 for a failed maintainer
 * authorisation, which is reported on that object alone.
 */
export class RipeDbProvider implements Provider {
  readonly type = 'ripe-db';
  readonly objectTypes = ['route'] as const;
  private readonly http: HttpClient;
  private readonly base: string;

  constructor(
    readonly name: string,
    private readonly options: RipeDbOptions,
    retry: RetryPolicy,
  ) {
    this.http = new HttpClient(name, retry);
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  async read(scope: ReadScope): Promise<RegistryObject[]> {
    return readEachPrefix(scope, SEARCHES, (prefix, flag) => this.search(prefix, flag));
  }

  apply(changes: readonly Change[]): Promise<ChangeResult[]> {
    return scrubbed(() => this.secrets(), () => this.writeEach(changes, false));
  }

  verify(changes: readonly Change[]): Promise<VerifyResult[]> {
    return scrubbed(() => this.secrets(), () => this.writeEach(changes, true));
  }

  private async writeEach(changes: readonly Change[], dryRun: boolean): Promise<ChangeResult[]> {
    const results: ChangeResult[] = [];
    for (const change of changes) results.push(await this.write(change, dryRun));
    return results;
  }

  private async search(prefix: string, flag: (typeof SEARCHES)[number]): Promise<RouteObject[]> {
    const query = new URLSearchParams({ source: this.options.source, 'query-string': prefix, 'type-filter': 'route' });
    query.append('flags', flag);
    query.append('flags', 'no-referenced');
    const what = `search route objects ${flag === 'exact' ? 'at' : 'inside'} ${prefix}`;
    const res = await this.http.send({ method: 'GET', url: `${this.base}/search?${query}`, headers: { Accept: 'application/json' }, idempotent: true, limitStatuses: [403], what });
    if (res.status === 404) return []; // RIPE: no objects found
    const document = parseResources(res.text);
    // the search is streamed, so an error can also arrive inside a 200
    if (res.status !== 200 || !document || hasError(document)) {
      throw new ProviderError(this.name, `${what}: HTTP ${res.status}: ${errorText(document) ?? res.text.trim().slice(0, 300)}`, res.status);
    }
    const source = this.options.source.toUpperCase();
    return routesIn(document, this.name).filter((r) => r.source === source);
  }

  private async write(change: Change, dryRun: boolean): Promise<ChangeResult> {
    const refused = sourceRefusal(change, this.options.source);
    if (refused) return refused;
    const route = routeOf(change);
    const res = await this.http.send(this.request(change.op, route, dryRun));
    const result = await this.outcome(change, route, res, dryRun);
    return result.message ? { ...result, message: redact(result.message, this.secrets()) } : result;
  }

  private request(op: Change['op'], route: RouteObject, dryRun: boolean): HttpRequest {
    const source = this.options.source;
    const query = new URLSearchParams(op === 'delete' ? { reason: DELETE_REASON } : {});
    if (dryRun) query.set('dry-run', 'true');
    const suffix = query.size ? `?${query}` : '';
    const common = { headers: this.headers(), answerStatuses: [401], limitStatuses: [403], what: `${dryRun ? 'dry-run ' : ''}${op} ${routeLabel(route)}` };
    // a repeated POST could create twice, unless it is a dry run, which commits nothing
    if (op === 'create') return { ...common, method: 'POST', url: `${this.base}/${source}/route${suffix}`, body: routeDocument(route, source), idempotent: dryRun };
    const url = `${this.base}/${source}/route/${routeKey(route)}${suffix}`;
    // a PUT of the whole object and a DELETE do no harm when repeated
    if (op === 'update') return { ...common, method: 'PUT', url, body: routeDocument(route, source), idempotent: true };
    return { ...common, method: 'DELETE', url, idempotent: true };
  }

  private async outcome(change: Change, route: RouteObject, res: HttpResponse, dryRun: boolean): Promise<ChangeResult> {
    if (res.status >= 200 && res.status < 300) return { change, ok: true };
    if (change.op === 'delete' && res.status === 404) return { change, ok: true, message: `${routeLabel(route)} was already absent` };
    if (change.op === 'create' && res.status === 409 && !dryRun && (await this.holdsAlready(route))) {
      return { change, ok: true, message: `${routeLabel(route)} was already present as sent` };
    }
    const document = parseResources(res.text);
    if (res.status === 401 && !isAuthorisationFailure(document)) {
      throw new AuthError(this.name, `${change.op} ${routeLabel(route)}: the registry refused the credentials (HTTP 401)${errorText(document) ? `: ${errorText(document)}` : ''}`, 401);
    }
    return { change, ok: false, message: `${routeLabel(route)}: ${errorText(document) ?? `HTTP ${res.status} ${res.text.trim().slice(0, 300)}`}` };
  }

  /**
   * After a 409 on create: whether the object there is the one we sent (our earlier attempt
   * landed but the search had not shown it yet; RIPE takes up to 10 s to index updates).
   */
  private async holdsAlready(route: RouteObject): Promise<boolean> {
    const url = `${this.base}/${this.options.source}/route/${routeKey(route)}`;
    const res = await this.http.send({ method: 'GET', url, headers: { Accept: 'application/json' }, idempotent: true, limitStatuses: [403], what: `look up ${routeLabel(route)}` });
    const document = res.status === 200 ? parseResources(res.text) : undefined;
    const there = document ? routesIn(document, this.name)[0] : undefined;
    return there !== undefined && same(there.mntBy, route.mntBy) && same(there.remarks ?? [], route.remarks ?? []);
  }

  private headers(): Record<string, string> {
    return {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(this.options.apiKey()).toString('base64')}`,
    };
  }

  /** The key, its secret half and its Basic encoding: none may appear in a message. */
  private secrets(): string[] {
    let key: string;
    try {
      key = this.options.apiKey();
    } catch {
      return [];
    }
    return [key, key.slice(key.indexOf(':') + 1), Buffer.from(key).toString('base64')];
  }
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
