// AS numbers: range checks and the special-purpose ranges kept in data/special-asns.json.
import { readFileSync } from 'node:fs';

export type AsnProblem = { code: 'asn-invalid' | 'asn-reserved'; message: string };

export interface SpecialAsnRange {
  first: number;
  last: number;
  name: string;
  /** References as written in the data, e.g. `RFC6996`; empty for IANA-reserved space. */
  rfc: string[];
  /** RFC 5398 documentation ASNs, allowed by `policy.allowDocumentationSpace`. */
  documentation: boolean;
}

export const MAX_ASN = 4294967295;

// Same relative path from src/net/ and dist/net/: data/ sits at the repo root.
const RANGES_FILE = new URL('../../data/special-asns.json', import.meta.url);

/** Sorted by `first`; the ranges do not overlap. */
export const SPECIAL_ASN_RANGES: readonly SpecialAsnRange[] = loadRanges();

/** Why `value` may not be used as an ASN, or null when it may. */
export function asnProblem(value: unknown, allowDocumentation: boolean): AsnProblem | null {
  const invalid = invalidReason(value);
  if (invalid) return { code: 'asn-invalid', message: invalid };
  const asn = value as number;
  const range = SPECIAL_ASN_RANGES.find((r) => r.first <= asn && asn <= r.last);
  if (!range || (allowDocumentation && range.documentation)) return null;
  return { code: 'asn-reserved', message: reservedMessage(asn, range) };
}

export function formatAsn(n: number): string {
  return `AS${n}`;
}

function invalidReason(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return `${value} is not an integer ASN`;
    if (value < 0) return `${value} is negative; ASNs are 0..${MAX_ASN}`;
    if (value > MAX_ASN) return `${value} is above ${MAX_ASN}, the largest ASN`;
    return undefined;
  }
  if (typeof value === 'string') return stringReason(value);
  return `expected an integer ASN, got ${describeType(value)}`;
}

/** Strings that spell an ASN ("AS64500", "64500") get the integer to write instead. */
function stringReason(value: string): string {
  const digits = /^(?:AS)?(\d{1,10})$/i.exec(value.trim())?.[1];
  if (digits !== undefined && Number(digits) <= MAX_ASN) {
    return `${JSON.stringify(value)} is a string; write ASNs as integers, e.g. ${Number(digits)}`;
  }
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `expected an integer ASN, got string ${JSON.stringify(shown)}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'no value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const shown = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? ` ${value}` : '';
  return `${typeof value}${shown}`;
}

function reservedMessage(asn: number, range: SpecialAsnRange): string {
  const where = range.first === range.last ? `is ${range.name}` : `is in ${range.first}-${range.last}, ${range.name}`;
  const refs = range.rfc.map((ref) => ref.replace(/^RFC(?=\d)/, 'RFC ')).join(', ');
  const message = `${formatAsn(asn)} ${where}${refs ? ` (${refs})` : ''}`;
  return range.documentation ? `${message}; allowed only with policy.allowDocumentationSpace` : message;
}

function loadRanges(): SpecialAsnRange[] {
  const data = JSON.parse(readFileSync(RANGES_FILE, 'utf8')) as { entries?: unknown };
  if (!Array.isArray(data.entries)) throw new Error(`${RANGES_FILE.pathname}: no "entries" list`);
  return data.entries.map((entry, index) => toRange(entry, index)).sort((a, b) => a.first - b.first);
}

function toRange(entry: unknown, index: number): SpecialAsnRange {
  const e = (entry ?? {}) as Record<string, unknown>;
  const fail = (what: string) => new Error(`${RANGES_FILE.pathname}: entry ${index}: ${what}`);
  const isAsn = (n: unknown): n is number => typeof n === 'number' && invalidReason(n) === undefined;
  if (!isAsn(e.first) || !isAsn(e.last) || e.first > e.last) throw fail('"first".."last" must be an ASN range');
  if (typeof e.name !== 'string') throw fail('"name" must be a string');
  if (!Array.isArray(e.rfc) || !e.rfc.every((r) => typeof r === 'string')) throw fail('"rfc" must be a list of strings');
  if (typeof e.documentation !== 'boolean') throw fail('"documentation" must be a boolean');
  return { first: e.first, last: e.last, name: e.name, rfc: e.rfc, documentation: e.documentation };
}
