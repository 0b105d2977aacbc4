import { afterEach, describe, expect, it } from 'vitest';
import { clientFromEnv, createGithubClient } from '../../src/github/client.js';
import { BOT_TOKEN, GithubFake } from '../fakes/github.js';

let fake: GithubFake;
const repo = { owner: 'example', repo: 'leases' };

async function start(): Promise<GithubFake> {
  fake = new GithubFake();
  await fake.start();
  return fake;
}

afterEach(async () => fake?.stop());

describe('GitHub client: retry and throttling plugins against the fake', () => {
  it('retries 502s (retry plugin) and recovers, quickly with a 1 ms back-off unit', async () => {
    await start();
    const github = createGithubClient({ token: BOT_TOKEN, baseUrl: fake.url, throttle: false, retryBaseMs: 1 });
    fake.failNext(2, 502, { operationId: 'repos/get' });
    const started = Date.now();
    const { data } = await github.rest.repos.get(repo);
    expect(data.full_name).toBe('example/leases');
    expect(fake.server.requests.filter((r) => r.path === '/repos/example/leases')).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up after the configured retries with the last status', async () => {
    await start();
    const github = createGithubClient({ token: BOT_TOKEN, baseUrl: fake.url, throttle: false, retryBaseMs: 1, retries: 2 });
    fake.failNext(5, 503);
    await expect(github.rest.repos.get(repo)).rejects.toMatchObject({ status: 503 });
    expect(fake.server.requests).toHaveLength(3);
  });

  it('waits out a secondary rate limit (403 + Retry-After) through the throttling plugin', async () => {
    await start();
    const warnings: string[] = [];
    const github = createGithubClient({ token: BOT_TOKEN, baseUrl: fake.url, retryBaseMs: 1, warn: (l) => warnings.push(l) });
    fake.secondaryRateLimitNext(1, { retryAfter: 2, operationId: 'repos/get' });
    const { status } = await github.rest.repos.get(repo);
    expect(status).toBe(200);
    expect(warnings.some((w) => w.includes('secondary rate limit') && w.includes('retrying in 2 s'))).toBe(true);
  });

  it('waits out the primary rate limit (x-ratelimit-remaining: 0) through the throttling plugin', async () => {
    await start();
    const github = createGithubClient({ token: BOT_TOKEN, baseUrl: fake.url, retryBaseMs: 1 });
    fake.rateLimitNext(1, { operationId: 'repos/get' });
    expect((await github.rest.repos.get(repo)).status).toBe(200);
    expect(fake.server.requests).toHaveLength(2);
  });

  it('retries a 429 even with throttling off, and never retries a plain 403', async () => {
    await start();
    const github = createGithubClient({ token: BOT_TOKEN, baseUrl: fake.url, throttle: false, retryBaseMs: 1 });
    fake.failNext(1, 429, { operationId: 'repos/get' });
    expect((await github.rest.repos.get(repo)).status).toBe(200);
    fake.failNext(1, 403, { operationId: 'repos/get', message: 'Resource not accessible by integration' });
    await expect(github.rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
  });

  it('takes its settings from the environment and never puts the token in an error', async () => {
    await start();
    expect(() => clientFromEnv({}, () => undefined)).toThrow(/GITHUB_TOKEN is not set/);
    const github = clientFromEnv({ GITHUB_TOKEN: 'ghs_secret_value', GITHUB_API_URL: fake.url, LEASEKIT_GITHUB_THROTTLE: 'off', LEASEKIT_GITHUB_RETRY_BASE_MS: '1' }, () => undefined);
    const err = (await github.rest.repos.get(repo).catch((e) => e)) as Error;
    expect((err as unknown as { status: number }).status).toBe(401);
    expect(JSON.stringify(err)).not.toContain('ghs_secret_value');
    expect(String(err.message)).not.toContain('ghs_secret_value');
  });
});
