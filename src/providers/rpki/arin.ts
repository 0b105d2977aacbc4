// ARIN hosted RPKI through Reg-RWS: GET /rest/roa/{ORG} lists roaSpecs,
// POST /rest/rpki/{ORG} runs one atomic rpkiTransaction; deletes go by roaHandle.
import type { Roa } from '../../model/objects.js';
import { formatPrefix, parsePrefix } from '../../net/ipv4.js';
import type { ProviderConfig } from '../../repo/config.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../http.js';
import { secretFrom } from '../index.js';
import { ProviderError, type Change, type ChangeResult, type Provider, type ReadScope } from '../types.js';
import { formatError, readError, readRoaSpecs, writeTransaction, type RoaSpec, type RoaSpecResource, type RpkiTransaction } from './arin-payloads.js';
import { baseUrlOf, describeBatch, refused, requiredSetting, roaBatch, roaKey, sendAuthenticated, type RoaBatch } from './common.js';

export const ARIN_DEFAULT_BASE_URL = 'https://reg.arin.net';

/** What a batch turns into: the transaction, and the deletes that found nothing to delete. */
interface TransactionPlan {
  tx: RpkiTransaction;
  absent: Set<Roa>;
}

export class ArinRpkiProvider implements Provider {
  readonly type = 'arin-rpki';
  readonly objectTypes = ['roa'] as const;
  private readonly baseUrl: string;
  private readonly org: string;

  constructor(
    readonly name: string,
    private readonly config: ProviderConfig,
    private readonly env: NodeJS.ProcessEnv,
    private readonly http: HttpClient,
  ) {
    this.baseUrl = baseUrlOf(config, ARIN_DEFAULT_BASE_URL);
    this.org = requiredSetting(name, config, 'org');
  }

  /** One ROA per IPv4 resource of each roaSpec; IPv6 resources are not leasekit's. */
  async read(_scope?: ReadScope): Promise<Roa[]> {
    return (await this.list()).flatMap((spec) => this.roasOf(spec));
  }

  /** One transaction: ARIN applies all of it or none of it. */
  async apply(changes: readonly Change[]): Promise<ChangeResult[]> {
    const asked = roaBatch(this.name, changes);
    if (changes.length === 0) return [];
    // handles change with every rewrite, so look them up right before using them
    const specs = await this.list();
    const replaced = this.replacedBy(asked, specs);
    const batch = { creates: asked.creates, deletes: [...asked.deletes, ...replaced] };
    const { tx, absent } = this.transaction(batch.creates, batch.deletes, specs);
    const what = describeBatch(`transaction for ${this.org} with`, batch);
    if (tx.adds.length || tx.deleteHandles.length) await this.post(tx, what);
    return changes.map((change) => resultOf(change, absent, replaced));
  }

  /**
   * ARIN no longer allows duplicate or overlapping ROAs; whether one origin and prefix with two
   * maxLengths counts as overlapping is not documented, so a create that changes a maxLength
   * takes the old ROA out in the same transaction (same origin: nothing breaks early).
   */
  private replacedBy(asked: RoaBatch, specs: readonly RoaSpec[]): Roa[] {
    const named = new Set([...asked.creates, ...asked.deletes].map((r) => roaKey(r)));
    const held = specs.flatMap((spec) => this.roasOf(spec)).filter((r) => !named.has(roaKey(r)));
    return held.filter((h) => asked.creates.some((c) => c.asn === h.asn && c.prefix === h.prefix));
  }

  private async list(): Promise<RoaSpec[]> {
    const what = `list ROAs of ${this.org}`;
    const res = await this.send({ method: 'GET', url: `${this.baseUrl}/rest/roa/${encodeURIComponent(this.org)}`, headers: this.headers(), idempotent: true, what });
    if (res.status !== 200) throw this.refusal(what, res);
    try {
      return readRoaSpecs(res.text);
    } catch (err) {
      throw new ProviderError(this.name, `${what}: unexpected answer from ARIN: ${(err as Error).message}`);
    }
  }

  private async post(tx: RpkiTransaction, what: string): Promise<void> {
    const res = await this.send({
      method: 'POST',
      url: `${this.baseUrl}/rest/rpki/${encodeURIComponent(this.org)}`,
      headers: { ...this.headers(), 'content-type': 'application/xml' },
      body: writeTransaction(tx),
      what,
    });
    if (res.status < 200 || res.status > 299) throw this.refusal(what, res);
  }

  /**
   * Creates become one single-prefix roaSpec each (RFC 9455). A delete removes the roaSpec
   * holding the ROA; if that roaSpec held other resources too, they are added back in the
   * same transaction, so nothing else changes.
   */
  private transaction(creates: readonly Roa[], deletes: readonly Roa[], specs: readonly RoaSpec[]): TransactionPlan {
    const tx: RpkiTransaction = { adds: creates.map((r) => this.specFor(r)), deleteHandles: [] };
    const absent = new Set<Roa>();
    const unwanted = new Set(deletes.map((r) => roaKey(r)));
    for (const roa of deletes) {
      const spec = specs.find((s) => s.roaHandle && this.roasOf(s).some((r) => roaKey(r) === roaKey(roa)));
      if (!spec) absent.add(roa);
      else if (!tx.deleteHandles.includes(spec.roaHandle!)) {
        tx.deleteHandles.push(spec.roaHandle!);
        const kept = spec.resources.filter((res) => {
          const roa = this.roaOf(spec, res);
          return !roa || !unwanted.has(roaKey(roa));
        });
        if (kept.length) tx.adds.push({ asNumber: spec.asNumber, name: spec.name, autoLink: false, resources: kept });
      }
    }
    return { tx, absent };
  }

  private specFor(roa: Roa): RoaSpec {
    const [address, length] = roa.prefix.split('/');
    return {
      asNumber: roa.asn,
      name: `leasekit-AS${roa.asn}-${roa.prefix.replace(/[./]/g, '-')}`,
      autoLink: false,
      resources: [{ startAddress: address, cidrLength: Number(length), maxLength: roa.maxLength }],
    };
  }

  private roasOf(spec: RoaSpec): Roa[] {
    return spec.resources.map((r) => this.roaOf(spec, r)).filter((r): r is Roa => r !== undefined);
  }

  private roaOf(spec: RoaSpec, r: RoaSpecResource): Roa | undefined {
    const parsed = parsePrefix(`${r.startAddress}/${r.cidrLength}`);
    if (!parsed.ok) return undefined; // IPv6 (or not canonical): not leasekit's
    return { type: 'roa', provider: this.name, prefix: formatPrefix(parsed.prefix.start, r.cidrLength), maxLength: r.maxLength, asn: spec.asNumber };
  }

  private refusal(what: string, res: HttpResponse): ProviderError {
    const error = readError(res.text);
    return refused(this.name, what, res.status, error ? formatError(error) : res.text.trim() || '(no message)');
  }

  private headers(): Record<string, string> {
    return { authorization: `ApiKey ${secretFrom(this.env, this.name, this.config.apiKeyEnv, 'apiKeyEnv')}`, accept: 'application/xml' };
  }

  private send(req: HttpRequest): Promise<HttpResponse> {
    return sendAuthenticated(this.http, this.name, String(this.config.apiKeyEnv), req, (body) => {
      const error = readError(body);
      return error && formatError(error);
    });
  }
}

function resultOf(change: Change, absent: ReadonlySet<Roa>, replaced: readonly Roa[]): ChangeResult {
  const o = change.object as Roa;
  if (absent.has(o)) return { change, ok: true, message: 'already absent at ARIN; nothing to delete' };
  const old = change.op === 'create' ? replaced.find((r) => r.asn === o.asn && r.prefix === o.prefix) : undefined;
  if (old) return { change, ok: true, message: `replaced ROA ${old.prefix} max ${old.maxLength} AS${old.asn} in the same transaction` };
  return { change, ok: true };
}
