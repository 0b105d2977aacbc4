import { redactSecrets } from './settings.js';
import { AuthError, ProviderError, UncertainOutcome } from './types.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt. */
  budgetMs: number;
  timeoutMs: number;
  /** The largest answer read, in bytes; a larger one is cut off and reported. Default DEFAULT_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
}

/** 32 MiB: a few hundred thousand ROAs or route objects, far below what would exhaust memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, budgetMs: 120_000, timeoutMs: 30_000, maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES };

/**
 * Test and CI runs shrink the waits through LEASEKIT_RETRY_BASE_MS; the shape stays the same.
 * LEASEKIT_MAX_RESPONSE_BYTES sets the answer size cap.
 */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv): RetryPolicy {
  const base = Number(env.LEASEKIT_RETRY_BASE_MS);
  const timeout = Number(env.LEASEKIT_HTTP_TIMEOUT_MS);
  const cap = Number(env.LEASEKIT_MAX_RESPONSE_BYTES);
  return {
    ...DEFAULT_RETRY,
    ...(Number.isFinite(base) && base >= 0 && env.LEASEKIT_RETRY_BASE_MS ? { baseDelayMs: base, maxDelayMs: Math.max(base * 8, 1) } : {}),
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
    ...(Number.isInteger(cap) && cap > 0 ? { maxResponseBytes: cap } : {}),
  };
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** A repeat does no harm (GET, PUT of a whole object, DELETE): retried on any transient fault. */
  idempotent?: boolean;
  /** What the request does, for messages: `publish 3 ROA changes`. */
  what: string;
  /** Statuses this API uses for a query or rate limit besides 429 (RIPE DB: 403): retried like 429, not taken for refused credentials. */
  limitStatuses?: readonly number[];
  /** Statuses the adapter reads itself rather than raising AuthError (RIPE DB answers 401 with a per-object authorisation error). */
  answerStatuses?: readonly number[];
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

const TRANSIENT = new Set([429, 500, 502, 503, 504]);

/** A 3xx answer: where it points. */
interface Redirect {
  status: number;
  location: URL;
}

/**
 * HTTP for registry adapters, and the one place where what a registry says is made safe:
 * - timeouts, exponential backoff with full jitter, Retry-After, bounded attempts and time;
 *   a write whose outcome is unknown is not blindly repeated: it raises UncertainOutcome so
 *   the caller re-reads the registry first;
 * - every configured secret is redacted from answers and from every error raised, so no
 *   registry echo of a key reaches stderr, the journal or a comment;
 * - redirects are never followed to another origin, nor for a write (credentials and bodies
 *   go only to the configured baseUrl); a same-origin redirect of a read is followed;
 * - answers are read as a stream and cut off past `maxResponseBytes`.
 */
export class HttpClient {
  constructor(
    private readonly provider: string,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly secrets: () => readonly string[] = () => [],
  ) {}

  async send(req: HttpRequest): Promise<HttpResponse> {
    try {
      const res = await this.sendFollowing(req);
      return { ...res, text: this.redact(res.text) };
    } catch (err) {
      if (err instanceof Error) err.message = this.redact(err.message);
      throw err;
    }
  }

  private redact(text: string): string {
    return redactSecrets(text, this.secrets());
  }

  /** Same-origin redirects of reads are followed; any other redirect is a provider error naming its target. */
  private async sendFollowing(req: HttpRequest): Promise<HttpResponse> {
    let current = req;
    for (let hop = 0; ; hop++) {
      const res = await this.sendRetrying(current);
      if (!('location' in res)) return res;
      const from = new URL(current.url);
      if (res.location.origin !== from.origin) {
        throw new ProviderError(this.provider, `${req.what}: the registry redirected (HTTP ${res.status}) to another origin, ${res.location.origin}; leasekit sends credentials only to the configured baseUrl (${from.origin}) and did not follow. Check baseUrl`, res.status);
      }
      if (current.method !== 'GET') {
        throw new ProviderError(this.provider, `${req.what}: the registry redirected the ${current.method} (HTTP ${res.status}) to ${res.location.pathname}; a write is never re-sent to another address. Check baseUrl`, res.status);
      }
      if (hop >= MAX_REDIRECTS) throw new ProviderError(this.provider, `${req.what}: more than ${MAX_REDIRECTS} redirects`, res.status);
      current = { ...current, url: res.location.href };
    }
  }

  private async sendRetrying(req: HttpRequest): Promise<HttpResponse | Redirect> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.once(req);
      if ('location' in outcome) return outcome;
      const wait = this.delay(attempt, outcome instanceof Error ? undefined : outcome.headers.get('retry-after'));
      // the wait counts too: a retry that would start past the budget is not made
      const last = attempt >= this.policy.attempts || Date.now() - started + wait >= this.policy.budgetMs;
      const limited = !(outcome instanceof Error) && isLimit(req, outcome.status);
      if (outcome instanceof Error) {
        // the connection failed: a write may have landed before it did
        if (!req.idempotent && !(outcome as { refused?: boolean }).refused) throw new UncertainOutcome(this.provider, `${req.what}: ${outcome.message}; the registry may or may not have applied it`);
        if (last) throw new ProviderError(this.provider, `${req.what}: ${outcome.message} (gave up after ${attempt} attempts)`);
      } else if (req.answerStatuses?.includes(outcome.status)) {
        return outcome;
      } else if (!limited && (outcome.status === 401 || outcome.status === 403)) {
        throw new AuthError(this.provider, `${req.what}: the registry refused the credentials (HTTP ${outcome.status})${detail(outcome.text)}`, outcome.status);
      } else if (!limited && !TRANSIENT.has(outcome.status)) {
        return outcome;
      } else if (!req.idempotent && !limited) {
        throw new UncertainOutcome(this.provider, `${req.what}: HTTP ${outcome.status}${detail(outcome.text)}; the registry may or may not have applied it`, outcome.status);
      } else if (last) {
        throw new ProviderError(this.provider, `${req.what}: HTTP ${outcome.status}${detail(outcome.text)} (gave up after ${attempt} attempts)`, outcome.status);
      }
      await this.sleep(wait);
    }
  }

  private async once(req: HttpRequest): Promise<HttpResponse | Redirect | Error> {
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
    } catch (err) {
      return networkError(err, this.policy.timeoutMs);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location !== null) {
      await res.body?.cancel();
      return { status: res.status, location: new URL(location, req.url) };
    }
    try {
      return { status: res.status, headers: res.headers, text: await this.readBounded(res, req) };
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      return networkError(err, this.policy.timeoutMs);
    }
  }

  /** The body as text, read chunk by chunk and abandoned once it passes the cap. */
  private async readBounded(res: Response, req: HttpRequest): Promise<string> {
    const cap = this.policy.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const tooLarge = () => {
      const message = `${req.what}: the registry's answer is larger than ${cap} bytes (the cap LEASEKIT_MAX_RESPONSE_BYTES sets); it was not read`;
      // a write answered with too much may still have landed
      return req.method === 'GET' ? new ProviderError(this.provider, message, res.status) : new UncertainOutcome(this.provider, `${message}; the registry may or may not have applied it`, res.status);
    };
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > cap) {
      await res.body?.cancel();
      throw tooLarge();
    }
    if (!res.body) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Full jitter over an exponential ceiling; Retry-After wins when the server sets it. */
  private delay(attempt: number, retryAfter: string | null | undefined): number {
    const asked = parseRetryAfter(retryAfter);
    if (asked !== undefined) return Math.min(asked, this.policy.maxDelayMs * 4);
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.random() * ceiling;
  }
}

/** A query or rate limit: the request surely did not land, so even a write may be repeated after the wait. */
function isLimit(req: HttpRequest, status: number): boolean {
  return status === 429 || (req.limitStatuses?.includes(status) ?? false);
}

export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function networkError(err: unknown, timeoutMs: number): Error & { refused?: boolean } {
  const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new Error(`no answer within ${timeoutMs} ms`);
  const code = e.cause?.code;
  const result: Error & { refused?: boolean } = new Error(code ? `connection failed (${code})` : `connection failed (${e.cause?.message ?? e.message})`);
  // refused or unresolvable: nothing was sent, so even a write may be tried again
  result.refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  return result;
}

function detail(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `: ${trimmed.length > 500 ? `${trimmed.slice(0, 500)}…` : trimmed}` : '';
}
