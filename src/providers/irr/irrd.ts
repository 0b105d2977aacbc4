import type { RegistryObject, RouteObject } from '../../model/objects.js';
import { HttpClient, type RetryPolicy } from '../http.js';
import { ProviderError, type Change, type ChangeResult, type Provider, type ReadScope } from '../types.js';
import { DELETE_REASON, redact, routeLabel, routeOf, scrubbed, sourceRefusal, readEachPrefix } from './common.js';
import { formatRpsl, parseRpsl, routeAttributes, routeFromAttributes, routeKey } from './rpsl.js';

/** What IRRd's submit API accepts as authentication; each is tried on every object. */
export interface IrrdCredentials {
  api_keys?: string[];
  passwords?: string[];
  override?: string;
}

export interface IrrdOptions {
  baseUrl: string;
  /** The IRR source written and read; without it each route's own source is used and every source is read. */
  source?: string;
  credentials: () => IrrdCredentials;
}

/** One object's result in IRRd's submit report. */
interface SubmitObjectReport {
  successful?: boolean;
  rpsl_pk?: string;
  error_messages?: string[];
}

/** `!r<prefix>` gives exact matches, `,M` all more-specifics without the exact one. */
const ROUTE_QUERIES = ['', ',M'] as const;

/**
 * Route objects in an IRRd v4 instance. Writes go to `/v1/submit/`,
 * which answers 200 even when some objects fail, so every object's result is read
 * (partial success). Reads use the HTTP whois endpoint. IRRd documents no dry-run
 * mode, so this provider offers no verify.
 */
export class IrrdProvider implements Provider {
  readonly type = 'irrd';
  readonly objectTypes = ['route'] as const;
  private readonly http: HttpClient;
  private readonly base: string;

  constructor(
    readonly name: string,
    private readonly options: IrrdOptions,
    retry: RetryPolicy,
  ) {
    this.http = new HttpClient(name, retry);
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  async read(scope: ReadScope): Promise<RegistryObject[]> {
    const found = await readEachPrefix(scope, ROUTE_QUERIES, (prefix, option) => this.whois(`!r${prefix}${option}`));
    const source = this.options.source?.toUpperCase();
    return source ? found.filter((r) => r.source === source) : found;
  }

  apply(changes: readonly Change[]): Promise<ChangeResult[]> {
    return scrubbed(() => this.secrets(), () => this.submitAll(changes));
  }

  private async submitAll(changes: readonly Change[]): Promise<ChangeResult[]> {
    const results = new Map<Change, ChangeResult>();
    const sendable = changes.filter((change) => {
      const refused = this.options.source ? sourceRefusal(change, this.options.source) : undefined;
      if (refused) results.set(change, refused);
      return !refused;
    });
    const writes = sendable.filter((c) => c.op !== 'delete');
    const deletes = sendable.filter((c) => c.op === 'delete');
    for (const r of [...(await this.submit(writes, false)), ...(await this.submit(deletes, true))]) results.set(r.change, r);
    return changes.map((c) => results.get(c)!);
  }

  private async whois(query: string): Promise<RouteObject[]> {
    const url = `${this.base}/v1/whois/?q=${encodeURIComponent(query)}`;
    const res = await this.http.send({ method: 'GET', url, idempotent: true, what: `whois query ${query}` });
    if (res.status === 204) return [];
    if (res.status !== 200) throw new ProviderError(this.name, `whois query ${query}: HTTP ${res.status}: ${res.text.trim().slice(0, 300)}`, res.status);
    return parseRpsl(withoutFraming(res.text)).flatMap((attributes) => {
      const route = routeFromAttributes(attributes, this.name);
      return route ? [route] : [];
    });
  }

  /**
   * One submission for a batch. POST creates or modifies by key with the whole object,
   * so repeating it is harmless (idempotent); a repeated DELETE would fail on the
   * objects already gone, so an uncertain delete goes through a re-read instead.
   */
  private async submit(changes: readonly Change[], isDelete: boolean): Promise<ChangeResult[]> {
    if (changes.length === 0) return [];
    const body = {
      objects: changes.map((c) => ({ object_text: this.objectText(routeOf(c)) })),
      ...this.options.credentials(),
      ...(isDelete ? { delete_reason: DELETE_REASON } : {}),
    };
    const what = `${isDelete ? 'delete' : 'submit'} ${changes.length} route object${changes.length === 1 ? '' : 's'}`;
    const res = await this.http.send({
      method: isDelete ? 'DELETE' : 'POST',
      url: `${this.base}/v1/submit/`,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      idempotent: !isDelete,
      what,
    });
    if (res.status !== 200) throw new ProviderError(this.name, `${what}: HTTP ${res.status}: ${res.text.trim().slice(0, 500)}`, res.status);
    return this.perObject(changes, reportObjects(this.name, what, res.text));
  }

  /** IRRd reports objects in request order; the key is checked too, in case it did not. */
  private perObject(changes: readonly Change[], reports: SubmitObjectReport[]): ChangeResult[] {
    return changes.map((change, i) => {
      const key = routeKey(routeOf(change));
      const report = reports[i]?.rpsl_pk === key ? reports[i] : reports.find((r) => r.rpsl_pk === key);
      if (!report) return { change, ok: false, message: `${routeLabel(routeOf(change))}: IRRd's report does not mention this object` };
      if (report.successful) return { change, ok: true };
      const message = (report.error_messages ?? []).join('\n') || 'refused without a message';
      return { change, ok: false, message: redact(`${routeLabel(routeOf(change))}: ${message}`, this.secrets()) };
    });
  }

  private objectText(route: RouteObject): string {
    return formatRpsl(routeAttributes(route, this.options.source ?? route.source));
  }

  private secrets(): string[] {
    try {
      const c = this.options.credentials();
      return [...(c.api_keys ?? []), ...(c.passwords ?? []), ...(c.override ? [c.override] : [])];
    } catch {
      return [];
    }
  }
}

function reportObjects(provider: string, what: string, text: string): SubmitObjectReport[] {
  try {
    const report = JSON.parse(text) as { objects?: SubmitObjectReport[] };
    if (Array.isArray(report.objects)) return report.objects;
  } catch {
    // fall through: not the documented report
  }
  throw new ProviderError(provider, `${what}: IRRd answered 200 without a submission report: ${text.trim().slice(0, 300)}`);
}

/** Raw TCP answers come framed as `A<len>` … `C`; the HTTP endpoint should not frame, but tolerate it. */
function withoutFraming(text: string): string {
  return text.replace(/^A\d+\n/, '').replace(/\nC\n?$/, '\n');
}
