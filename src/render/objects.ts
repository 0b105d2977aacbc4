import type { RegistryObject } from '../model/objects.js';
import type { PlannedChange } from '../plan/types.js';

/** One line of text per object, shared by every renderer. */
export function objectText(o: RegistryObject): string {
  if (o.type === 'roa') return `roa    ${o.prefix} max ${o.maxLength} AS${o.asn}`;
  if (o.type === 'route') return `route  ${o.prefix} AS${o.origin} ${o.source} mnt-by ${o.mntBy.join(', ') || '(none)'}`;
  return `child  ${o.child} resource ${o.prefix}`;
}

export const OP_SIGN = { create: '+', update: '~', delete: '-' } as const;

export function changeText(c: PlannedChange): string {
  let text = `${OP_SIGN[c.op]} ${objectText(c.object)}`;
  if (c.op === 'update' && c.before?.type === 'route' && c.object.type === 'route') {
    text = `~ route  ${c.object.prefix} AS${c.object.origin} ${c.object.source} mnt-by ${c.before.mntBy.join(', ') || '(none)'} -> ${c.object.mntBy.join(', ') || '(none)'}`;
  }
  return c.because ? `${text}  (${c.because})` : text;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
