import type { Diagnostic } from '../model/diagnostic.js';
import type { Holding, Lease } from '../resolve/resolved.js';
import { overlappingPairs } from '../net/interval-index.js';
import { reservedBlocksOverlapping } from '../net/special-purpose.js';
import { locationOf } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';

const FILTERED_LONGER_THAN = 24;

/** prefix-invalid, prefix-not-canonical, prefix-reserved, prefix-too-specific on every holding and lease. */
export function prefixSyntax({ model, policy }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  const records: Array<Holding | Lease> = [...model.repo.byKind.holding, ...model.repo.byKind.lease];
  for (const record of records) {
    if (record.fields.prefix === undefined) continue; // missing: reported by the schema
    const where = () => locationOf(record, ['prefix']); // only on a finding: locating re-reads the file
    const parsed = model.parsedPrefix(record);
    if (!parsed.ok) {
      const code = parsed.reason === 'not-canonical' ? 'prefix-not-canonical' : 'prefix-invalid';
      found.push(finding(code, record, where(), parsed.message));
      continue;
    }
    const prefix = parsed.prefix;
    for (const block of reservedBlocksOverlapping(prefix, policy.allowDocumentationSpace)) {
      const hint = block.documentation ? ' (set policy.allowDocumentationSpace in leasekit.yaml for examples and tests)' : '';
      found.push(finding('prefix-reserved', record, where(), `${prefix.text} overlaps ${block.prefix.text}, ${block.name} (${block.rfc.join(', ')}), which is not routable on the Internet${hint}`));
    }
    if (record.kind === 'lease' && prefix.length > FILTERED_LONGER_THAN) {
      found.push(finding('prefix-too-specific', record, where(), `${prefix.text} is longer than /24; most networks filter such announcements`));
    }
  }
  return found;
}

/** holding-overlap: one finding per overlapping pair, on the later holding. */
export function holdingOverlap({ model }: RuleContext): Diagnostic[] {
  const holdings = model.repo.byKind.holding.filter((h) => model.prefixOf(h));
  const order = new Map(holdings.map((h, i) => [h, i]));
  return overlappingPairs(holdings, (h) => model.prefixOf(h)!).map(([a, b]) => {
    const [first, later] = order.get(a)! < order.get(b)! ? [a, b] : [b, a];
    return finding('holding-overlap', later, locationOf(later, ['prefix']), `holding ${model.prefixOf(later)!.text} overlaps holding '${first.id}' (${model.prefixOf(first)!.text}); space is held once`, [
      { record: first, location: locationOf(first, ['prefix']) },
    ]);
  });
}

/** prefix-outside-holdings: a lease must lie wholly inside one holding. */
export function outsideHoldings({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const lease of model.repo.byKind.lease) {
    const prefix = model.prefixOf(lease);
    if (!prefix || model.holdingOf(lease)) continue;
    const partial = model.holdingsOverlapping(prefix);
    const detail = partial.length
      ? `it only partly overlaps holding '${partial[0].id}' (${model.prefixOf(partial[0])!.text})`
      : 'no holding covers it; add the holding first or correct the prefix';
    found.push(finding('prefix-outside-holdings', lease, locationOf(lease, ['prefix']), `lease ${prefix.text} is not inside a single holding: ${detail}`));
  }
  return found;
}
