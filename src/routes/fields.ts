// Field parsers shared by the route and VRP readers; each returns a value or a message.
import { parsePrefix, type Prefix } from '../net/ipv4.js';

export type Field<T> = { ok: true; value: T } | { ok: false; message: string; ipv6?: boolean };

export function prefixField(value: unknown): Field<Prefix> {
  const parsed = parsePrefix(value);
  if (parsed.ok) return { ok: true, value: parsed.prefix };
  return { ok: false, message: parsed.message, ipv6: parsed.reason === 'ipv6' };
}

/** A number 0..4294967295, or where `text` allows it a string `64501` or `AS64501`. */
export function asnField(value: unknown, text: boolean): Field<number> {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && text) {
    const m = /^(?:AS)?(\d{1,10})$/i.exec(value.trim());
    if (m) n = Number(m[1]);
  }
  if (n === undefined || !Number.isInteger(n) || n < 0 || n > 4294967295) {
    return { ok: false, message: `expected an AS number such as ${text ? 'AS64501 or ' : ''}64501, got ${JSON.stringify(value)}` };
  }
  return { ok: true, value: n };
}

export function maxLengthField(value: unknown, prefix: Prefix): Field<number> {
  const n = typeof value === 'string' && /^\d{1,2}$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < prefix.length || n > 32) {
    return { ok: false, message: `expected a max length between ${prefix.length} and 32, got ${JSON.stringify(value)}` };
  }
  return { ok: true, value: n };
}
