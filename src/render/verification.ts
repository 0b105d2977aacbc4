import type { Verification } from '../plan/verify.js';
import { objectText } from './objects.js';
import { neutralise } from './text-safe.js';

export function verificationText(results: readonly Verification[]): string {
  if (results.length === 0) return '';
  const refused = results.filter((r) => !r.ok);
  const lines = [`\nverified with the registries: ${results.length - refused.length} accepted, ${refused.length} refused`];
  for (const r of refused) lines.push(`  refused by ${r.provider}: ${r.change.op} ${objectText(r.change.object)}: ${neutralise(r.message ?? 'no reason given')}`);
  return lines.join('\n') + '\n';
}
