import type { Diagnostic } from '../model/diagnostic.js';
import { locationOf, usable, fieldLocation } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';

/** sublease-not-allowed and sublease-outlives-inbound: leasing out space we lease in. */
export function subleases({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const lease of model.repo.byKind.lease) {
    const contract = model.contractOf(lease);
    if (!contract || usable(contract, 'direction') !== 'outbound') continue;
    const holding = model.holdingOf(lease);
    if (!holding || usable(holding, 'source') !== 'inbound') continue;
    const inbound = model.contractOf(holding);
    if (!inbound || usable(inbound, 'direction') !== 'inbound') continue;
    const related = [{ record: inbound, location: fieldLocation(inbound, 'sublease') }];
    if (usable(inbound, 'sublease') !== true) {
      found.push(finding('sublease-not-allowed', lease, locationOf(lease, ['prefix']), `lease '${lease.id}' leases out space held under inbound contract '${inbound.id}', which does not allow subleasing (sublease: false)`, related));
      continue;
    }
    const term = model.leaseTerm(lease);
    const inboundTerm = model.contractTerm(inbound);
    if (!term || !inboundTerm?.end) continue;
    if (term.end === undefined || term.end > inboundTerm.end) {
      const where = lease.fields.end !== undefined ? locationOf(lease, ['end']) : locationOf(lease, ['id']);
      found.push(
        finding('sublease-outlives-inbound', lease, where, `sublease '${lease.id}' ${term.end ? `ends ${term.end}` : 'is open-ended'}, after inbound contract '${inbound.id}' ends on ${inboundTerm.end}`, [
          { record: inbound, location: locationOf(inbound, ['end']) },
        ]),
      );
    }
  }
  return found;
}
