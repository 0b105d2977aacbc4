import { createHash } from 'node:crypto';
import { contains, parsePrefix, type Prefix } from '../../src/net/ipv4.js';
import { groupBy } from '../../src/util/group-by.js';
import { ServedFake, type FakeRequest, type FakeResponse } from './fake-server.js';

/** A ROA as the fake stores it. */
export interface RipeFakeRoa {
  asn: number;
  prefix: string;
  maxLength: number;
}

export interface RipeFakeOptions {
  apiKey: string;
  /** The CA's certified prefixes; adding a ROA outside them is refused. */
  resources?: string[];
}

const BASE_PATH = '/api/rpki';

/**
 * The RIPE NCC RPKI Management API as rpki-core implements it:
 * `ncc-api-authorization` (401, empty body, otherwise); GET /roas with an ETag; POST
 * /roas/publish applying `added`/`deleted` as a set diff (unknown deletes ignored, re-adds
 * no-ops, an item in both lists cancels out), all or nothing, 204. Errors are 400
 * `{"error": "..."}`: missing maximalLength, invalid JSON, two maxLengths for one
 * (asn, prefix), prefixes not held, `If-Match` vs `ifMatch` disagreeing, and a stale ETag
 * (rpki-core's publish endpoint turns EntityTagDoesNotMatchException into a 400).
 */
export class FakeRipeRpki extends ServedFake {
  protected override readonly basePath = BASE_PATH;
  /** Publish calls that changed or confirmed state (the 204s with something in them). */
  applied = 0;
  private roas = new Map<string, RipeFakeRoa>();
  private readonly resources: Prefix[];

  constructor(private readonly options: RipeFakeOptions) {
    super();
    this.resources = (options.resources ?? ['0.0.0.0/0']).map(mustParse);
  }


  seed(roas: readonly RipeFakeRoa[]): void {
    for (const r of roas) this.roas.set(key(r), { ...r });
  }

  /** The published ROAs, sorted by prefix then ASN. */
  list(): RipeFakeRoa[] {
    return [...this.roas.values()].sort((a, b) => a.prefix.localeCompare(b.prefix, 'en', { numeric: true }) || a.asn - b.asn || a.maxLength - b.maxLength);
  }

  /** The ETag of the current ROA set, quoted as the API sends it. */
  etag(): string {
    const digest = createHash('sha256').update(this.list().map(key).join('\n')).digest('hex').slice(0, 16);
    return `"${digest}"`;
  }

  protected handle(req: FakeRequest): FakeResponse {
    if (!req.path.startsWith(BASE_PATH)) return json(404, { error: `No endpoint ${req.path}` });
    if (req.headers['ncc-api-authorization'] !== this.options.apiKey) return { status: 401 };
    const route = `${req.method} ${req.path.slice(BASE_PATH.length)}`;
    if (route === 'GET /roas') return this.listRoas();
    if (route === 'POST /roas/publish') return this.publish(req);
    return json(404, { error: `No endpoint ${req.path}` });
  }

  private listRoas(): FakeResponse {
    const body = this.list().map((r) => ({ asn: `AS${r.asn}`, prefix: r.prefix, maximalLength: r.maxLength, _numberOfValidsCaused: 0, _numberOfInvalidsCaused: 0 }));
    return { status: 200, headers: { 'content-type': 'application/json', etag: this.etag() }, body: JSON.stringify(body) };
  }

  private publish(req: FakeRequest): FakeResponse {
    let body: { added?: unknown; deleted?: unknown; ifMatch?: unknown };
    try {
      body = JSON.parse(req.body);
    } catch {
      return error(`Bad request for '${req.path}' with error 'Invalid Json'`);
    }
    const added = asList(body?.added);
    const deleted = asList(body?.deleted);
    if (added.length === 0 && deleted.length === 0) return { status: 204 };
    const parsedAdded = parseRoas(added, 'Added');
    if (typeof parsedAdded === 'string') return error(parsedAdded);
    const parsedDeleted = parseRoas(deleted, 'Deleted');
    if (typeof parsedDeleted === 'string') return error(parsedDeleted);
    const notHeld = parsedAdded.find((r) => !this.resources.some((h) => contains(h, mustParse(r.prefix))));
    if (notHeld) return error(`You are not a holder of the prefix ${notHeld.prefix}`);
    const header = req.headers['if-match'] as string | undefined;
    const field = typeof body.ifMatch === 'string' ? body.ifMatch : undefined;
    if (header !== undefined && field !== undefined && header !== field) return error('`If-Match` header and `ifMatch` field do not match');
    const future = this.future(parsedAdded, parsedDeleted);
    const conflict = twoMaxLengths(future);
    if (conflict) return error(conflict);
    const ifMatch = header || field;
    if (ifMatch !== undefined && ifMatch !== this.etag()) return error(`specified entity tag ${ifMatch} does not match expected entity tag ${this.etag()}`);
    this.roas = future;
    this.applied++;
    return { status: 204 };
  }

  /** rpki-core's Roas.applyDiff: a ROA in both lists cancels out, then delete, then add. */
  private future(added: RipeFakeRoa[], deleted: RipeFakeRoa[]): Map<string, RipeFakeRoa> {
    const addedKeys = new Set(added.map(key));
    const deletedKeys = new Set(deleted.map(key));
    const future = new Map(this.roas);
    for (const k of deletedKeys) if (!addedKeys.has(k)) future.delete(k);
    for (const r of added) if (!deletedKeys.has(key(r))) future.set(key(r), r);
    return future;
  }
}

function parseRoas(items: unknown[], which: 'Added' | 'Deleted'): RipeFakeRoa[] | string {
  const roas: RipeFakeRoa[] = [];
  for (const item of items) {
    const o = (item ?? {}) as Record<string, unknown>;
    const problem = roaProblem(o);
    if (problem) return `${which} ROAs are incorrect: ${problem}`;
    roas.push({ asn: Number(String(o.asn).slice(2)), prefix: o.prefix as string, maxLength: Number(o.maximalLength) });
  }
  return roas;
}

function roaProblem(o: Record<string, unknown>): string | undefined {
  if (typeof o.asn !== 'string' || !/^AS\d{1,10}$/i.test(o.asn)) return `ASN '${String(o.asn)}' is not valid`;
  const parsed = typeof o.prefix === 'string' ? parsePrefix(o.prefix) : undefined;
  if (!parsed?.ok) return `Prefix '${String(o.prefix)}' is not valid`;
  const length = parsed.prefix.length;
  const raw = o.maximalLength;
  const max = typeof raw === 'number' || (typeof raw === 'string' && /^\d+$/.test(raw)) ? Number(raw) : NaN;
  if (!Number.isInteger(max) || max < length || max > 32) return `Max length must be specified and must be between ${length} and 32 for prefix '${o.prefix}'`;
  return undefined;
}

/** The future set may not hold one (asn, prefix) with two maxLengths. */
function twoMaxLengths(roas: Map<string, RipeFakeRoa>): string | undefined {
  const byPair = groupBy(roas.values(), (r) => `(AS${r.asn}, ${r.prefix})`);
  for (const [pair, group] of byPair) {
    const maxes = group.map((r) => r.maxLength);
    if (maxes.length > 1) return `Error in future ROAs: there are more than one pair ${pair}, max lengths: [${maxes.sort((a, b) => a - b).join(', ')}]`;
  }
  return undefined;
}

function key(r: RipeFakeRoa): string {
  return `AS${r.asn}|${r.prefix}|${r.maxLength}`;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function mustParse(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.prefix;
}

function json(status: number, body: unknown): FakeResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function error(message: string): FakeResponse {
  return json(400, { error: message });
}
