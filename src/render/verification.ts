import type { Verification } from '../plan/verify.js';
import { objectText } from './objects.js';
import { neutralise } from './text-safe.js';

/** `--verify`'s answer; when no provider of the plan could check its changes, it says so rather than nothing. */
export function verificationText(results: readonly Verification[], verifiers?: readonly string[]): string {
  if (verifiers && verifiers.length === 0) return `\n${NOTHING_VERIFIED}\n`;
  if (results.length === 0) return '';
  const refused = results.filter((r) => !r.ok);
  const lines = [`\nverified with the registries: ${results.length - refused.length} accepted, ${refused.length} refused`];
  for (const r of refused) lines.push(`  refused by ${r.provider}: ${r.change.op} ${objectText(r.change.object)}: ${neutralise(r.message ?? 'no reason given')}`);
  return lines.join('\n') + '\n';
}

export const NOTHING_VERIFIED = 'not verified: no provider with changes in this plan can check them before apply (none of them has a dry run)';
