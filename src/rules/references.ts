import type { Diagnostic } from '../model/diagnostic.js';
import type { Kind } from '../model/records.js';
import { locationOf, usable, type RecordOf } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';

/** ref-unknown, ref-invalid and delegation-not-lessee: every reference names a record of the right sort. */
export function references(ctx: RuleContext): Diagnostic[] {
  return [...leaseRefs(ctx), ...holdingRefs(ctx), ...contractRefs(ctx), ...delegationRefs(ctx)];
}

function unknownRef(record: RecordOf, field: string, kind: Kind, id: string): Diagnostic {
  return finding('ref-unknown', record, locationOf(record, [field]), `${field} '${id}' names no ${kind} record`);
}

function leaseRefs({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const lease of model.repo.byKind.lease) {
    const id = usable(lease, 'contract');
    if (id === undefined) continue;
    const contract = model.byId.contract.get(id);
    if (!contract) found.push(unknownRef(lease, 'contract', 'contract', id));
    else if (usable(contract, 'direction') === 'inbound') {
      found.push(
        finding('ref-invalid', lease, locationOf(lease, ['contract']), `lease '${lease.id}' is on inbound contract '${id}'; lease out under an outbound (or internal) contract, and reference the inbound one from the holding`, [
          { record: contract, location: locationOf(contract, ['direction']) },
        ]),
      );
    }
  }
  return found;
}

function holdingRefs({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const holding of model.repo.byKind.holding) {
    const id = usable(holding, 'contract');
    if (id === undefined) continue;
    const contract = model.byId.contract.get(id);
    if (!contract) found.push(unknownRef(holding, 'contract', 'contract', id));
    else if (usable(contract, 'direction') !== undefined && usable(contract, 'direction') !== 'inbound') {
      found.push(
        finding('ref-invalid', holding, locationOf(holding, ['contract']), `inbound holding '${holding.id}' names contract '${id}', which is ${usable(contract, 'direction')}; it must be an inbound contract`, [
          { record: contract, location: locationOf(contract, ['direction']) },
        ]),
      );
    }
  }
  return found;
}

function contractRefs({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const contract of model.repo.byKind.contract) {
    const id = usable(contract, 'counterparty');
    if (id === undefined) continue;
    const party = model.byId.party.get(id);
    if (!party) found.push(unknownRef(contract, 'counterparty', 'party', id));
    else if (usable(contract, 'direction') === 'internal' && model.self && party !== model.self) {
      found.push(
        finding('ref-invalid', contract, locationOf(contract, ['counterparty']), `internal contract '${contract.id}' has counterparty '${id}'; an internal contract's counterparty is the self party '${model.self.id}'`),
      );
    }
  }
  return found;
}

function delegationRefs({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const delegation of model.repo.byKind.delegation) {
    const leaseId = usable(delegation, 'lease');
    const to = usable(delegation, 'to');
    const lease = leaseId === undefined ? undefined : model.byId.lease.get(leaseId);
    if (leaseId !== undefined && !lease) found.push(unknownRef(delegation, 'lease', 'lease', leaseId));
    if (to === undefined) continue;
    if (!model.byId.party.has(to)) {
      found.push(unknownRef(delegation, 'to', 'party', to));
      continue;
    }
    const lessee = lease && model.counterpartyOf(model.contractOf(lease));
    if (lessee && lessee.id !== to) {
      found.push(
        finding('delegation-not-lessee', delegation, locationOf(delegation, ['to']), `delegation '${delegation.id}' hands control to '${to}', but lease '${lease.id}' is held by '${lessee.id}'; only the lessee may receive it`, [
          { record: lease, location: locationOf(lease, ['contract']) },
        ]),
      );
    }
  }
  return found;
}
