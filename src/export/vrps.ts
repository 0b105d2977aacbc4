// rpki-client's JSON output shape: what StayRTR or a local relying party loads.
import { parsePrefix } from '../net/ipv4.js';
import type { Roa } from '../model/objects.js';
import type { ExportInput } from './types.js';

/** The lease and AS0 ROAs of the desired state, each once, by prefix (numeric), maxLength, ASN. */
export function render({ desired, now }: ExportInput): string {
  const seen = new Map<string, Roa & { start: number; length: number }>();
  for (const o of desired) {
    if (o.type !== 'roa') continue;
    const parsed = parsePrefix(o.prefix);
    if (!parsed.ok) continue;
    seen.set(`${o.prefix}|${o.maxLength}|${o.asn}`, { ...o, start: parsed.prefix.start, length: parsed.prefix.length });
  }
  const roas = [...seen.values()]
    .sort((a, b) => a.start - b.start || a.length - b.length || a.maxLength - b.maxLength || a.asn - b.asn)
    .map((r) => ({ asn: r.asn, prefix: r.prefix, maxLength: r.maxLength, ta: 'leasekit' }));
  return JSON.stringify({ metadata: { buildtime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), vrps: roas.length }, roas }, null, 2) + '\n';
}
