import { planFileText, type PlanFileExtras } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';
import { jsonSafe } from './text-safe.js';

/** The plan JSON (schema/plan.schema.json): the same text `plan --out` saves for `apply --plan`. */
export function planJson(plan: Plan, extras: PlanFileExtras = {}): string {
  return jsonSafe(planFileText(plan, extras));
}
