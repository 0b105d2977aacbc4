import type { ProviderConfig } from '../../repo/config.js';
import { secretFrom, type ProviderContext, type ProviderFactory } from '../index.js';
import { ProviderError } from '../types.js';
import { ARIN_DEFAULT_URL, ArinIrrProvider } from './arin-irr.js';
import { IrrdProvider, type IrrdCredentials } from './irrd.js';
import { RIPE_DB_DEFAULT_URL, RipeDbProvider } from './ripe-db.js';

/** IRR databases: RIPE Database, IRRd v4 and ARIN IRR. Secrets are read when a call first needs them. */
export const IRR_FACTORIES: Record<string, ProviderFactory> = {
  'ripe-db': (name, config, ctx) =>
    new RipeDbProvider(
      name,
      {
        baseUrl: setting(config, 'baseUrl') ?? RIPE_DB_DEFAULT_URL,
        source: setting(config, 'source') ?? 'RIPE',
        apiKey: () => ripeApiKey(name, config, ctx),
      },
      ctx.retry,
    ),
  irrd: (name, config, ctx) => {
    const baseUrl = setting(config, 'baseUrl');
    if (!baseUrl) throw new ProviderError(name, "set 'baseUrl' in leasekit.yaml to the IRRd instance's URL");
    return new IrrdProvider(name, { baseUrl, source: setting(config, 'source'), credentials: () => irrdCredentials(name, config, ctx) }, ctx.retry);
  },
  'arin-irr': (name, config, ctx) => {
    const org = setting(config, 'org');
    if (!org) throw new ProviderError(name, "set 'org' in leasekit.yaml to the ARIN org handle that holds the routes");
    return new ArinIrrProvider(name, { baseUrl: setting(config, 'baseUrl') ?? ARIN_DEFAULT_URL, org, apiKey: () => secretFrom(ctx.env, name, config.apiKeyEnv, 'apiKeyEnv') }, ctx.retry);
  },
};

function setting(config: ProviderConfig, key: string): string | undefined {
  const value = config[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** RIPE DB API keys are `KEYID:SECRET` (sent as HTTP Basic); the message never shows the value. */
function ripeApiKey(name: string, config: ProviderConfig, ctx: ProviderContext): string {
  const key = secretFrom(ctx.env, name, config.apiKeyEnv, 'apiKeyEnv');
  if (!/^[^:]+:.+$/.test(key)) throw new ProviderError(name, `environment variable ${String(config.apiKeyEnv)} must hold the RIPE Database API key as KEYID:SECRET`);
  return key;
}

/** Whichever of API key, maintainer password and override are configured; at least one. */
function irrdCredentials(name: string, config: ProviderConfig, ctx: ProviderContext): IrrdCredentials {
  const credentials: IrrdCredentials = {};
  if (config.apiKeyEnv) credentials.api_keys = [secretFrom(ctx.env, name, config.apiKeyEnv, 'apiKeyEnv')];
  if (config.passwordEnv) credentials.passwords = [secretFrom(ctx.env, name, config.passwordEnv, 'passwordEnv')];
  if (config.overrideEnv) credentials.override = secretFrom(ctx.env, name, config.overrideEnv, 'overrideEnv');
  if (!credentials.api_keys && !credentials.passwords && !credentials.override) {
    throw new ProviderError(name, "set 'apiKeyEnv', 'passwordEnv' or 'overrideEnv' in leasekit.yaml to the name of the environment variable that holds the credential");
  }
  return credentials;
}
