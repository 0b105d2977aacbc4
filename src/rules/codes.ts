import type { Severity } from '../model/diagnostic.js';

/** Every rule code with its severity: the one place they are spelled (each has an entry in docs/format.md#findings). */
export const RULE_SEVERITY = {
  'yaml-syntax': 'error',
  'yaml-duplicate-key': 'error',
  schema: 'error',
  'id-duplicate': 'error',
  'ref-unknown': 'error',
  'ref-invalid': 'error',
  'self-party': 'error',
  'prefix-invalid': 'error',
  'prefix-not-canonical': 'error',
  'prefix-reserved': 'error',
  'prefix-too-specific': 'warning',
  'holding-overlap': 'error',
  'prefix-outside-holdings': 'error',
  'lease-overlap': 'error',
  'term-invalid': 'error',
  'term-outside-contract': 'error',
  'term-outside-lease': 'error',
  'sublease-not-allowed': 'error',
  'sublease-outlives-inbound': 'error',
  'asn-invalid': 'error',
  'asn-reserved': 'error',
  'origin-not-authorized': 'error',
  'maxlength-invalid': 'error',
  'maxlength-loose': 'warning',
  'delegation-not-lessee': 'error',
  'provider-unknown': 'error',
  'document-missing': 'error',
  'document-hash-mismatch': 'error',
  'path-escape': 'error',
  'lease-expiring': 'warning',
} as const satisfies Record<string, Severity>;

export type RuleCode = keyof typeof RULE_SEVERITY;
