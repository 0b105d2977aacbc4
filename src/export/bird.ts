import { desiredRoas, reasonText } from './desired-order.js';
import type { ExportInput } from './types.js';

/** The names the export declares; a router's own filters refer to the table by this name. */
export const BIRD_ROA_TABLE = 'leasekit_roa4';
export const BIRD_PROTOCOL = 'leasekit_roa4_static';

/**
 * A BIRD 2 configuration fragment for `include`: a `roa4` table and a static protocol
 * that fills it with one `route P max M as A;` per desired ROA. Filters then ask
 * `roa_check(leasekit_roa4, net, bgp_path.last)`.
 */
export function render({ at, desired }: ExportInput): string {
  const roas = desiredRoas(desired);
  const lines = [
    `# leasekit: the desired ROAs of ${at} (${roas.length}). Load with: include "<this file>";`,
    `roa4 table ${BIRD_ROA_TABLE};`,
    '',
    `protocol static ${BIRD_PROTOCOL} {`,
    `  roa4 { table ${BIRD_ROA_TABLE}; };`,
    // ids are [a-z0-9._-], so a reason never ends the comment early or injects configuration
    ...roas.map((roa) => `  route ${roa.prefix} max ${roa.maxLength} as ${roa.asn}; # ${reasonText(roa.reason)}`),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
