import { managedRemark, type RouteObject } from '../../../src/model/objects.js';
import type { RetryPolicy } from '../../../src/providers/http.js';
import { createProvider } from '../../../src/providers/index.js';
import type { Change, Provider } from '../../../src/providers/types.js';
import type { ProviderConfig } from '../../../src/repo/config.js';

/** Retries in milliseconds, so fault tests run fast with the production shape. */
export const TINY_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 3, budgetMs: 5_000, timeoutMs: 2_000 };

/** A provider as leasekit.yaml would configure it (through the factory table). */
export function provider(name: string, config: ProviderConfig, env: NodeJS.ProcessEnv): Provider {
  return createProvider(name, config, { env, root: '/nonexistent', retry: TINY_RETRY });
}

/** A desired route object carrying leasekit's marker for `lease`. */
export function route(provider: string, source: string, prefix: string, origin: number, mntBy: string[], lease = 'l1'): RouteObject {
  return { type: 'route', provider, source, prefix, origin, mntBy, remarks: [managedRemark(lease)] };
}

export const create = (object: RouteObject): Change => ({ op: 'create', object });
export const update = (object: RouteObject, before: RouteObject): Change => ({ op: 'update', object, before });
export const remove = (object: RouteObject): Change => ({ op: 'delete', object, before: object });

/** Every message of an error or of results, for checking that no secret leaks. */
export function messagesOf(value: unknown): string {
  if (value instanceof Error) return value.message;
  return JSON.stringify(value);
}
