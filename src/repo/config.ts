/** leasekit.yaml (docs/format.md#leasekityaml), with the defaults filled in. */
export interface Policy {
  quarantineDays: number;
  expiryWarningDays: number;
  allowDocumentationSpace: boolean;
}

export interface Thresholds {
  maxDeletePercent: number;
  maxUpdatePercent: number;
  minObjects: number;
}

export interface ProviderConfig {
  type: string;
  thresholds?: Partial<Thresholds>;
  [setting: string]: unknown;
}

export interface Config {
  policy: Policy;
  thresholds: Thresholds;
  providers: Record<string, ProviderConfig>;
}

export const DEFAULT_POLICY: Policy = { quarantineDays: 0, expiryWarningDays: 30, allowDocumentationSpace: false };
export const DEFAULT_THRESHOLDS: Thresholds = { maxDeletePercent: 25, maxUpdatePercent: 50, minObjects: 10 };
export const LOCAL_PROVIDER = 'local';

/** Merges a (schema-checked) leasekit.yaml value over the defaults; `local` always exists. */
export function configFrom(value: unknown): Config {
  const raw = (isObject(value) ? value : {}) as Partial<Record<keyof Config, unknown>>;
  const providers = { ...(isObject(raw.providers) ? (raw.providers as Record<string, ProviderConfig>) : {}) };
  providers[LOCAL_PROVIDER] ??= { type: 'local' };
  return {
    policy: { ...DEFAULT_POLICY, ...(isObject(raw.policy) ? raw.policy : {}) },
    thresholds: { ...DEFAULT_THRESHOLDS, ...(isObject(raw.thresholds) ? raw.thresholds : {}) },
    providers,
  };
}

export function thresholdsFor(config: Config, provider: string): Thresholds {
  return { ...config.thresholds, ...(config.providers[provider]?.thresholds ?? {}) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
