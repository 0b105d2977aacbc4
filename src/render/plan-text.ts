import type { Plan } from '../plan/types.js';
import { changeText, objectText } from './objects.js';
import { neutralise } from './text-safe.js';

/** Terraform-like: `+` create, `-` delete, `~` update, grouped by provider, one summary line. */
export function planText(plan: Plan): string {
  const lines = [`leasekit plan for ${plan.at}`, ''];
  const providers = [...new Set(plan.changes.map((c) => c.object.provider))];
  for (const provider of providers) {
    lines.push(`provider ${neutralise(provider)}:`);
    for (const c of plan.changes.filter((x) => x.object.provider === provider)) lines.push(`  ${changeText(c)}`);
    lines.push('');
  }
  if (plan.unmanaged.length) {
    lines.push('not managed by leasekit (left alone):');
    for (const o of plan.unmanaged) lines.push(`  ? ${neutralise(o.provider)}: ${objectText(o)}`);
    lines.push('');
  }
  const s = plan.summary;
  lines.push(
    plan.changes.length === 0
      ? `No changes. The registries match the records (${s.unchanged} objects unchanged).`
      : `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.unchanged} unchanged.`,
  );
  lines.push(`fingerprint ${plan.fingerprint}`);
  return lines.join('\n') + '\n';
}
