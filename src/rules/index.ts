import type { Diagnostic } from '../model/diagnostic.js';
import { compareDiagnostics } from '../model/diagnostic.js';
import { Resolved } from '../resolve/resolved.js';
import type { Repository } from '../repo/load.js';
import { asnValues, originAuthorized } from './asns.js';
import type { Rule, RuleContext } from './context.js';
import { contractDocuments } from './documents.js';
import { duplicateIds, selfParty } from './identity.js';
import { leaseOverlap } from './lease-overlap.js';
import { holdingOverlap, outsideHoldings, prefixSyntax } from './prefixes.js';
import { providerKnown } from './providers.js';
import { references } from './references.js';
import { maxLength } from './roa.js';
import { subleases } from './subleases.js';
import { leaseExpiring, termInvalid, termOutsideContract, termOutsideLease } from './terms.js';

export const RULES: readonly Rule[] = [
  duplicateIds,
  selfParty,
  references,
  prefixSyntax,
  holdingOverlap,
  outsideHoldings,
  leaseOverlap,
  termInvalid,
  termOutsideContract,
  termOutsideLease,
  subleases,
  asnValues,
  originAuthorized,
  maxLength,
  providerKnown,
  contractDocuments,
  leaseExpiring,
];

export interface Validation {
  model: Resolved;
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

/** Loading findings plus every rule over the resolved records, in a stable order. */
export function validate(repo: Repository, at: string): Validation {
  const model = new Resolved(repo);
  const ctx: RuleContext = { model, policy: repo.config.policy, at, root: repo.root };
  const diagnostics = [...repo.diagnostics, ...RULES.flatMap((rule) => rule(ctx))].sort(compareDiagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { model, diagnostics, errors, warnings: diagnostics.length - errors };
}
