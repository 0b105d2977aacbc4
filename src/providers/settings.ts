// One provider's settings from leasekit.yaml and the secrets they name: the one way adapters
// read configuration (docs/providers/README.md). Secrets live in environment variables that a
// `…Env` setting names; messages name the variable, never its value.
import type { ProviderConfig } from '../repo/config.js';
import { ProviderError } from './types.js';

export class ProviderSettings {
  constructor(
    readonly name: string,
    readonly config: ProviderConfig,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get type(): string {
    return this.config.type;
  }

  /** A plain text setting, or undefined when unset or empty. */
  text(key: string): string | undefined {
    const value = this.config[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  /** A text setting the provider cannot work without (ARIN's `org`, Krill's `ca`). */
  required(key: string, what = ''): string {
    const value = this.text(key);
    if (value === undefined) throw new ProviderError(this.name, `set '${key}' for this provider in leasekit.yaml${what ? ` to ${what}` : ''}`);
    return value;
  }

  /** `baseUrl` (or the registry's default), without a trailing slash. */
  baseUrl(fallback?: string): string {
    const value = this.text('baseUrl') ?? fallback;
    if (value === undefined) throw new ProviderError(this.name, "set 'baseUrl' in leasekit.yaml to the registry's URL");
    return value.replace(/\/+$/, '');
  }

  /** Whether leasekit.yaml names a variable for this secret setting. */
  names(setting: string): boolean {
    return this.text(setting) !== undefined;
  }

  /** Whether the variable that `setting` names holds a value. */
  hasValue(setting: string): boolean {
    const variable = this.text(setting);
    return variable !== undefined && Boolean(this.env[variable]);
  }

  /** The secret in the variable that `setting` (e.g. `apiKeyEnv`) names; the error names the variable. */
  secret(setting: string): string {
    const variable = this.text(setting);
    if (variable === undefined) {
      throw new ProviderError(this.name, `set '${setting}' in leasekit.yaml to the name of the environment variable that holds the credential`);
    }
    const value = this.env[variable];
    if (!value) throw new ProviderError(this.name, `environment variable ${variable} (named by ${setting}) is not set or empty`);
    return value;
  }

  /** Every secret this provider's settings name and the environment holds: what the HTTP layer redacts. */
  secrets(): string[] {
    return Object.keys(this.config)
      .filter((key) => key.endsWith('Env'))
      .map((key) => this.env[String(this.config[key])])
      .filter((value): value is string => typeof value === 'string' && value !== '');
  }
}

/** The forms a secret may take on the wire and in an echo: as is, its part after `KEYID:`, Basic and URL encodings. */
export function secretForms(secret: string): string[] {
  const forms = [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)];
  const colon = secret.indexOf(':');
  if (colon > 0) forms.push(secret.slice(colon + 1));
  // longest first, so a form containing another is replaced whole
  return [...new Set(forms.filter((f) => f.length >= 4))].sort((a, b) => b.length - a.length);
}

/** Every occurrence of every form of every secret replaced by `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const form of secrets.flatMap(secretForms).sort((a, b) => b.length - a.length)) out = out.split(form).join('***');
  return out;
}
