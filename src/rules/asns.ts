import type { Diagnostic } from '../model/diagnostic.js';
import { asnProblem, formatAsn } from '../net/asn.js';
import { locationOf, usable, type RecordOf } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';

/** asn-invalid and asn-reserved on each element of a party's asns and a lease's origins. */
export function asnValues({ model, policy }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  const check = (record: RecordOf, field: 'asns' | 'origins', list: unknown) => {
    if (!Array.isArray(list)) return;
    list.forEach((value, i) => {
      const problem = asnProblem(value, policy.allowDocumentationSpace);
      if (problem) found.push(finding(problem.code, record, locationOf(record, [field, i]), problem.message));
    });
  };
  for (const party of model.repo.byKind.party) check(party, 'asns', party.fields.asns);
  for (const lease of model.repo.byKind.lease) check(lease, 'origins', lease.fields.origins);
  return found;
}

/** origin-not-authorized: a lease may only be originated by its counterparty's ASNs. */
export function originAuthorized({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const lease of model.repo.byKind.lease) {
    const origins = usable(lease, 'origins');
    const party = model.counterpartyOf(model.contractOf(lease));
    if (!Array.isArray(origins) || !party || party.invalid.has('asns')) continue;
    const allowed = new Set(party.fields.asns ?? []);
    origins.forEach((asn, i) => {
      if (typeof asn !== 'number' || allowed.has(asn)) return;
      const listed = allowed.size ? `its asns are ${[...allowed].map(formatAsn).join(', ')}` : 'it lists no asns';
      found.push(finding('origin-not-authorized', lease, locationOf(lease, ['origins', i]), `${formatAsn(asn)} is not an ASN of counterparty '${party.id}' (${listed}); add it to the party or fix the origin`, [
        { record: party, location: locationOf(party, party.fields.asns ? ['asns'] : ['id']) },
      ]));
    });
  }
  return found;
}
