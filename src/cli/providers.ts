// `leasekit providers check [NAME]`: read-only look at the configured registries.
import { UsageError } from '../errors.js';
import { checkProviders } from '../providers/check.js';
import { PROVIDER_TYPES, providerContext } from '../providers/registry.js';
import { loadRepository } from '../repo/load.js';
import { providerChecksJson, providerChecksText } from '../render/provider-check.js';
import type { CommandSpec, ParsedArgs } from './command.js';
import { REPO_FLAG, formatFlag, formatFlagDef, repoRoot, type Io } from './common.js';

const FORMATS = ['text', 'json'] as const;

const checkCommand: CommandSpec = {
  name: 'check',
  summary: 'check each configured registry, reading only: credentials, CA/org found, objects inside the holdings',
  args: '[NAME]',
  positionals: { max: 1 },
  description:
    'Builds each provider as plan does and reads the holdings from it; nothing is ever written.\n' +
    'For each provider it says whether the credential was accepted and the CA, org or maintainer found,\n' +
    'how many objects the registry holds inside the holdings, and what this provider type cannot do.\n' +
    `Provider types: ${PROVIDER_TYPES.join(', ')}; docs/providers/<type>.md explains each. Secrets are never printed.`,
  flags: { repo: REPO_FLAG, format: formatFlagDef(FORMATS, 'text', false) },
  env: {
    'the variables named by apiKeyEnv, tokenEnv, passwordEnv, overrideEnv': 'the credentials (never printed)',
    LEASEKIT_HTTP_TIMEOUT_MS: 'per-request timeout',
    LEASEKIT_MAX_RESPONSE_BYTES: 'largest registry answer read (default 32 MiB)',
  },
  examples: ['leasekit providers check', 'leasekit providers check ripe-rpki --format json'],
  exitCodes: {
    0: 'every provider checked is ok',
    1: 'a provider is not configured (setting or variable missing), refused the credential, does not know the CA/org, or could not be reached',
    2: 'usage error: unknown provider name, or no repository',
  },
  run: runProvidersCheck,
};

export const providersCommand: CommandSpec = {
  name: 'providers',
  summary: 'look at the configured registries (check)',
  subcommands: [checkCommand],
};

export async function runProvidersCheck({ positional, flags }: ParsedArgs, io: Io): Promise<number> {
  const format = formatFlag(flags, io, FORMATS, 'text');
  const root = repoRoot(flags, io);
  const repo = loadRepository(root);
  const [name] = positional;
  if (name !== undefined && !Object.hasOwn(repo.config.providers, name)) {
    throw new UsageError(`provider '${name}' is not defined under providers in leasekit.yaml (defined: ${Object.keys(repo.config.providers).join(', ')})`);
  }
  const checks = await checkProviders(repo, name, providerContext(root, io.env));
  io.stdout(format === 'json' ? providerChecksJson(checks) : providerChecksText(checks));
  return checks.every((c) => c.status === 'ok') ? 0 : 1;
}
