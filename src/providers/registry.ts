// Every provider type leasekit knows, in one list (as dnscontrol's `providers/_all`): its
// capabilities (capabilities.ts) and how to build it. Each adapter is built the same way,
// from its settings and the HTTP client that redacts its secrets. Adding a provider means an
// adapter, a line here, an entry in capabilities.ts and docs/providers/<type>.md.
import type { ProviderConfig } from '../repo/config.js';
import { CAPABILITIES, type ProviderType } from '../model/provider-capabilities.js';
import { HttpClient, retryPolicyFromEnv, type RetryPolicy } from './http.js';
import { ArinIrrProvider } from './irr/arin-irr.js';
import { IrrdProvider } from './irr/irrd.js';
import { RipeDbProvider } from './irr/ripe-db.js';
import { LocalProvider } from './local.js';
import { ArinRpkiProvider } from './rpki/arin.js';
import { KrillProvider } from './rpki/krill.js';
import { RipeRpkiProvider } from './rpki/ripe.js';
import { ProviderSettings } from './settings.js';
import { ProviderError, type Provider } from './types.js';

export interface ProviderContext {
  env: NodeJS.ProcessEnv;
  /** The repository root, for providers that keep state inside it (local). */
  root: string;
  retry: RetryPolicy;
}

type Build = (settings: ProviderSettings, ctx: ProviderContext, http: HttpClient) => Provider;

const BUILDERS: Record<ProviderType, Build> = {
  local: (settings, ctx) => new LocalProvider(settings, ctx.root, ctx.env),
  'ripe-rpki': (settings, _ctx, http) => new RipeRpkiProvider(settings, http),
  'arin-rpki': (settings, _ctx, http) => new ArinRpkiProvider(settings, http),
  krill: (settings, _ctx, http) => new KrillProvider(settings, http),
  'ripe-db': (settings, _ctx, http) => new RipeDbProvider(settings, http),
  irrd: (settings, _ctx, http) => new IrrdProvider(settings, http),
  'arin-irr': (settings, _ctx, http) => new ArinIrrProvider(settings, http),
};

/** The provider types, in the order documentation lists them. */
export const PROVIDER_TYPES = Object.keys(CAPABILITIES) as ProviderType[];

export function providerContext(root: string, env: NodeJS.ProcessEnv): ProviderContext {
  return { env, root, retry: retryPolicyFromEnv(env) };
}

/** Builds the provider `leasekit.yaml` defines as `name`. */
export function createProvider(name: string, config: ProviderConfig, ctx: ProviderContext): Provider {
  const build = Object.hasOwn(BUILDERS, config.type) ? BUILDERS[config.type as ProviderType] : undefined;
  if (!build) throw new ProviderError(name, `provider type '${config.type}' is not supported (known: ${PROVIDER_TYPES.join(', ')})`);
  const settings = new ProviderSettings(name, config, ctx.env);
  return build(settings, ctx, new HttpClient(name, ctx.retry, undefined, () => settings.secrets()));
}

