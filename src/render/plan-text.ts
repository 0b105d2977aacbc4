import { isUnknownDelete, type SafetyViolation } from '../plan/safety.js';
import type { Plan, PlannedChange, ScheduledDay } from '../plan/types.js';
import { changeText, objectText } from './objects.js';
import { neutralise } from './text-safe.js';

export interface PlanTextExtras {
  /** Safety thresholds the plan crosses: apply refuses them without --force. */
  violations?: readonly SafetyViolation[];
}

export const IMPORT_ADVICE = "no record in the repository explains these objects, past or future; run 'leasekit import' to draft records for them first. apply deletes them only with --force";

/** Terraform-like: `+` create, `-` delete, `~` update, grouped by provider, one summary line; then the schedule. */
export function planText(plan: Plan, extras: PlanTextExtras = {}): string {
  const lines = [`leasekit plan for ${plan.at}`, ''];
  const explained = plan.changes.filter((c) => !isUnknownDelete(c));
  const unexplained = plan.changes.filter(isUnknownDelete);
  lines.push(...byProvider(explained, plan.counterparties, '  '));
  if (unexplained.length) {
    lines.push(`unknown objects (${IMPORT_ADVICE}):`);
    for (const c of unexplained) lines.push(`  - ${c.object.provider}: ${objectText(c.object)}`);
    lines.push('');
  }
  if (plan.unmanaged.length) {
    lines.push('not managed by leasekit (left alone):');
    for (const o of plan.unmanaged) lines.push(`  ? ${neutralise(o.provider)}: ${objectText(o)}`);
    lines.push('');
  }
  const violations = extras.violations ?? [];
  if (violations.length) {
    lines.push('safety thresholds crossed (apply refuses without --force):');
    for (const v of violations) lines.push(`  ! ${v.provider}: ${v.message}`);
    lines.push('');
  }
  const s = plan.summary;
  lines.push(
    plan.changes.length === 0
      ? `No changes. The registries match the records (${s.unchanged} objects unchanged).`
      : `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.unchanged} unchanged.`,
  );
  lines.push(`fingerprint ${plan.fingerprint}`);
  if (plan.schedule) lines.push('', ...scheduleLines(plan.schedule, plan.counterparties));
  return lines.join('\n') + '\n';
}

/** The days ahead: a heading per day, its changes by provider. */
export function scheduleLines(schedule: readonly ScheduledDay[], counterparties?: Record<string, string>): string[] {
  if (schedule.length === 0) return ['Schedule: no changes on the days ahead.'];
  const lines = ['Schedule (these follow from the records on their days; not part of the fingerprint):'];
  for (const day of schedule) {
    lines.push(`${day.day}:`);
    lines.push(...byProvider(day.changes, counterparties, '    ', '  '));
  }
  return lines;
}

function byProvider(changes: readonly PlannedChange[], counterparties: Record<string, string> | undefined, indent: string, headIndent = ''): string[] {
  const lines: string[] = [];
  const providers = [...new Set(changes.map((c) => c.object.provider))];
  for (const provider of providers) {
    lines.push(`${headIndent}provider ${neutralise(provider)}:`);
    for (const c of changes.filter((x) => x.object.provider === provider)) lines.push(`${indent}${changeText(c, counterparties)}`);
    if (!headIndent) lines.push('');
  }
  return lines;
}
