import { describe, expect, it } from 'vitest';
import { applyWithRecovery } from '../../../src/providers/recovery.js';
import { AuthError, ProviderError, UncertainOutcome, type ChangeResult, type Provider } from '../../../src/providers/types.js';
import { create, FAST, HARNESSES, HELD, recordingClient, remove, roa, SECRET, type Harness, eachTest } from './harness.js';

const SCOPE = { prefixes: HELD };
const A = roa('192.0.2.0/24', 200500);
const B = roa('198.51.100.0/25', 200501);

/** A registry refusal, whether the adapter throws it (atomic APIs) or reports it per change (Krill). */
async function refusalMessage(provider: Provider, batch: Parameters<Provider['apply']>[0]): Promise<string> {
  let results: ChangeResult[];
  try {
    results = await provider.apply(batch);
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).not.toBeInstanceOf(UncertainOutcome);
    return (err as Error).message;
  }
  expect(results.every((r) => !r.ok)).toBe(true);
  return results.map((r) => r.message).join('\n');
}

describe.each(HARNESSES.map((make) => [make().label, make] as const))('%s adapter against its fake', (_label, make) => {
  let h!: Harness;
  eachTest<Harness>(make, (started) => (h = started));

  it('round-trips: creates-only, then deletes-only batches, each read back', async () => {
    const p = h.provider();
    expect(await p.read(SCOPE)).toEqual([]);
    await p.apply([create(A), create(B)]);
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500', '198.51.100.0/25 25 200501']);
    expect((await p.read(SCOPE)).filter((o) => o.type === 'roa')).toEqual(expect.arrayContaining([A, B]));
    await p.apply([remove(A)]);
    expect(h.state()).toEqual(['198.51.100.0/25 25 200501']);
    expect(await p.apply([])).toEqual([]);
  });

  it('keeps maxLength and AS0 as given', async () => {
    const p = h.provider();
    await p.apply([create(roa('192.0.2.0/24', 0, 32)), create(roa('198.51.100.0/24', 200501, 25))]);
    expect(h.state()).toEqual(['192.0.2.0/24 32 0', '198.51.100.0/24 25 200501']);
  });

  it('503 twice on the write, then success: converges with exactly one write landing', async () => {
    h.server.failNext(2, 503, { method: 'POST' });
    const results = await applyWithRecovery(h.provider(), [create(A)], SCOPE);
    expect(results.map((r) => r.ok)).toEqual([true]);
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500']);
    expect(h.applied()).toBe(1);
  });

  it('a connection dropped after the registry applied the write converges without a duplicate', async () => {
    h.server.dropAfterApply(1, 'POST');
    const results = await applyWithRecovery(h.provider(), [create(A), create(B)], SCOPE);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(results[0].message).toMatch(/confirmed by re-reading/);
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500', '198.51.100.0/25 25 200501']);
    expect(h.applied()).toBe(1);
    expect(h.server.writes()).toHaveLength(1);
  });

  it('a connection dropped before the registry applied the write is sent again after a re-read', async () => {
    h.server.dropBeforeApply(1, 'POST');
    await applyWithRecovery(h.provider(), [create(A)], SCOPE);
    expect(h.state()).toEqual(['192.0.2.0/24 24 200500']);
    expect(h.applied()).toBe(1);
    expect(h.server.writes()).toHaveLength(2);
  });

  it('a write on its own surfaces the uncertain outcome (the caller re-reads)', async () => {
    h.server.failNext(1, 503, { method: 'POST' });
    await expect(h.provider().apply([create(A)])).rejects.toBeInstanceOf(UncertainOutcome);
  });

  it('a wrong key fails with AuthError naming the variable, and writes nothing', async () => {
    const wrong = 'wrong-key-0123456789';
    const p = h.provider({ env: { RPKI_KEY: wrong } });
    const err = await p.apply([create(A)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toMatch(/^reg: .*HTTP 401.*; check the credential in environment variable RPKI_KEY$/);
    expect((err as Error).message).not.toContain(wrong);
    expect(h.state()).toEqual([]);
    expect(h.applied()).toBe(0);
    await expect(p.read(SCOPE)).rejects.toBeInstanceOf(AuthError);
  });

  it('a missing variable is a clear error naming provider and variable, before any request', async () => {
    const p = h.provider({ env: {} });
    await expect(p.read(SCOPE)).rejects.toThrow(/^reg: environment variable RPKI_KEY \(named by (apiKeyEnv|tokenEnv)\) is not set/);
    expect(h.server.requests).toHaveLength(0);
  });

  it('429 with Retry-After: waits as asked, then the write lands once', async () => {
    const { http, waits } = recordingClient('reg', { ...FAST, maxDelayMs: 1000 });
    h.server.failNext(1, 429, { method: 'POST', headers: { 'retry-after': '2' } });
    await h.provider({ http }).apply([create(A)]);
    expect(waits).toEqual([2000]);
    expect(h.applied()).toBe(1);
  });

  it('reads retry transient faults with growing, jittered waits', async () => {
    const { http, waits } = recordingClient('reg', { ...FAST, baseDelayMs: 100, maxDelayMs: 10_000 });
    h.server.failNext(2, 503, { method: 'GET' });
    h.server.dropBeforeApply(1, 'GET');
    expect(await h.provider({ http }).read(SCOPE)).toEqual([]);
    expect(waits).toHaveLength(3);
    waits.forEach((w, i) => expect(w).toBeLessThanOrEqual(100 * 2 ** i));
  });

  it('does not wait past the time budget: a Retry-After beyond it ends the retries', async () => {
    const { http, waits } = recordingClient('reg', { ...FAST, maxDelayMs: 60_000, budgetMs: 1_000 });
    h.server.failNext(1, 429, { method: 'GET', headers: { 'retry-after': '30' } });
    await expect(h.provider({ http }).read(SCOPE)).rejects.toThrow(/HTTP 429.*gave up after 1 attempts/);
    expect(waits).toEqual([]);
  });

  it('gives up after the bounded number of attempts, saying so', async () => {
    h.server.failNext(10, 502, { method: 'GET' });
    await expect(h.provider().read(SCOPE)).rejects.toThrow(/HTTP 502.*gave up after 5 attempts/);
    expect(h.server.requests).toHaveLength(5);
  });

  it('a 400 is not retried, and the registry words reach the user with provider and object named', async () => {
    const message = await refusalMessage(h.provider(), [create(roa('203.0.113.0/24', 200500))]);
    expect(message).toContain('203.0.113.0/24');
    expect(message).toMatch(/holder|covered|not on any of your certificates/);
    expect(h.server.writes()).toHaveLength(1);
    expect(h.state()).toEqual([]);
  });

  it('the secret never appears in an error message', async () => {
    const messages: string[] = [];
    const collect = async (run: () => Promise<unknown>) => {
      try {
        const out = await run();
        for (const r of Array.isArray(out) ? (out as ChangeResult[]) : []) if (r.message) messages.push(r.message);
      } catch (err) {
        messages.push((err as Error).message, String((err as Error).stack));
      }
    };
    const p = h.provider();
    await collect(() => p.apply([create(roa('203.0.113.0/24', 200500))]));
    h.server.failNext(10, 503);
    await collect(() => p.read(SCOPE));
    await collect(() => p.apply([create(A)]));
    await h.stop();
    await collect(() => p.read(SCOPE));
    await collect(() => h.provider({ env: { RPKI_KEY: `${SECRET}-but-wrong` } }).read(SCOPE));
    expect(messages.length).toBeGreaterThanOrEqual(5);
    for (const m of messages) expect(m).not.toContain(SECRET);
  });
});
