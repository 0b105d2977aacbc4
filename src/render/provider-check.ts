import type { ProviderCheck } from '../providers/check.js';

const STATUS_WORDS: Record<ProviderCheck['status'], string> = {
  ok: 'ok',
  misconfigured: 'not configured',
  'credentials-refused': 'credentials refused',
  'not-found': 'CA, org or maintainer not found',
  unreachable: 'unreachable',
  failed: 'failed',
};

const NOUNS: Record<string, [string, string]> = { roa: ['ROA', 'ROAs'], route: ['route object', 'route objects'], 'child-resources': ['child CA resource', 'child CA resources'] };

/** One block per provider: status, findings, objects inside the holdings, what it cannot do. */
export function providerChecksText(checks: readonly ProviderCheck[]): string {
  return checks
    .map((c) => {
      const lines = [`${c.name} (${c.type}, ${c.label}): ${STATUS_WORDS[c.status]}`];
      for (const f of c.findings) lines.push(`  ${f}`);
      if (c.objects) {
        const counts = Object.entries(c.objects).map(([type, n]) => `${n} ${(NOUNS[type] ?? [type, type])[n === 1 ? 0 : 1]}`);
        lines.push(`  inside the holdings: ${counts.length ? counts.join(', ') : 'nothing yet'}`);
      }
      if (c.cannot.length) lines.push(`  cannot: ${c.cannot.join('; ')}`);
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

export function providerChecksJson(checks: readonly ProviderCheck[]): string {
  return `${JSON.stringify({ ok: checks.every((c) => c.status === 'ok'), providers: checks }, null, 2)}\n`;
}
