import type { Diagnostic } from '../model/diagnostic.js';
import { KINDS } from '../model/records.js';
import { fieldLocation, locationOf, usable } from '../repo/record.js';
import { documentOffset } from '../repo/yaml-documents.js';
import { finding, type RuleContext } from './context.js';

/** id-duplicate: a later record of the same kind reuses an id. */
export function duplicateIds({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const kind of KINDS) {
    for (const record of model.repo.byKind[kind]) {
      const first = model.byId[kind].get(record.id)!;
      if (first === record) continue;
      const where = first.file.location(documentOffset(first.file, first.doc));
      found.push(
        finding('id-duplicate', record, locationOf(record, ['id']), `${kind} id '${record.id}' is already used at ${where.file}:${where.line}; ids must be unique within a kind`, [
          { record: first, location: locationOf(first, ['id']) },
        ]),
      );
    }
  }
  return found;
}

/** self-party: exactly one party is the operator of this repository, once any contract exists. */
export function selfParty({ model }: RuleContext): Diagnostic[] {
  const contracts = model.repo.byKind.contract;
  if (contracts.length === 0) return [];
  const selves = model.repo.byKind.party.filter((p) => usable(p, 'self') === true);
  if (selves.length === 0) {
    const first = contracts[0];
    return [finding('self-party', first, locationOf(first, ['id']), "no party has 'self: true'; mark the party that operates this repository (it is the counterparty of internal contracts)")];
  }
  if (selves.length === 1) return [];
  return selves.slice(1).map((p) =>
    finding('self-party', p, fieldLocation(p, 'self'), `party '${p.id}' is marked 'self: true' but so is '${selves[0].id}'; exactly one party may be self`, [
      { record: selves[0], location: fieldLocation(selves[0], 'self') },
    ]),
  );
}
