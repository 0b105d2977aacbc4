import type { Diagnostic } from '../model/diagnostic.js';
import type { Kind } from '../model/records.js';
import { locationOf, usable, type RecordOf } from '../repo/record.js';
import type { Resolved } from '../resolve/resolved.js';
import { suggest } from '../util/suggest.js';
import { finding, type RuleContext } from './context.js';

/** ref-unknown, ref-invalid and delegation-not-lessee: every reference names a record of the right sort. */
export function references(ctx: RuleContext): Diagnostic[] {
  const hints = new Hints(ctx.model);
  return [...leaseRefs(ctx, hints), ...holdingRefs(ctx, hints), ...contractRefs(ctx, hints), ...delegationRefs(ctx, hints)];
}

/**
 * "Did you mean" for unknown ids. Each lookup reads every id of the kind, so only the first
 * MAX_LOOKUPS distinct unknown ids get one: a repository with thousands of broken references
 * (a renamed contract) stays near-linear, and its first findings still carry the hint.
 */
class Hints {
  static readonly MAX_LOOKUPS = 100;
  private readonly found = new Map<string, string | undefined>();

  constructor(private readonly model: Resolved) {}

  unknownRef(record: RecordOf, field: string, kind: Kind, id: string): Diagnostic {
    const hint = this.closest(kind, id);
    const message = `${field} '${id}' names no ${kind} record${hint ? ` (did you mean '${hint}'?)` : ''}`;
    return finding('ref-unknown', record, locationOf(record, [field]), message);
  }

  private closest(kind: Kind, id: string): string | undefined {
    const key = `${kind}\0${id}`;
    if (!this.found.has(key) && this.found.size < Hints.MAX_LOOKUPS) this.found.set(key, suggest(id, this.model.byId[kind].keys()));
    return this.found.get(key);
  }
}

function leaseRefs({ model }: RuleContext, hints: Hints): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const lease of model.repo.byKind.lease) {
    const id = usable(lease, 'contract');
    if (id === undefined) continue;
    const contract = model.byId.contract.get(id);
    if (!contract) found.push(hints.unknownRef(lease, 'contract', 'contract', id));
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

function holdingRefs({ model }: RuleContext, hints: Hints): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const holding of model.repo.byKind.holding) {
    const id = usable(holding, 'contract');
    if (id === undefined) continue;
    const contract = model.byId.contract.get(id);
    if (!contract) found.push(hints.unknownRef(holding, 'contract', 'contract', id));
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

function contractRefs({ model }: RuleContext, hints: Hints): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const contract of model.repo.byKind.contract) {
    const id = usable(contract, 'counterparty');
    if (id === undefined) continue;
    const party = model.byId.party.get(id);
    if (!party) found.push(hints.unknownRef(contract, 'counterparty', 'party', id));
    else if (usable(contract, 'direction') === 'internal' && model.self && party !== model.self) {
      found.push(
        finding('ref-invalid', contract, locationOf(contract, ['counterparty']), `internal contract '${contract.id}' has counterparty '${id}'; an internal contract's counterparty is the self party '${model.self.id}'`),
      );
    }
  }
  return found;
}

function delegationRefs({ model }: RuleContext, hints: Hints): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const delegation of model.repo.byKind.delegation) {
    const leaseId = usable(delegation, 'lease');
    const to = usable(delegation, 'to');
    const lease = leaseId === undefined ? undefined : model.byId.lease.get(leaseId);
    if (leaseId !== undefined && !lease) found.push(hints.unknownRef(delegation, 'lease', 'lease', leaseId));
    if (to === undefined) continue;
    if (!model.byId.party.has(to)) {
      found.push(hints.unknownRef(delegation, 'to', 'party', to));
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
