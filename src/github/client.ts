import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { UsageError } from '../errors.js';

const GithubOctokit = Octokit.plugin(retry, throttling);
export type Github = InstanceType<typeof GithubOctokit>;

export const DEFAULT_API_URL = 'https://api.github.com';

export interface ClientOptions {
  token: string;
  baseUrl?: string;
  /** Octokit's throttling (queues writes 1 s apart, notifications 3 s); off only where no limit applies, e.g. tests. */
  throttle?: boolean;
  /** Milliseconds per unit of back-off: retry waits (n+1)² units, a rate limit waits Retry-After units. */
  retryBaseMs?: number;
  retries?: number;
  /** Where warnings go (retries, failed requests); never given the token. */
  warn?: (line: string) => void;
}

/** An Octokit with the retry and throttling plugins: 5xx are retried, rate limits waited out. */
export function createGithubClient(options: ClientOptions): Github {
  const warn = options.warn ?? (() => undefined);
  const retries = options.retries ?? 3;
  const base = options.retryBaseMs ?? 1000;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    warn(`GitHub ${kind} on ${request.method} ${request.url}; ${retryCount < retries ? `retrying in ${retryAfter} s` : 'giving up'}`);
    return retryCount < retries;
  };
  return new GithubOctokit({
    auth: options.token,
    baseUrl: (options.baseUrl ?? DEFAULT_API_URL).replace(/\/+$/, ''),
    userAgent: 'leasekit',
    retry: { retries, retryAfterBaseValue: base },
    throttle: { enabled: options.throttle ?? true, retryAfterBaseValue: base, onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit') },
    log: { debug: () => undefined, info: () => undefined, warn, error: warn },
  });
}

/**
 * The client a workflow step gets: GITHUB_TOKEN, GITHUB_API_URL (GitHub Enterprise), and for
 * tests LEASEKIT_GITHUB_THROTTLE=off and LEASEKIT_GITHUB_RETRY_BASE_MS.
 */
export function clientFromEnv(env: NodeJS.ProcessEnv, warn: (line: string) => void): Github {
  const token = env.GITHUB_TOKEN;
  if (!token) throw new UsageError('GITHUB_TOKEN is not set: give the step `env: GITHUB_TOKEN: ${{ github.token }}`');
  const base = Number(env.LEASEKIT_GITHUB_RETRY_BASE_MS);
  return createGithubClient({
    token,
    baseUrl: env.GITHUB_API_URL || DEFAULT_API_URL,
    throttle: env.LEASEKIT_GITHUB_THROTTLE !== 'off',
    retryBaseMs: env.LEASEKIT_GITHUB_RETRY_BASE_MS && Number.isFinite(base) && base >= 0 ? base : undefined,
    warn,
  });
}
