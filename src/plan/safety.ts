import { thresholdsFor, type Config } from '../repo/config.js';
import type { Plan } from './types.js';

export interface SafetyViolation {
  provider: string;
  message: string;
}

/**
 * octoDNS-style safety: per provider, the share of deletes and updates among the managed
 * objects it holds, checked only from `minObjects` up; deleting an AS0 ROA always needs --force.
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
    }
    for (const c of mine) {
      if (c.op === 'delete' && c.object.type === 'roa' && c.object.asn === 0) {
        violations.push({ provider, message: `the AS0 ROA over ${c.object.prefix} would be deleted, leaving idle space open to hijack` });
      }
    }
  }
  return violations;
}
