// RIPE NCC hosted RPKI through the RPKI Management API: GET /roas with an
// ETag, POST /roas/publish with a set diff guarded by If-Match.
import type { Roa } from '../../model/objects.js';
import type { ProviderConfig } from '../../repo/config.js';
import type { HttpClient } from '../http.js';
import { secretFrom } from '../index.js';
import { ProviderError, type Change, type ChangeResult, type Provider, type ReadScope } from '../types.js';
import {
  asnFrom,
  baseUrlOf,
  describeBatch,
  isIpv4Prefix,
  parseJsonBody,
  refused,
  roaBatch,
  roaKey,
  sendAuthenticated,
  type RoaBatch,
} from './common.js';

export const RIPE_DEFAULT_BASE_URL = 'https://my.ripe.net/api/rpki';

/** One ROA as the API spells it: `"AS64500"`, and `maximalLength` (a number, or a numeric string). */
interface RipeRoa {
  asn: string;
  prefix: string;
  maximalLength: number;
}

/** The registry as this adapter last saw it; `stale` once our own publish moved it past that ETag. */
interface Seen {
  etag: string | undefined;
  roas: Set<string>;
  stale: boolean;
}

export class RipeRpkiProvider implements Provider {
  readonly type = 'ripe-rpki';
  readonly objectTypes = ['roa'] as const;
  private readonly baseUrl: string;
  private seen?: Seen;

  constructor(
    readonly name: string,
    private readonly config: ProviderConfig,
    private readonly env: NodeJS.ProcessEnv,
    private readonly http: HttpClient,
  ) {
    this.baseUrl = baseUrlOf(config, RIPE_DEFAULT_BASE_URL);
  }

  /** The whole account's ROAs (the API lists per CA); IPv6 ones are not leasekit's and are left out. */
  async read(_scope?: ReadScope): Promise<Roa[]> {
    const listed = await this.list();
    return listed.filter((r) => isIpv4Prefix(r.prefix)).map((r) => this.toRoa(r));
  }

  /** One publish call: atomic at RIPE, so it lands whole or not at all. */
  async apply(changes: readonly Change[]): Promise<ChangeResult[]> {
    const asked = roaBatch(this.name, changes);
    if (changes.length === 0) return [];
    const etag = await this.etagToSend();
    const replaced = this.replacedBy(asked);
    const batch = { creates: asked.creates, deletes: [...asked.deletes, ...replaced] };
    const what = describeBatch('publish', batch);
    const res = await this.send({
      method: 'POST',
      url: `${this.baseUrl}/roas/publish`,
      headers: { ...this.headers(), 'content-type': 'application/json', ...(etag ? { 'if-match': etag } : {}) },
      body: JSON.stringify({ added: batch.creates.map(toRipe), deleted: batch.deletes.map(toRipe) }),
      what,
    });
    if (res.status === 204 || res.status === 200) {
      this.remember(batch);
      return changes.map((change) => resultOf(change, replaced));
    }
    const message = errorText(res.text);
    if (isStaleEtag(res.status, message)) {
      throw new ProviderError(this.name, `${what}: the registry changed since it was read (someone else edited its ROAs); run plan again. The registry said: ${message}`, res.status);
    }
    throw refused(this.name, what, res.status, message);
  }

  private async list(): Promise<RipeRoa[]> {
    const what = 'list ROAs';
    const res = await this.send({ method: 'GET', url: `${this.baseUrl}/roas`, headers: this.headers(), idempotent: true, what });
    if (res.status !== 200) throw refused(this.name, what, res.status, errorText(res.text));
    const body = parseJsonBody(this.name, what, res.text);
    if (!Array.isArray(body)) throw new ProviderError(this.name, `${what}: expected a JSON list of ROAs`);
    const roas = body.map((item) => this.parseListed(item, what));
    this.seen = { etag: res.headers.get('etag') ?? undefined, roas: new Set(roas.map(keyOf)), stale: false };
    return roas;
  }

  /**
   * The ETag from the last read. After our own publish that tag is outdated, so read again and
   * check that the registry holds exactly what we left there: anything else is someone else's edit.
   */
  private async etagToSend(): Promise<string | undefined> {
    if (this.seen && !this.seen.stale) return this.seen.etag;
    const expected = this.seen?.roas;
    await this.list();
    if (expected && !sameSet(expected, this.seen!.roas)) {
      throw new ProviderError(this.name, 'the registry changed since it was read (someone else edited its ROAs between two publish calls); run plan again');
    }
    return this.seen!.etag;
  }

  /**
   * RIPE refuses a second maxLength for one (asn, prefix), so a create that changes a ROA's
   * maxLength takes the old ROA out in the same call. Same origin, so nothing that was valid
   * for it breaks early; the plan's later delete of the old ROA is then a no-op (RIPE ignores
   * deletes of ROAs it does not hold).
   */
  private replacedBy(asked: RoaBatch): Roa[] {
    const named = new Set([...asked.creates, ...asked.deletes].map((r) => roaKey(r)));
    const held = [...(this.seen?.roas ?? [])].filter((key) => !named.has(key)).map((key) => this.fromKey(key));
    return held.filter((h) => asked.creates.some((c) => sameOrigin(h, c)));
  }

  private fromKey(key: string): Roa {
    const [prefix, maxLength, asn] = key.split('|');
    return { type: 'roa', provider: this.name, prefix, maxLength: Number(maxLength), asn: Number(asn) };
  }

  /** What the registry holds after our publish succeeded (the API applies added/deleted as a set diff). */
  private remember(batch: RoaBatch): void {
    if (!this.seen) return;
    const roas = new Set(this.seen.roas);
    const added = new Set(batch.creates.map((r) => roaKey(r)));
    for (const r of batch.deletes) if (!added.has(roaKey(r))) roas.delete(roaKey(r));
    for (const key of added) roas.add(key);
    this.seen = { etag: this.seen.etag, roas, stale: true };
  }

  private parseListed(item: unknown, what: string): RipeRoa {
    const o = (item ?? {}) as Record<string, unknown>;
    const prefix = typeof o.prefix === 'string' ? o.prefix : undefined;
    const asn = asnFrom(o.asn);
    if (!prefix || asn === undefined) throw new ProviderError(this.name, `${what}: unexpected ROA entry ${JSON.stringify(item)}`);
    // older ROAs may carry no maximalLength: it then equals the prefix length
    const max = o.maximalLength === undefined || o.maximalLength === null ? Number(prefix.split('/')[1]) : Number(o.maximalLength);
    if (!Number.isInteger(max)) throw new ProviderError(this.name, `${what}: unexpected maximalLength in ${JSON.stringify(item)}`);
    return { asn: `AS${asn}`, prefix, maximalLength: max };
  }

  private toRoa(r: RipeRoa): Roa {
    return { type: 'roa', provider: this.name, prefix: r.prefix, maxLength: r.maximalLength, asn: asnFrom(r.asn)! };
  }

  private headers(): Record<string, string> {
    return { 'ncc-api-authorization': secretFrom(this.env, this.name, this.config.apiKeyEnv, 'apiKeyEnv'), accept: 'application/json' };
  }

  private send(req: Parameters<HttpClient['send']>[0]) {
    return sendAuthenticated(this.http, this.name, String(this.config.apiKeyEnv), req);
  }
}

function toRipe(r: Roa): RipeRoa {
  return { asn: `AS${r.asn}`, prefix: r.prefix, maximalLength: r.maxLength };
}

function keyOf(r: RipeRoa): string {
  return roaKey({ prefix: r.prefix, maxLength: r.maximalLength, asn: asnFrom(r.asn)! });
}

/** `{"error": "..."}` is the API's error shape; anything else is passed on as sent. */
function errorText(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body?.error === 'string') return body.error;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim() || '(no message)';
}

/**
 * rpki-core answers a stale If-Match with 400 "specified entity tag … does not match expected
 * entity tag …" from the publish endpoint (its generic handler would say 412): accept both.
 */
function isStaleEtag(status: number, message: string): boolean {
  return status === 412 || (status === 400 && /entity tag/i.test(message));
}

/** A create that pushed out an older maxLength of the same origin says so. */
function resultOf(change: Change, replaced: readonly Roa[]): ChangeResult {
  const old = change.op === 'create' ? replaced.find((r) => sameOrigin(r, change.object as Roa)) : undefined;
  if (!old) return { change, ok: true };
  return { change, ok: true, message: `replaced ROA ${old.prefix} max ${old.maxLength} AS${old.asn} in the same call: RIPE holds one maxLength per origin and prefix` };
}

function sameOrigin(a: Roa, b: Roa): boolean {
  return a.asn === b.asn && a.prefix === b.prefix;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((k) => b.has(k));
}
