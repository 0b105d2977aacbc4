// IPv4 CIDR prefixes: strict parsing, canonical form and containment.
// Addresses are unsigned 32-bit integers held in JS numbers (`>>> 0` keeps them unsigned).

/** An IPv4 CIDR prefix; `start` and `end` (inclusive) are unsigned 32-bit addresses. */
export interface Prefix {
  /** Canonical text, e.g. `185.50.0.0/22`. */
  text: string;
  start: number;
  end: number;
  length: number;
}

export type PrefixParse =
  | { ok: true; prefix: Prefix }
  | { ok: false; reason: 'ipv6' | 'syntax' | 'not-canonical'; message: string; canonical?: string };

const DOT = 0x2e;
const SLASH = 0x2f;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const EXAMPLE = '185.50.0.0/22';

/**
 * Parses `a.b.c.d/len` strictly: four decimal octets without leading zeros (`010` could be
 * octal), a required length 0-32, nothing else. Host bits set is reported as not canonical.
 */
export function parsePrefix(value: unknown): PrefixParse {
  if (typeof value !== 'string') {
    return syntaxError(`expected an IPv4 prefix string such as ${EXAMPLE}, got ${typeName(value)}`);
  }
  const packed = scanPrefix(value);
  if (packed < 0) return explainFailure(value);
  const address = Math.floor(packed / 64);
  const length = packed % 64;
  const start = (address & prefixMask(length)) >>> 0;
  if (start !== address) {
    const canonical = formatPrefix(start, length);
    return {
      ok: false,
      reason: 'not-canonical',
      message: `${value} has host bits set; the network is ${canonical}`,
      canonical,
    };
  }
  // A strictly parsed, aligned input is already its own canonical text.
  return { ok: true, prefix: { text: value, start, end: lastAddress(start, length), length } };
}

/** `start/length` in dotted-quad form; `start` is not masked. */
export function formatPrefix(start: number, length: number): string {
  return `${formatAddress(start)}/${length}`;
}

export function formatAddress(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

/** The netmask of a prefix length as an unsigned 32-bit number (0 for /0). */
export function prefixMask(length: number): number {
  // `x << 32` is `x << 0` in JS, so /0 needs its own case.
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

/** True when `inner` lies within `outer` (equal prefixes included). */
export function contains(outer: Prefix, inner: Prefix): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function overlaps(a: Prefix, b: Prefix): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Numeric order by start address, then the shorter (enclosing) prefix first. */
export function comparePrefixes(a: Prefix, b: Prefix): number {
  return a.start - b.start || a.length - b.length;
}

function lastAddress(start: number, length: number): number {
  return (start | ~prefixMask(length)) >>> 0;
}

/**
 * Fast path: returns `address * 64 + length` for a well-formed `a.b.c.d/len`, or -1.
 * Packing both into one number keeps the hot path free of allocations.
 */
function scanPrefix(s: string): number {
  let address = 0;
  let i = 0;
  for (let octetIndex = 0; octetIndex < 4; octetIndex++) {
    if (octetIndex > 0) {
      if (s.charCodeAt(i) !== DOT) return -1;
      i++;
    }
    const end = digitsEnd(s, i);
    const octet = decimalValue(s, i, end, 3);
    if (octet < 0 || octet > 255) return -1;
    address = address * 256 + octet;
    i = end;
  }
  if (s.charCodeAt(i) !== SLASH) return -1;
  const end = digitsEnd(s, i + 1);
  const length = decimalValue(s, i + 1, end, 2);
  if (length < 0 || length > 32 || end !== s.length) return -1;
  return address * 64 + length;
}

/** Index of the first non-digit at or after `from`. */
function digitsEnd(s: string, from: number): number {
  let i = from;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** Value of the digits `s[from, to)`, or -1 when empty, longer than `maxDigits` or zero-padded. */
function decimalValue(s: string, from: number, to: number, maxDigits: number): number {
  const digits = to - from;
  if (digits === 0 || digits > maxDigits) return -1;
  if (digits > 1 && s.charCodeAt(from) === DIGIT_0) return -1;
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + (s.charCodeAt(i) - DIGIT_0);
  return value;
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

// Slow path, only for rejected input: find the exact fault for the message.

function explainFailure(value: string): PrefixParse {
  if (value.includes(':')) {
    return {
      ok: false,
      reason: 'ipv6',
      message: `${show(value)} is IPv6; leasekit handles IPv4 only (IPv6 is out of scope)`,
    };
  }
  return syntaxError(`${show(value)} is not an IPv4 prefix: ${syntaxFault(value)}`);
}

function syntaxFault(value: string): string {
  if (value === '') return `empty; write a prefix such as ${EXAMPLE}`;
  if (/\s/.test(value)) return 'contains whitespace';
  const parts = value.split('/');
  if (parts.length > 2) return 'more than one "/"';
  const addressFault = octetsFault(parts[0]);
  if (addressFault) return addressFault;
  if (parts.length === 1) return `no prefix length; write e.g. ${value}/32 for a single address`;
  return lengthFault(parts[1]) ?? `expected a.b.c.d/len such as ${EXAMPLE}`;
}

function octetsFault(address: string): string | undefined {
  const octets = address.split('.');
  if (octets.length !== 4) return `expected 4 dotted octets, got ${octets.length}`;
  for (const octet of octets) {
    if (octet === '') return 'empty octet';
    if (!/^[0-9]+$/.test(octet)) return `octet ${JSON.stringify(octet)} is not a decimal number`;
    if (octet.length > 1 && octet.startsWith('0')) {
      return `octet ${octet} has a leading zero (octal or decimal?)`;
    }
    if (Number(octet) > 255) return `octet ${octet} is above 255`;
  }
  return undefined;
}

function lengthFault(length: string): string | undefined {
  if (length === '') return 'empty prefix length';
  if (!/^[0-9]+$/.test(length)) return `prefix length ${JSON.stringify(length)} is not a number`;
  if (length.length > 1 && length.startsWith('0')) return `prefix length ${length} has a leading zero`;
  if (Number(length) > 32) return `prefix length ${length} is above 32`;
  return undefined;
}

function syntaxError(message: string): PrefixParse {
  return { ok: false, reason: 'syntax', message };
}

/** The value as written, quoted only when it would otherwise be unreadable, and cut when long. */
function show(value: string): string {
  const cut = value.length > 64 ? `${value.slice(0, 64)}…` : value;
  return cut === '' || /[\s"\\\p{C}]/u.test(cut) ? JSON.stringify(cut) : cut;
}

/** The YAML-level type of a non-string value, with the value when it is a scalar. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'no value';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}
