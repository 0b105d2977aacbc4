import type { Diagnostic } from '../model/diagnostic.js';
import { addDays, dayNumber, isActive, termWithin, type Term } from '../model/dates.js';
import type { Contract, Delegation, Lease } from '../resolve/resolved.js';
import { fieldLocation, usable, type RecordOf } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';

const termText = (t: Term) => `${t.start}..${t.end ?? 'open-ended'}`;

/** Where term findings point: `end`, else `start`, else the id (a defaulted term). */
function termLocation(record: RecordOf) {
  const fields = record.fields as { start?: unknown; end?: unknown };
  return fieldLocation(record, fields.end !== undefined ? 'end' : 'start');
}

/** term-invalid: end <= start, on contracts, leases and delegations (effective terms). */
export function termInvalid({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  const check = (record: Contract | Lease | Delegation, term: Term | undefined) => {
    if (term?.end !== undefined && term.end <= term.start) {
      found.push(finding('term-invalid', record, termLocation(record), `${record.kind} '${record.id}' ends (${term.end}) on or before it starts (${term.start}); a term is start <= day < end`));
    }
  };
  for (const c of model.repo.byKind.contract) check(c, model.contractTerm(c));
  for (const l of model.repo.byKind.lease) if (l.fields.start !== undefined || l.fields.end !== undefined) check(l, model.leaseTerm(l));
  for (const d of model.repo.byKind.delegation) if (d.fields.start !== undefined || d.fields.end !== undefined) check(d, model.delegationTerm(d));
  return found;
}

/** term-outside-contract: a lease's term lies within its contract's. */
export function termOutsideContract({ model }: RuleContext): Diagnostic[] {
  return outsideParent('term-outside-contract', model.repo.byKind.lease, (l) => model.contractOf(l), (l) => model.leaseTerm(l), (c) => model.contractTerm(c));
}

/** term-outside-lease: a delegation's term lies within its lease's. */
export function termOutsideLease({ model }: RuleContext): Diagnostic[] {
  return outsideParent('term-outside-lease', model.repo.byKind.delegation, (d) => model.leaseOf(d), (d) => model.delegationTerm(d), (l) => model.leaseTerm(l));
}

/** A finding on each child record whose term is not inside its parent's (both non-empty). */
function outsideParent<C extends RecordOf, P extends RecordOf>(
  code: 'term-outside-contract' | 'term-outside-lease',
  children: readonly C[],
  parentOf: (child: C) => P | undefined,
  termOf: (child: C) => Term | undefined,
  parentTermOf: (parent: P) => Term | undefined,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const child of children) {
    const parent = parentOf(child);
    const outer = parent && parentTermOf(parent);
    const inner = termOf(child);
    if (!parent || !outer || !inner || isEmpty(inner) || isEmpty(outer) || termWithin(inner, outer)) continue;
    const message = `${child.kind} '${child.id}' runs ${termText(inner)}, outside ${parent.kind} '${parent.id}' (${termText(outer)})`;
    found.push(finding(code, child, termLocation(child), message, [{ record: parent, location: termLocation(parent) }]));
  }
  return found;
}

/** lease-expiring: an active lease ends within policy.expiryWarningDays and will not renew by itself. */
export function leaseExpiring({ model, policy, at }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  const lastEnd = addDays(at, policy.expiryWarningDays); // ISO days compare as strings
  for (const lease of model.repo.byKind.lease) {
    const term = model.leaseTerm(lease);
    if (!term?.end || term.end > lastEnd || !isActive(term, at)) continue;
    const days = dayNumber(term.end) - dayNumber(at);
    const contract = model.contractOf(lease);
    if (contract && usable(contract, 'renewal')?.auto === true) continue;
    found.push(finding('lease-expiring', lease, termLocation(lease), `lease '${lease.id}' ends on ${term.end}, in ${days} day${days === 1 ? '' : 's'}, and its contract does not renew automatically`));
  }
  return found;
}

function isEmpty(term: Term): boolean {
  return term.end !== undefined && term.end <= term.start;
}
