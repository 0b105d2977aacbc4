import type { ProviderConfig } from '../repo/config.js';
import { retryPolicyFromEnv, type RetryPolicy } from './http.js';
import { IRR_FACTORIES } from './irr/index.js';
import { LocalProvider } from './local.js';
import { RPKI_FACTORIES } from './rpki/index.js';
import { ProviderError, type Provider } from './types.js';

export interface ProviderContext {
  env: NodeJS.ProcessEnv;
  /** The repository root, for providers that keep state inside it (local). */
  root: string;
  retry: RetryPolicy;
}

export type ProviderFactory = (name: string, config: ProviderConfig, ctx: ProviderContext) => Provider;

/** One adapter per registry type; `leasekit.yaml` names instances of them. */
const FACTORIES: Record<string, ProviderFactory> = {
  local: (name, config, ctx) => new LocalProvider(name, ctx.root, config.path as string | undefined, ctx.env),
  ...RPKI_FACTORIES,
  ...IRR_FACTORIES,
};

export function createProvider(name: string, config: ProviderConfig, ctx: ProviderContext): Provider {
  const factory = FACTORIES[config.type];
  if (!factory) throw new ProviderError(name, `provider type '${config.type}' is not supported`);
  return factory(name, config, ctx);
}

export function providerContext(root: string, env: NodeJS.ProcessEnv): ProviderContext {
  return { env, root, retry: retryPolicyFromEnv(env) };
}

/** The secret a provider needs, from the variable its config names; the error names the variable, never a value. */
export function secretFrom(env: NodeJS.ProcessEnv, provider: string, variable: unknown, setting: string): string {
  if (typeof variable !== 'string' || variable === '') {
    throw new ProviderError(provider, `set '${setting}' in leasekit.yaml to the name of the environment variable that holds the credential`);
  }
  const value = env[variable];
  if (!value) throw new ProviderError(provider, `environment variable ${variable} (named by ${setting}) is not set or empty`);
  return value;
}
