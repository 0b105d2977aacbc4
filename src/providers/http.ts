import { AuthError, ProviderError, UncertainOutcome } from './types.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt. */
  budgetMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, budgetMs: 120_000, timeoutMs: 30_000 };

/** Test and CI runs shrink the waits through LEASEKIT_RETRY_BASE_MS; the shape stays the same. */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv): RetryPolicy {
  const base = Number(env.LEASEKIT_RETRY_BASE_MS);
  const timeout = Number(env.LEASEKIT_HTTP_TIMEOUT_MS);
  return {
    ...DEFAULT_RETRY,
    ...(Number.isFinite(base) && base >= 0 && env.LEASEKIT_RETRY_BASE_MS ? { baseDelayMs: base, maxDelayMs: Math.max(base * 8, 1) } : {}),
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
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

/**
 * HTTP for registry adapters: timeouts, exponential backoff with full jitter, Retry-After,
 * bounded attempts and time. A write whose outcome is unknown is not blindly repeated:
 * it raises UncertainOutcome so the caller re-reads the registry first.
 */
export class HttpClient {
  constructor(
    private readonly provider: string,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async send(req: HttpRequest): Promise<HttpResponse> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.once(req);
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

  private async once(req: HttpRequest): Promise<HttpResponse | Error> {
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      return { status: res.status, headers: res.headers, text: await res.text() };
    } catch (err) {
      return networkError(err, this.policy.timeoutMs);
    }
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
