import { fitBody } from '../github/body-limit.js';
import { renderTemplate } from '../render/templates.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Plan } from '../plan/types.js';
import { objectText } from '../render/objects.js';
import { planMarkdown } from '../render/plan-markdown.js';
import { keyLine, keyOf, markerLine } from './markers.js';

export const DRIFT_KIND = 'drift';

/** What the drift issue says; `key` is the same for the same set of differences on any day. */
export interface DriftReport {
  key: string;
  count: number;
  title: string;
  body: string;
}

/** The drift issue for a plan with changes, or undefined when the registries match the records. */
export function driftReport(plan: Plan, diagnostics: Diagnostic[], base: string): DriftReport | undefined {
  if (plan.changes.length === 0) return undefined;
  const key = keyOf(plan.changes.map((c) => `${c.op} ${c.object.provider} ${objectText(c.object)}`).sort());
  const count = plan.changes.length;
  const body = renderTemplate('reconcile-drift.md.hbs', {
    marker: markerLine(DRIFT_KIND),
    keyLine: keyLine(key),
    count,
    at: plan.at,
    base,
    plan: planMarkdown({ at: plan.at, plan, diagnostics }).trim(),
  });
  return { key, count, title: `Registry drift: ${count} change(s) needed to match the records`, body: fitBody(body, 'run `leasekit plan` for the whole plan.') };
}
