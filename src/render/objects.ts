import type { RegistryObject } from '../model/objects.js';
import type { PlannedChange } from '../plan/types.js';
import { neutralise as n } from './text-safe.js';

/** One line of text per object, shared by every renderer. */
export function objectText(o: RegistryObject, maintainers = o.type === 'route' ? maintainerText(o.mntBy) : ''): string {
  if (o.type === 'roa') return `roa    ${n(o.prefix)} max ${n(o.maxLength)} AS${n(o.asn)}`;
  if (o.type === 'route') return `route  ${n(o.prefix)} AS${n(o.origin)} ${n(o.source)} mnt-by ${maintainers}`;
  return `child  ${n(o.child)} resource ${n(o.prefix)}`;
}

const maintainerText = (mntBy: readonly string[]) => mntBy.map(n).join(', ') || '(none)';

export const OP_SIGN = { create: '+', update: '~', delete: '-' } as const;

export function changeText(c: PlannedChange): string {
  // an update shows the maintainers before and after
  const moved = c.op === 'update' && c.before?.type === 'route' && c.object.type === 'route' ? `${maintainerText(c.before.mntBy)} -> ${maintainerText(c.object.mntBy)}` : undefined;
  const text = `${OP_SIGN[c.op]} ${objectText(c.object, moved)}`;
  return c.because ? `${text}  (${n(c.because)})` : text;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
