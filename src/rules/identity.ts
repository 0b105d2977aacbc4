import type { Diagnostic } from '../model/diagnostic.js';
import { fieldLocation, locationOf, usable } from '../repo/record.js';
import { documentOffset } from '../repo/yaml-documents.js';
import { finding, type RuleContext } from './context.js';

/** id-duplicate: a later record of the same kind reuses an id. */
export function duplicateIds({ model }: RuleContext): Diagnostic[] {
  return model.duplicates.map(({ record, first }) => {
    const where = first.file.location(documentOffset(first.file, first.doc));
    const message = `${record.kind} id '${record.id}' is already used at ${where.file}:${where.line}; ids must be unique within a kind`;
    return finding('id-duplicate', record, locationOf(record, ['id']), message, [{ record: first, location: locationOf(first, ['id']) }]);
  });
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
