// What the three RPKI adapters share: settings, the split of a batch into ROA creates and
// deletes, and turning a registry's refusal into a ProviderError that names the objects.
import type { Roa } from '../../model/objects.js';
import { parsePrefix } from '../../net/ipv4.js';
import { describe } from '../local.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../http.js';
import { AuthError, ProviderError, type Change } from '../types.js';

export interface RoaBatch {
  creates: Roa[];
  deletes: Roa[];
}

/** A ROA's identity is all of its fields, so a ROA batch holds only creates and deletes. */
export function roaBatch(provider: string, changes: readonly Change[]): RoaBatch {
  const batch: RoaBatch = { creates: [], deletes: [] };
  for (const change of changes) {
    const o = change.object;
    if (o.type !== 'roa') throw new ProviderError(provider, `cannot carry ${o.type} objects (${describe(o)})`);
    if (change.op === 'update') throw new ProviderError(provider, `${describe(o)}: a ROA is never updated, only deleted and created`);
    (change.op === 'create' ? batch.creates : batch.deletes).push(o);
  }
  return batch;
}

/** `ROA 192.0.2.0/24 max 24 AS64500, ROA …`, shortened for long batches. */
export function describeRoas(roas: readonly Roa[]): string {
  const shown = roas.slice(0, 5).map(describe).join(', ');
  return roas.length > 5 ? `${shown} and ${roas.length - 5} more` : shown;
}

/** What a batch does, for messages: `publish 2 ROA creates (ROA …) and 1 delete (ROA …)`. */
export function describeBatch(verb: string, batch: RoaBatch): string {
  const parts: string[] = [];
  if (batch.creates.length) parts.push(`${batch.creates.length} ROA create${batch.creates.length === 1 ? '' : 's'} (${describeRoas(batch.creates)})`);
  if (batch.deletes.length) parts.push(`${batch.deletes.length} ROA delete${batch.deletes.length === 1 ? '' : 's'} (${describeRoas(batch.deletes)})`);
  return `${verb} ${parts.join(' and ') || 'no ROA changes'}`;
}

/** The registry said no: its own words, verbatim, after what was asked. */
export function refused(provider: string, what: string, status: number, registryMessage: string): ProviderError {
  return new ProviderError(provider, `${what}: the registry refused it (HTTP ${status}): ${registryMessage}`, status);
}

/** The response body as JSON, or a ProviderError saying what came back instead. */
export function parseJsonBody(provider: string, what: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    throw new ProviderError(provider, `${what}: the registry answered with something that is not JSON: ${JSON.stringify(shown)}`);
  }
}

/** leasekit manages IPv4 only: other prefixes a registry lists are left alone. */
export function isIpv4Prefix(prefix: string): boolean {
  return parsePrefix(prefix).ok;
}

/** `AS64500`, `as64500` or `64500` → 64500; undefined when it is not an ASN. */
export function asnFrom(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const digits = /^(?:AS)?(\d{1,10})$/i.exec(text)?.[1];
  const asn = digits === undefined ? NaN : Number(digits);
  return Number.isInteger(asn) && asn <= 4294967295 ? asn : undefined;
}

export function roaKey(r: Pick<Roa, 'prefix' | 'maxLength' | 'asn'>): string {
  return `${r.prefix}|${r.maxLength}|${r.asn}`;
}

/**
 * Sends through the shared client; a refused credential names the variable that holds it
 * (never its value), so the user knows which key to fix. `explain` turns the registry's
 * error body (XML at ARIN) into its plain words.
 */
export async function sendAuthenticated(
  http: HttpClient,
  provider: string,
  variable: string,
  req: HttpRequest,
  explain: (body: string) => string | undefined = () => undefined,
): Promise<HttpResponse> {
  try {
    return await http.send(req);
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    const own = err.message.startsWith(`${provider}: `) ? err.message.slice(provider.length + 2) : err.message;
    const [, head, body] = /^(.*?\(HTTP \d+\))(?:: ([\s\S]*))?$/.exec(own) ?? [undefined, own, undefined];
    const words = body === undefined ? '' : `: ${explain(body) ?? body}`;
    throw new AuthError(provider, `${head}${words}; check the credential in environment variable ${variable}`, err.status);
  }
}
