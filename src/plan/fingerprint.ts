import crypto from 'node:crypto';
import type { RegistryObject } from '../model/objects.js';

/**
 * sha256 over the canonical desired state, current state and day: equal inputs, equal
 * fingerprint, whatever order the objects came in. Lines come from canonicalLine.
 */
export function fingerprint(at: string, desiredLines: readonly string[], currentLines: readonly string[]): string {
  const hash = crypto.createHash('sha256');
  hash.update(`leasekit-plan-v1\n${at}\n`);
  hash.update(block('+', desiredLines));
  hash.update(block('=', currentLines));
  return `sha256:${hash.digest('hex')}`;
}

/** One object as a line: its identity and the attributes beyond identity that an update would change. */
export function canonicalLine(identity: string, o: RegistryObject): string {
  return o.type === 'route' ? `${identity}|${o.mntBy.join(',')}|${(o.remarks ?? []).join('\u0001')}` : identity;
}

/** The lines sorted, each behind its mark, as one string: one join rather than a string per line. */
function block(mark: string, lines: readonly string[]): string {
  return lines.length ? `${mark}${[...lines].sort().join(`\n${mark}`)}\n` : '';
}
