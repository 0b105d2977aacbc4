// The audit's finding codes in the order they are tried (an announcement gets the first that applies).
export const ROUTE_CODES = [
  'route-after-end',
  'route-idle-space',
  'route-unauthorized-origin',
  'route-too-specific',
  'route-rpki-invalid',
  'route-rpki-not-found',
] as const;

export const RECORD_CODES = ['lease-not-announced', 'vrp-missing', 'vrp-unexpected'] as const;

export type AuditCode = (typeof ROUTE_CODES)[number] | (typeof RECORD_CODES)[number];

export const AUDIT_SEVERITY: Record<AuditCode, 'error' | 'warning'> = {
  'route-after-end': 'error',
  'route-idle-space': 'error',
  'route-unauthorized-origin': 'error',
  'route-too-specific': 'error',
  'route-rpki-invalid': 'error',
  'route-rpki-not-found': 'warning',
  'lease-not-announced': 'warning',
  'vrp-missing': 'warning',
  'vrp-unexpected': 'warning',
};
