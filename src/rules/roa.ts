import type { Diagnostic } from '../model/diagnostic.js';
import { locationOf, usable } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';

/** maxlength-invalid and maxlength-loose (RFC 9319: minimal ROAs, no loose maxLength). */
export function maxLength({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const lease of model.repo.byKind.lease) {
    const max = usable(lease, 'maxLength');
    const prefix = model.prefixOf(lease);
    if (max === undefined || !prefix) continue;
    const where = () => locationOf(lease, ['maxLength']);
    if (max < prefix.length || max > 32) {
      found.push(finding('maxlength-invalid', lease, where(), `maxLength ${max} must be between the prefix length ${prefix.length} and 32`));
    } else if (max > prefix.length) {
      found.push(finding('maxlength-loose', lease, where(), `maxLength ${max} is longer than ${prefix.text}; it lets anyone forge the origin on a more-specific (RFC 9319). Omit maxLength unless more-specifics are really announced`));
    }
  }
  return found;
}
