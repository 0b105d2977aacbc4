import crypto from 'node:crypto';
import { identity, type RegistryObject } from '../model/objects.js';

/** sha256 over the canonical desired state, current state and day: equal inputs, equal fingerprint. */
export function fingerprint(at: string, desired: readonly RegistryObject[], current: readonly RegistryObject[]): string {
  const hash = crypto.createHash('sha256');
  hash.update(`leasekit-plan-v1\n${at}\n`);
  for (const line of canonicalLines(desired)) hash.update(`+${line}\n`);
  for (const line of canonicalLines(current)) hash.update(`=${line}\n`);
  return `sha256:${hash.digest('hex')}`;
}

function canonicalLines(objects: readonly RegistryObject[]): string[] {
  return objects.map((o) => `${identity(o)}|${attributes(o)}`).sort();
}

/** The attributes beyond identity that an update would change. */
function attributes(o: RegistryObject): string {
  return o.type === 'route' ? `${o.mntBy.join(',')}|${(o.remarks ?? []).join('\u0001')}` : '';
}
