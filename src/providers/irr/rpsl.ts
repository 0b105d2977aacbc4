import type { RouteObject } from '../../model/objects.js';
import { parsePrefix } from '../../net/ipv4.js';

/** One `name: value` line of an RPSL object, continuation lines folded in. */
export interface RpslAttribute {
  name: string;
  value: string;
}

/**
 * Splits RPSL text into objects (blank-line separated) of attributes. Whois comment
 * lines (`%`) are skipped; continuation lines (leading space, tab or `+`) join the
 * attribute above them.
 */
export function parseRpsl(text: string): RpslAttribute[][] {
  const objects: RpslAttribute[][] = [];
  let current: RpslAttribute[] = [];
  const flush = () => {
    if (current.length) objects.push(current);
    current = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') flush();
    else if (line.startsWith('%') || line.startsWith('#')) continue;
    else if (/^[ \t+]/.test(line) && current.length) current[current.length - 1].value += ` ${line.slice(1).trim()}`.trimEnd();
    else {
      const match = /^([A-Za-z0-9_-]+):(.*)$/.exec(line);
      if (match) current.push({ name: match[1].toLowerCase(), value: match[2].trim() });
    }
  }
  flush();
  return objects;
}

/** RPSL text of one object, one attribute a line, ending in a newline. */
export function formatRpsl(attributes: readonly RpslAttribute[]): string {
  return attributes.map((a) => `${`${a.name}:`.padEnd(16)}${a.value}`).join('\n') + '\n';
}

/** A route object's attributes in template order; `source` is the database's own source name. */
export function routeAttributes(route: RouteObject, source = route.source): RpslAttribute[] {
  return [
    { name: 'route', value: route.prefix },
    ...(route.descr ?? []).map((value) => ({ name: 'descr', value })),
    { name: 'origin', value: `AS${route.origin}` },
    ...route.mntBy.map((value) => ({ name: 'mnt-by', value })),
    ...(route.remarks ?? []).map((value) => ({ name: 'remarks', value })),
    { name: 'source', value: source },
  ];
}

/**
 * A route object from RPSL attributes, or undefined for anything else (route6, an IPv6 or
 * malformed prefix). Lists keep the registry's order; `remarks` come back verbatim, so the
 * ownership marker survives a round trip.
 */
export function routeFromAttributes(attributes: readonly RpslAttribute[], provider: string): RouteObject | undefined {
  const first = attributes[0];
  if (!first || first.name !== 'route') return undefined;
  const prefix = parsePrefix(withoutComment(first.value));
  const origin = parseOrigin(valuesOf(attributes, 'origin')[0]);
  const source = valuesOf(attributes, 'source')[0];
  if (!prefix.ok || origin === undefined || !source) return undefined;
  const route: RouteObject = {
    type: 'route',
    provider,
    source: source.toUpperCase(),
    prefix: prefix.prefix.text,
    origin,
    mntBy: valuesOf(attributes, 'mnt-by').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean),
  };
  const remarks = rawValuesOf(attributes, 'remarks');
  const descr = rawValuesOf(attributes, 'descr');
  if (remarks.length) route.remarks = remarks;
  if (descr.length) route.descr = descr;
  return route;
}

/** The route object key used in URLs and whois lookups: `192.0.2.0/24AS64500`. */
export function routeKey(route: Pick<RouteObject, 'prefix' | 'origin'>): string {
  return `${route.prefix}AS${route.origin}`;
}

export function parseOrigin(value: string | undefined): number | undefined {
  const match = /^AS(\d{1,10})$/i.exec(value?.trim() ?? '');
  const asn = match ? Number(match[1]) : NaN;
  return Number.isInteger(asn) && asn <= 4294967295 ? asn : undefined;
}

/** Key-like values lose their end-of-line comment (`EXAMPLE-MNT # ops`). */
function valuesOf(attributes: readonly RpslAttribute[], name: string): string[] {
  return rawValuesOf(attributes, name).map(withoutComment).filter(Boolean);
}

/** Free-text values (remarks, descr) are kept as written. */
function rawValuesOf(attributes: readonly RpslAttribute[], name: string): string[] {
  return attributes.filter((a) => a.name === name).map((a) => a.value);
}

function withoutComment(value: string): string {
  const hash = value.indexOf('#');
  return (hash < 0 ? value : value.slice(0, hash)).trim();
}
