import { thresholdsFor, type Config } from '../repo/config.js';
import type { Plan, PlannedChange } from './types.js';

export interface SafetyViolation {
  provider: string;
  message: string;
}

/**
 * octoDNS-style safety: per provider, the share of deletes and updates among the managed
 * objects it holds, checked from `minObjects` up, and below it when every managed object
 * would go (a small lessor's first plan must not wipe it); deleting an AS0 ROA always needs --force.
 */
export function safetyViolations(plan: Plan, config: Config): SafetyViolation[] {
  const violations: SafetyViolation[] = [];
  const providers = new Set(plan.changes.map((c) => c.object.provider));
  for (const provider of [...providers].sort()) {
    const existing = plan.managedCounts[provider] ?? 0;
    const limits = thresholdsFor(config, provider);
    const mine = plan.changes.filter((c) => c.object.provider === provider);
    const deletes = mine.filter((c) => c.op === 'delete').length;
    const updates = mine.filter((c) => c.op === 'update').length;
    if (existing >= limits.minObjects && existing > 0) {
      const deletePercent = (deletes / existing) * 100;
      const updatePercent = (updates / existing) * 100;
      if (deletePercent > limits.maxDeletePercent) {
        violations.push({ provider, message: `${deletes} of ${existing} managed objects would be deleted (${deletePercent.toFixed(1)}% > maxDeletePercent ${limits.maxDeletePercent})` });
      }
      if (updatePercent > limits.maxUpdatePercent) {
        violations.push({ provider, message: `${updates} of ${existing} managed objects would be updated (${updatePercent.toFixed(1)}% > maxUpdatePercent ${limits.maxUpdatePercent})` });
      }
    } else if (existing > 0 && deletes >= existing && limits.maxDeletePercent < 100) {
      violations.push({ provider, message: `all ${existing} managed objects would be deleted (below minObjects ${limits.minObjects}, but every one would go)` });
    }
    for (const c of mine) {
      if (c.op === 'delete' && c.object.type === 'roa' && c.object.asn === 0) {
        violations.push({ provider, message: `the AS0 ROA over ${c.object.prefix} would be deleted, leaving idle space open to hijack` });
      }
    }
  }
  return violations;
}

/** A delete that nothing in the repository explains: apply needs --force for it (docs/time.md). */
export function isUnknownDelete(change: PlannedChange): boolean {
  return change.op === 'delete' && change.reason?.event === 'unknown';
}
