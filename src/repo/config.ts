import type { Window } from '../model/dates.js';
/** leasekit.yaml (docs/format.md#leasekityaml), with the defaults filled in. */
export interface Policy {
  quarantineDays: number;
  expiryWarningDays: number;
  allowDocumentationSpace: boolean;
  /** A lease's objects are published from `start - publishLeadDays` (docs/time.md). */
  publishLeadDays: number;
  /** ...until `end + withdrawGraceDays` (exclusive). */
  withdrawGraceDays: number;
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

/** Where the audit and the plan's impact find announcements and VRPs (docs/audit.md). */
export interface AuditConfig {
  /** Route files (MRT, JSON, text), relative to the repository root; fetched by the workflow. */
  routes?: string[];
  /** Where the daily audit workflow downloads the routes from (https). */
  routesUrl?: string;
  vrps?: string;
}

export interface Config {
  policy: Policy;
  thresholds: Thresholds;
  providers: Record<string, ProviderConfig>;
  audit?: AuditConfig;
}

export const DEFAULT_POLICY: Policy = { quarantineDays: 0, expiryWarningDays: 30, allowDocumentationSpace: false, publishLeadDays: 0, withdrawGraceDays: 0 };
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
    ...(isObject(raw.audit) ? { audit: raw.audit } : {}),
  };
}

export function thresholdsFor(config: Config, provider: string): Thresholds {
  return { ...config.thresholds, ...(config.providers[provider]?.thresholds ?? {}) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The publication window of docs/time.md, as the policy sets it (both 0 by default). */
export function publicationWindow(policy: Policy): Window {
  return { leadDays: policy.publishLeadDays, graceDays: policy.withdrawGraceDays };
}
