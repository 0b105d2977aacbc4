import { desiredRoas, reasonText } from './desired-order.js';
import type { ExportInput } from './types.js';

/**
 * RFC 8416 SLURM: the desired ROAs as locally added prefix assertions, so a relying party
 * (StayRTR, Routinator) serves them before the RIR's repository publishes them. No filters:
 * leasekit asserts, it does not hide anyone's VRPs.
 */
export function render({ desired }: ExportInput): string {
  const prefixAssertions = desiredRoas(desired).map((roa) => ({
    asn: roa.asn,
    prefix: roa.prefix,
    maxPrefixLength: roa.maxLength,
    comment: `leasekit: ${reasonText(roa.reason)}`,
  }));
  const slurm = {
    slurmVersion: 1,
    validationOutputFilters: { prefixFilters: [], bgpsecFilters: [] },
    locallyAddedAssertions: { prefixAssertions, bgpsecAssertions: [] },
  };
  return `${JSON.stringify(slurm, null, 2)}\n`;
}
