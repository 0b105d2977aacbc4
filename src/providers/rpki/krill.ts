// Krill: ROAs through the strict route delta API, and the resources of child
// CAs (rpki-ca delegations) through the children API. Each call is atomic on its own. The ROA
// delta is one call, refused whole; child CAs are one call each, so a refused child fails its
// own changes (ok: false, Krill's words) while the other children go ahead.
import { MANAGED_MARKER, type ChildResources, type Roa } from '../../model/objects.js';
import type { ProviderConfig } from '../../repo/config.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../http.js';
import { secretFrom } from '../index.js';
import { describe } from '../local.js';
import { ProviderError, type Change, type ChangeResult, type Provider, type ReadScope } from '../types.js';
import { baseUrlOf, describeBatch, isIpv4Prefix, parseJsonBody, refused, requiredSetting, roaBatch, sendAuthenticated } from './common.js';
import { groupBy } from '../../util/group-by.js';
import { blockOf, formatBlocks, merge, parseBlocks, splitAt, subtract, toPrefixes, type Block } from '../../net/ipv4-blocks.js';

export const KRILL_DEFAULT_BASE_URL = 'https://localhost:3000';

/** A resource set as Krill writes it: comma-separated blocks per family. */
interface ResourceSet {
  asn: string;
  ipv4: string;
  ipv6: string;
}

export class KrillProvider implements Provider {
  readonly type = 'krill';
  readonly objectTypes = ['roa', 'child-resources'] as const;
  private readonly ca: string;
  private readonly caUrl: string;

  constructor(
    readonly name: string,
    private readonly config: ProviderConfig,
    private readonly env: NodeJS.ProcessEnv,
    private readonly http: HttpClient,
  ) {
    this.ca = requiredSetting(name, config, 'ca');
    this.caUrl = `${baseUrlOf(config, KRILL_DEFAULT_BASE_URL)}/api/v1/cas/${encodeURIComponent(this.ca)}`;
  }

  async read(scope: ReadScope = { prefixes: [] }): Promise<Array<Roa | ChildResources>> {
    return [...(await this.readRoutes()), ...(await this.readChildResources(scope))];
  }

  async apply(changes: readonly Change[]): Promise<ChangeResult[]> {
    const results = new Map<Change, ChangeResult>();
    const routes = changes.filter((c) => c.object.type === 'roa');
    const children = groupByChild(this.name, changes.filter((c) => c.object.type !== 'roa'));
    if (routes.length) for (const r of await this.applyRoutes(routes)) results.set(r.change, r);
    for (const [child, group] of children) for (const r of await this.applyChild(child, group)) results.set(r.change, r);
    return changes.map((c) => results.get(c)!);
  }

  // --- ROAs ----------------------------------------------------------------

  private async readRoutes(): Promise<Roa[]> {
    const what = `list ROAs of CA ${this.ca}`;
    const body = await this.getJson(`${this.caUrl}/routes`, what);
    if (!Array.isArray(body)) throw new ProviderError(this.name, `${what}: expected a JSON list`);
    const routes = body as Array<{ prefix?: unknown } | null>;
    return routes.filter((r): r is { prefix: string } => typeof r?.prefix === 'string' && isIpv4Prefix(r.prefix)).map((r) => this.roaFrom(r, what));
  }

  private roaFrom(r: { asn?: unknown; prefix: string; max_length?: unknown }, what: string): Roa {
    if (typeof r.asn !== 'number' || !Number.isInteger(r.asn)) throw new ProviderError(this.name, `${what}: unexpected route ${JSON.stringify(r)}`);
    // max_length is optional in the API and then equals the prefix length
    const maxLength = typeof r.max_length === 'number' ? r.max_length : Number(r.prefix.split('/')[1]);
    return { type: 'roa', provider: this.name, prefix: r.prefix, maxLength, asn: r.asn };
  }

  /** One delta call: Krill applies it whole or rejects it whole (strict on duplicates and unknowns), so a refusal throws like the other atomic registries. */
  private async applyRoutes(changes: readonly Change[]): Promise<ChangeResult[]> {
    const batch = roaBatch(this.name, changes);
    const what = describeBatch(`update CA ${this.ca} with`, batch);
    const delta = {
      added: batch.creates.map((r) => ({ asn: r.asn, prefix: r.prefix, max_length: r.maxLength, comment: MANAGED_MARKER })),
      removed: batch.deletes.map((r) => ({ asn: r.asn, prefix: r.prefix, max_length: r.maxLength })),
    };
    const res = await this.send({ method: 'POST', url: `${this.caUrl}/routes`, headers: this.headers(true), body: JSON.stringify(delta), what });
    if (res.status < 200 || res.status > 299) throw this.refusalOf(what, res);
    return changes.map((change) => ({ change, ok: true }));
  }

  // --- child CA resources ----------------------------------------------------

  /**
   * Krill merges adjacent blocks of a child's resources, so a block read back may join several
   * leases. It is cut at every scope prefix inside it, then written as the fewest prefixes.
   */
  private async readChildResources(scope: ReadScope): Promise<ChildResources[]> {
    const cuts = scope.prefixes.filter(isIpv4Prefix).map(blockOf);
    const found: ChildResources[] = [];
    for (const child of await this.childHandles()) {
      const resources = await this.childResources(child);
      for (const block of splitAt(this.blocksOf(resources.ipv4, child), cuts)) {
        for (const prefix of toPrefixes(block)) found.push({ type: 'child-resources', provider: this.name, child, prefix });
      }
    }
    return found;
  }

  private async childHandles(): Promise<string[]> {
    const body = (await this.getJson(this.caUrl, `show CA ${this.ca}`)) as { children?: unknown; suspended_children?: unknown };
    const handles = [...asList(body?.children), ...asList(body?.suspended_children)].map((c) => (typeof c === 'string' ? c : (c as { handle?: unknown })?.handle));
    return [...new Set(handles.filter((h): h is string => typeof h === 'string'))].sort();
  }

  private async childResources(child: string): Promise<ResourceSet> {
    const what = `show child CA ${child} of CA ${this.ca}`;
    const res = await this.getChild(child, what);
    if (res.status !== 200) throw this.refusalOf(what, res);
    return this.resourceSetFrom(res, what);
  }

  private getChild(child: string, what: string): Promise<HttpResponse> {
    return this.send({ method: 'GET', url: this.childUrl(child), headers: this.headers(false), idempotent: true, what });
  }

  private resourceSetFrom(res: HttpResponse, what: string): ResourceSet {
    const body = parseJsonBody(this.name, what, res.text) as { entitled_resources?: Partial<ResourceSet> };
    const r = body?.entitled_resources;
    if (!r || typeof r !== 'object') throw new ProviderError(this.name, `${what}: the answer has no entitled_resources`);
    return { asn: r.asn ?? '', ipv4: r.ipv4 ?? '', ipv6: r.ipv6 ?? '' };
  }

  /**
   * The children API replaces the whole resource set (it is not a delta), so read it, change
   * only the IPv4 blocks, and write back the ASNs and IPv6 as they were.
   */
  private async applyChild(child: string, changes: readonly Change[]): Promise<ChangeResult[]> {
    const what = `set resources of child CA ${child} of CA ${this.ca} (${changes.map((c) => `${c.op} ${describe(c.object)}`).join(', ')})`;
    const found = await this.getChild(child, what);
    // an unknown child (404 ca-child-unknown) fails this group only
    if (found.status !== 200) return failed(changes, `HTTP ${found.status}: ${refusalText(found)}`);
    const current = this.resourceSetFrom(found, what);
    const before = this.blocksOf(current.ipv4, child);
    // deletes first, then creates: a created prefix is held afterwards even if a block around it went
    const kept = changes.filter((c) => c.op === 'delete').reduce((blocks, c) => subtract(blocks, blockOf(c.object.prefix)), before);
    const after = merge([...kept, ...changes.filter((c) => c.op !== 'delete').map((c) => blockOf(c.object.prefix))]);
    if (formatBlocks(after) === formatBlocks(before)) return changes.map((change) => ({ change, ok: true }));
    const ipv4 = after.flatMap(toPrefixes).join(', ');
    const body = JSON.stringify({ id_cert: null, resources: { asn: current.asn, ipv4, ipv6: current.ipv6 } });
    // the full set is written, so repeating it is harmless: retried like a PUT
    const res = await this.send({ method: 'POST', url: this.childUrl(child), headers: this.headers(true), body, idempotent: true, what });
    return outcome(changes, res);
  }

  private blocksOf(ipv4: string, child: string): Block[] {
    try {
      return parseBlocks(ipv4);
    } catch (err) {
      throw new ProviderError(this.name, `child CA ${child}: cannot read its IPv4 resources '${ipv4}': ${(err as Error).message}`);
    }
  }

  // --- HTTP ------------------------------------------------------------------

  private childUrl(child: string): string {
    return `${this.caUrl}/children/${encodeURIComponent(child)}`;
  }

  private async getJson(url: string, what: string): Promise<unknown> {
    const res = await this.send({ method: 'GET', url, headers: this.headers(false), idempotent: true, what });
    if (res.status !== 200) throw this.refusalOf(what, res);
    return parseJsonBody(this.name, what, res.text);
  }

  private refusalOf(what: string, res: HttpResponse): ProviderError {
    return refused(this.name, what, res.status, refusalText(res));
  }

  private headers(withBody: boolean): Record<string, string> {
    const token = secretFrom(this.env, this.name, this.config.tokenEnv, 'tokenEnv');
    return { authorization: `Bearer ${token}`, accept: 'application/json', ...(withBody ? { 'content-type': 'application/json' } : {}) };
  }

  private send(req: HttpRequest): Promise<HttpResponse> {
    return sendAuthenticated(this.http, this.name, String(this.config.tokenEnv), req);
  }
}

function groupByChild(provider: string, changes: readonly Change[]): Map<string, Change[]> {
  for (const c of changes) {
    const o = c.object;
    if (o.type !== 'child-resources') throw new ProviderError(provider, `cannot carry ${o.type} objects (${describe(o)})`);
    if (c.op === 'update') throw new ProviderError(provider, `${describe(o)}: child resources are added or removed, never updated`);
  }
  return groupBy(changes, (c) => (c.object as ChildResources).child);
}

/** 2xx: every change of this child landed. Otherwise Krill refused the call whole: each fails with its words. */
function outcome(changes: readonly Change[], res: HttpResponse): ChangeResult[] {
  if (res.status >= 200 && res.status < 300) return changes.map((change) => ({ change, ok: true }));
  return failed(changes, `HTTP ${res.status}: ${refusalText(res)}`);
}

/** Krill's `{label, msg, args}`: its msg verbatim, with the label to search its docs for. */
function refusalText(res: HttpResponse): string {
  try {
    const body = JSON.parse(res.text) as { label?: unknown; msg?: unknown };
    if (typeof body?.msg === 'string') return typeof body.label === 'string' ? `${body.msg} [${body.label}]` : body.msg;
  } catch {
    // not Krill's JSON error: keep the raw text
  }
  return res.text.trim() || '(no message)';
}

function failed(changes: readonly Change[], message: string): ChangeResult[] {
  return changes.map((change) => ({ change, ok: false, message }));
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
