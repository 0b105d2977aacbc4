import { afterEach, beforeEach } from 'vitest';
import type { Roa } from '../../../src/model/objects.js';
import { ProviderSettings } from '../../../src/providers/settings.js';
import { HttpClient, type RetryPolicy } from '../../../src/providers/http.js';
import { ArinRpkiProvider } from '../../../src/providers/rpki/arin.js';
import { KrillProvider } from '../../../src/providers/rpki/krill.js';
import { RipeRpkiProvider } from '../../../src/providers/rpki/ripe.js';
import type { Change, Provider } from '../../../src/providers/types.js';
import { FakeArinRpki } from '../../fakes/arin-rpki.js';
import type { FakeServer } from '../../fakes/fake-server.js';
import { FakeKrill } from '../../fakes/krill.js';
import { FakeRipeRpki } from '../../fakes/ripe-rpki.js';

/** Retries with waits of a few milliseconds: the shape of the real policy, quickly. */
export const FAST: RetryPolicy = { attempts: 5, baseDelayMs: 1, maxDelayMs: 5, budgetMs: 10_000, timeoutMs: 2_000 };

export const SECRET = 'sk-live-5ecr3t-VALUE-never-print';
export const HELD = ['192.0.2.0/24', '198.51.100.0/24'];

export function roa(prefix: string, asn: number, maxLength = Number(prefix.split('/')[1]), provider = 'reg'): Roa {
  return { type: 'roa', provider, prefix, maxLength, asn };
}

export const create = (object: Change['object']): Change => ({ op: 'create', object });
export const remove = (object: Change['object']): Change => ({ op: 'delete', object });

/** An HttpClient whose waits are recorded (and shortened), to check backoff and Retry-After. */
export function recordingClient(name: string, policy: RetryPolicy = FAST): { http: HttpClient; waits: number[] } {
  const waits: number[] = [];
  const http = new HttpClient(name, policy, async (ms) => {
    waits.push(ms);
    await new Promise((r) => setTimeout(r, Math.min(ms, 5)));
  });
  return { http, waits };
}

/** One registry fake with its adapter, seen through the same small surface by the shared tests. */
export interface Harness {
  label: string;
  server: FakeServer;
  applied(): number;
  start(): Promise<void>;
  stop(): Promise<void>;
  provider(options?: { env?: NodeJS.ProcessEnv; http?: HttpClient }): Provider;
  seed(roas: Roa[]): void;
  /** The ROAs the registry holds, as `prefix max asn`, sorted. */
  state(): string[];
  /** This registry as a provider block in leasekit.yaml (flow mapping), its secret in RPKI_KEY. */
  config(): string;
}

export const ENV = { RPKI_KEY: SECRET };

export function roaKeys(roas: ReadonlyArray<{ prefix: string; maxLength?: number; max_length?: number; asn: number }>): string[] {
  return roas.map((r) => `${r.prefix} ${r.maxLength ?? r.max_length} ${r.asn}`).sort();
}

export function ripeHarness(): Harness & { fake: FakeRipeRpki } {
  const fake = new FakeRipeRpki({ apiKey: SECRET, resources: HELD });
  return {
    label: 'ripe-rpki',
    fake,
    server: fake.server,
    applied: () => fake.applied,
    start: async () => void (await fake.start()),
    stop: () => fake.stop(),
    provider: ({ env = ENV, http = new HttpClient('reg', FAST) } = {}) => new RipeRpkiProvider(new ProviderSettings('reg', { type: 'ripe-rpki', baseUrl: fake.baseUrl, apiKeyEnv: 'RPKI_KEY' }, env), http),
    seed: (roas) => fake.seed(roas.map((r) => ({ asn: r.asn, prefix: r.prefix, maxLength: r.maxLength }))),
    state: () => roaKeys(fake.list()),
    config: () => `{ type: ripe-rpki, baseUrl: '${fake.baseUrl}', apiKeyEnv: RPKI_KEY }`,
  };
}

export function arinHarness(): Harness & { fake: FakeArinRpki } {
  const fake = new FakeArinRpki({ apiKey: SECRET, org: 'EXAMPLE-1', resources: HELD });
  return {
    label: 'arin-rpki',
    fake,
    server: fake.server,
    applied: () => fake.applied,
    start: async () => void (await fake.start()),
    stop: () => fake.stop(),
    provider: ({ env = ENV, http = new HttpClient('reg', FAST) } = {}) =>
      new ArinRpkiProvider(new ProviderSettings('reg', { type: 'arin-rpki', baseUrl: fake.baseUrl, org: 'EXAMPLE-1', apiKeyEnv: 'RPKI_KEY' }, env), http),
    seed: (roas) => fake.seed(roas),
    state: () => roaKeys(fake.list()),
    config: () => `{ type: arin-rpki, baseUrl: '${fake.baseUrl}', org: EXAMPLE-1, apiKeyEnv: RPKI_KEY }`,
  };
}

export function krillHarness(): Harness & { fake: FakeKrill } {
  const fake = new FakeKrill({ token: SECRET, ca: 'lessor', resources: HELD });
  return {
    label: 'krill',
    fake,
    server: fake.server,
    applied: () => fake.applied,
    start: async () => void (await fake.start()),
    stop: () => fake.stop(),
    provider: ({ env = ENV, http = new HttpClient('reg', FAST) } = {}) => new KrillProvider(new ProviderSettings('reg', { type: 'krill', baseUrl: fake.baseUrl, ca: 'lessor', tokenEnv: 'RPKI_KEY' }, env), http),
    seed: (roas) => fake.seedRoutes(roas.map((r) => ({ asn: r.asn, prefix: r.prefix, max_length: r.maxLength }))),
    state: () => roaKeys(fake.listRoutes()),
    config: () => `{ type: krill, baseUrl: '${fake.baseUrl}', ca: lessor, tokenEnv: RPKI_KEY }`,
  };
}

export const HARNESSES = [ripeHarness, arinHarness, krillHarness];

/** A fresh harness started before each test of the enclosing describe (handed to `use`) and stopped after it. */
export function eachTest<H extends Harness>(make: () => H, use: (h: H) => void): void {
  let current: H;
  beforeEach(async () => {
    current = make();
    use(current);
    await current.start();
  });
  afterEach(() => current.stop());
}
