import type { RegistryObject } from '../model/objects.js';
import type { PlannedChange } from '../plan/types.js';
import { reasonText } from './reasons.js';
import { neutralise as n } from './text-safe.js';

/** One line of text per object, shared by every renderer. */
export function objectText(o: RegistryObject, maintainers = o.type === 'route' ? maintainerText(o.mntBy) : ''): string {
  if (o.type === 'roa') return `roa    ${n(o.prefix)} max ${n(o.maxLength)} AS${n(o.asn)}`;
  if (o.type === 'route') return `route  ${n(o.prefix)} AS${n(o.origin)} ${n(o.source)} mnt-by ${maintainers}`;
  return `child  ${n(o.child)} resource ${n(o.prefix)}`;
}

const maintainerText = (mntBy: readonly string[]) => mntBy.map(n).join(', ') || '(none)';

export const OP_SIGN = { create: '+', update: '~', delete: '-' } as const;

/** The object, an update showing its maintainers before and after (`arrow` between them). */
export function changeObjectText(c: PlannedChange, arrow = '->'): string {
  const moved = c.op === 'update' && c.before?.type === 'route' && c.object.type === 'route' ? `${maintainerText(c.before.mntBy)} ${arrow} ${maintainerText(c.object.mntBy)}` : undefined;
  return objectText(c.object, moved);
}

export function changeText(c: PlannedChange, counterparties?: Record<string, string>): string {
  const text = `${OP_SIGN[c.op]} ${changeObjectText(c)}`;
  const why = reasonText(c, counterparties);
  return why ? `${text}  (${n(why)})` : text;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
