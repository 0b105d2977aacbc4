// `providers check`: what a configured registry says about leasekit's credentials, read only.
// Each provider is built as plan builds it and asked to read the holdings; nothing is written.
import { contains, parsePrefix } from '../net/ipv4.js';
import type { ProviderConfig } from '../repo/config.js';
import type { Repository } from '../repo/load.js';
import { usable } from '../repo/record.js';
import { capabilitiesOf, type Capabilities } from '../model/provider-capabilities.js';
import { createProvider, type ProviderContext } from './registry.js';
import { ProviderSettings } from './settings.js';
import { AuthError, ProviderError } from './types.js';

export type CheckStatus = 'ok' | 'misconfigured' | 'credentials-refused' | 'not-found' | 'unreachable' | 'failed';

export interface ProviderCheck {
  name: string;
  type: string;
  label: string;
  status: CheckStatus;
  /** One line each: what was found or what went wrong. Never a secret: errors pass through the HTTP layer's redaction. */
  findings: string[];
  /** Objects the registry holds inside the holdings, by type (only when the read succeeded). */
  objects?: Record<string, number>;
  /** What this provider type cannot do, from its declared capabilities. */
  cannot: string[];
}

/**
 * Checks one provider: settings and secrets present, then one read of the holdings and, for an
 * IRR database, a lookup of each maintainer the records write into `mnt-by`.
 */
export async function checkProvider(name: string, config: ProviderConfig, ctx: ProviderContext, holdings: readonly string[], maintainers: readonly string[] = []): Promise<ProviderCheck> {
  const capabilities = capabilitiesOf(config.type);
  const base = { name, type: config.type, label: capabilities?.label ?? config.type, cannot: capabilities ? cannotDo(capabilities) : [] };
  if (!capabilities) return { ...base, status: 'misconfigured', findings: [`provider type '${config.type}' is not supported`] };
  const settings = new ProviderSettings(name, config, ctx.env);
  const missing = missingSettings(settings, capabilities);
  if (missing.length) return { ...base, status: 'misconfigured', findings: missing };
  try {
    const provider = createProvider(name, config, ctx);
    const objects = await provider.read({ prefixes: holdings });
    const inside = objects.filter((o) => insideAny(o.prefix, holdings));
    const counts: Record<string, number> = {};
    for (const o of inside) counts[o.type] = (counts[o.type] ?? 0) + 1;
    const findings = readFindings(settings, capabilities);
    let status: CheckStatus = 'ok';
    for (const maintainer of provider.findMaintainer ? maintainers : []) {
      const found = await provider.findMaintainer!(maintainer);
      findings.push(`maintainer ${maintainer} ${found ? 'found' : 'not found'}`);
      if (!found) status = 'not-found';
    }
    return { ...base, status, findings, objects: counts };
  } catch (err) {
    return { ...base, ...failure(err) };
  }
}

function missingSettings(settings: ProviderSettings, capabilities: Capabilities): string[] {
  const found: string[] = [];
  for (const key of capabilities.requiredSettings) if (!settings.text(key)) found.push(`set '${key}' for this provider in leasekit.yaml`);
  for (const key of capabilities.secretSettings) {
    const variable = settings.text(key);
    if (variable !== undefined && !settings.hasValue(key)) found.push(`environment variable ${variable} (named by ${key}) is not set or empty`);
  }
  return found;
}

/** What a successful read proves, per kind of registry. */
function readFindings(settings: ProviderSettings, capabilities: Capabilities): string[] {
  const variables = capabilities.secretSettings.map((k) => settings.text(k)).filter((v): v is string => v !== undefined);
  switch (settings.type) {
    case 'local':
      return ['registry file readable'];
    case 'ripe-rpki':
      return [`credentials accepted (${variables.join(', ')}); the key's CA answered`];
    case 'arin-rpki':
    case 'arin-irr':
      return [`credentials accepted (${variables.join(', ')}); org ${settings.text('org')} found`];
    case 'krill':
      return [`credentials accepted (${variables.join(', ')}); CA ${settings.text('ca')} found`];
    default:
      // RIPE DB and IRRd answer reads without credentials: a key is only tested by a write
      return ['database reachable; reads need no credential, so the key is not tested here: `leasekit plan --verify` asks the registry to check every change without applying it (RIPE Database dry-run)'];
  }
}

function failure(err: unknown): { status: CheckStatus; findings: string[] } {
  if (err instanceof AuthError) return { status: 'credentials-refused', findings: [err.message] };
  if (err instanceof ProviderError && err.status === 404) return { status: 'not-found', findings: [err.message] };
  if (err instanceof ProviderError && err.status === undefined && /connection failed|no answer within/.test(err.message)) return { status: 'unreachable', findings: [err.message] };
  if (err instanceof ProviderError) return { status: 'failed', findings: [err.message] };
  throw err;
}

function cannotDo(c: Capabilities): string[] {
  const cannot: string[] = [];
  const all = ['roa', 'route', 'child-resources'] as const;
  const names = { roa: 'ROAs', route: 'route objects', 'child-resources': 'child CAs' };
  for (const type of all) if (!(c.objectTypes as readonly string[]).includes(type)) cannot.push(`hold ${names[type]}`);
  if (!c.dryRun) cannot.push('check changes without applying them (no dry run)');
  if (c.batch === 'partial') cannot.push('apply a batch atomically (each object succeeds or fails alone)');
  if (c.oneMaxLengthPerOriginPrefix) cannot.push('hold two maxLengths for one origin and prefix');
  if (c.refusedOrigins.length) cannot.push(`publish ROAs for origins ${c.refusedOrigins.map(([a, b]) => (a === b ? `AS${a}` : `AS${a}-AS${b}`)).join(', ')}`);
  if (c.as0 === 'unconfirmed') cannot.push('be relied on to accept an AS0 ROA over ROAs inside it (unconfirmed; see rpki.as0)');
  return cannot;
}

function insideAny(prefix: string, holdings: readonly string[]): boolean {
  const inner = parsePrefix(prefix);
  if (!inner.ok) return false;
  return holdings.some((h) => {
    const outer = parsePrefix(h);
    return outer.ok && contains(outer.prefix, inner.prefix);
  });
}

/** Checks the named provider, or every one leasekit.yaml defines, against the repository's holdings. */
export async function checkProviders(repo: Repository, only: string | undefined, ctx: ProviderContext): Promise<ProviderCheck[]> {
  const defined = repo.config.providers;
  const names = only === undefined ? Object.keys(defined) : [only];
  const holdings = repo.byKind.holding.map((h) => usable(h, 'prefix')).filter((p): p is string => typeof p === 'string' && parsePrefix(p).ok);
  const checks: ProviderCheck[] = [];
  for (const name of names) checks.push(await checkProvider(name, defined[name], ctx, holdings, maintainersFor(repo, name)));
  return checks;
}

/** The maintainers route objects in `provider` would carry: the holdings' own, else the self party's. */
function maintainersFor(repo: Repository, provider: string): string[] {
  const self = repo.byKind.party.find((p) => usable(p, 'self') === true);
  const fallback = self ? usable(self, 'irrMaintainer') : undefined;
  const names = repo.byKind.holding.filter((h) => usable(h, 'irr')?.provider === provider).map((h) => usable(h, 'irr')?.maintainer ?? fallback);
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))];
}
