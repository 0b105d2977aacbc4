import { contains, parsePrefix, type Prefix } from '../../src/net/ipv4.js';

/**
 * Shared pieces of the IRR fakes: a stored object is its attribute list, as the registry
 * would keep it. The RPSL reading here is the fakes' own, independent of the adapters'.
 */
export interface Attribute {
  name: string;
  value: string;
}

/** What a test seeds or inspects: a route object in plain fields. */
export interface RouteSeed {
  prefix: string;
  origin: number;
  mntBy: string[];
  remarks?: string[];
  descr?: string[];
  source?: string;
}

export interface RouteView extends Required<Omit<RouteSeed, 'source'>> {
  source: string;
}

export function seedAttributes(seed: RouteSeed, source: string): Attribute[] {
  return [
    { name: 'route', value: seed.prefix },
    ...(seed.descr ?? []).map((value) => ({ name: 'descr', value })),
    { name: 'origin', value: `AS${seed.origin}` },
    ...seed.mntBy.map((value) => ({ name: 'mnt-by', value })),
    ...(seed.remarks ?? []).map((value) => ({ name: 'remarks', value })),
    { name: 'source', value: seed.source ?? source },
  ];
}

export function first(attributes: readonly Attribute[], name: string): string | undefined {
  return attributes.find((a) => a.name === name)?.value;
}

export function all(attributes: readonly Attribute[], name: string): string[] {
  return attributes.filter((a) => a.name === name).map((a) => a.value);
}

export function maintainersOf(attributes: readonly Attribute[]): string[] {
  return all(attributes, 'mnt-by').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function viewOf(attributes: readonly Attribute[]): RouteView {
  return {
    prefix: first(attributes, 'route') ?? '',
    origin: Number((first(attributes, 'origin') ?? '').replace(/^AS/i, '')),
    mntBy: maintainersOf(attributes),
    remarks: all(attributes, 'remarks'),
    descr: all(attributes, 'descr'),
    source: first(attributes, 'source') ?? '',
  };
}

/** `192.0.2.0/24AS64500`, the key of a route object. */
export function keyOf(attributes: readonly Attribute[]): string {
  return `${first(attributes, 'route')}${(first(attributes, 'origin') ?? '').toUpperCase()}`;
}

export function prefixOf(text: string | undefined): Prefix | undefined {
  const parsed = parsePrefix(text);
  return parsed.ok ? parsed.prefix : undefined;
}

/** Whether `inner` equals or lies inside `outer`. */
export function within(inner: string, outer: string): boolean {
  const a = prefixOf(inner);
  const b = prefixOf(outer);
  return a !== undefined && b !== undefined && contains(b, a);
}

export function strictlyWithin(inner: string, outer: string): boolean {
  return within(inner, outer) && prefixOf(inner)!.length > prefixOf(outer)!.length;
}

/** Plain RPSL: blank-line separated objects, `name: value` lines, `+`/space continuations. */
export function parseRpslText(text: string): Attribute[][] {
  const objects: Attribute[][] = [];
  let current: Attribute[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (!line.trim()) {
      if (current.length) objects.push(current);
      current = [];
    } else if (/^[ \t+]/.test(line) && current.length) {
      current[current.length - 1].value += ` ${line.slice(1).trim()}`;
    } else {
      const m = /^([a-zA-Z0-9-]+):\s*(.*)$/.exec(line);
      if (!m) throw new Error(`not an RPSL line: ${line}`);
      current.push({ name: m[1].toLowerCase(), value: m[2].trim() });
    }
  }
  if (current.length) objects.push(current);
  return objects;
}

export function formatRpslText(attributes: readonly Attribute[]): string {
  return attributes.map((a) => `${`${a.name}:`.padEnd(16)}${a.value}`).join('\n') + '\n';
}

/** RPKI route origin validation (RFC 6811) against the ROAs a fake knows. */
export interface FakeRoa {
  prefix: string;
  maxLength: number;
  asn: number;
}

export type RpkiState = 'valid' | 'invalid' | 'not_found';

export function rpkiState(prefix: string, origin: number, roas: readonly FakeRoa[]): RpkiState {
  const route = prefixOf(prefix);
  if (!route) return 'not_found';
  const covering = roas.filter((r) => within(prefix, r.prefix));
  if (covering.length === 0) return 'not_found';
  const matches = covering.some((r) => r.asn !== 0 && r.asn === origin && route.length <= r.maxLength);
  return matches ? 'valid' : 'invalid';
}
