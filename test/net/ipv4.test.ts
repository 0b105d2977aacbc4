import { describe, it, expect } from 'vitest';
import {
  comparePrefixes,
  contains,
  formatAddress,
  formatPrefix,
  overlaps,
  parsePrefix,
  prefixMask,
  type Prefix,
} from '../../src/net/ipv4.js';

function prefix(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.prefix;
}

function failure(value: unknown) {
  const parsed = parsePrefix(value);
  if (parsed.ok) throw new Error(`${String(value)} parsed`);
  return parsed;
}

describe('parsePrefix: valid prefixes', () => {
  it('parses a plain prefix into start, end and length', () => {
    expect(parsePrefix('185.50.0.0/22')).toEqual({
      ok: true,
      prefix: { text: '185.50.0.0/22', start: 0xb9320000, end: 0xb93203ff, length: 22 },
    });
  });

  it('handles /0 and /32', () => {
    expect(prefix('0.0.0.0/0')).toEqual({ text: '0.0.0.0/0', start: 0, end: 0xffffffff, length: 0 });
    expect(prefix('185.50.2.7/32')).toEqual({ text: '185.50.2.7/32', start: 0xb9320207, end: 0xb9320207, length: 32 });
  });

  it('handles the lowest and highest addresses', () => {
    expect(prefix('0.0.0.0/32')).toMatchObject({ start: 0, end: 0 });
    expect(prefix('255.255.255.255/32')).toMatchObject({ start: 4294967295, end: 4294967295 });
    expect(prefix('255.255.255.0/24')).toMatchObject({ start: 0xffffff00, end: 0xffffffff });
    expect(prefix('128.0.0.0/1')).toMatchObject({ start: 0x80000000, end: 0xffffffff });
  });

  it('keeps start and end unsigned', () => {
    const p = prefix('255.0.0.0/8');
    expect(p.start).toBeGreaterThan(0);
    expect(p.end).toBe(4294967295);
  });

  it('accepts a lone zero octet and zero length', () => {
    expect(prefix('10.0.0.0/8').start).toBe(0x0a000000);
    expect(prefix('0.0.0.0/0').length).toBe(0);
  });
});

describe('parsePrefix: failures', () => {
  it('names the canonical form when host bits are set', () => {
    expect(parsePrefix('185.50.2.7/24')).toEqual({
      ok: false,
      reason: 'not-canonical',
      message: '185.50.2.7/24 has host bits set; the network is 185.50.2.0/24',
      canonical: '185.50.2.0/24',
    });
    expect(failure('255.255.255.255/0')).toMatchObject({ reason: 'not-canonical', canonical: '0.0.0.0/0' });
    expect(failure('10.0.0.1/31')).toMatchObject({ canonical: '10.0.0.0/31' });
  });

  it('rejects IPv6 as out of scope', () => {
    const f = failure('2001:db8::/32');
    expect(f.reason).toBe('ipv6');
    expect(f.message).toBe('2001:db8::/32 is IPv6; leasekit handles IPv4 only (IPv6 is out of scope)');
    expect(failure('::ffff:10.0.0.0/104').reason).toBe('ipv6');
  });

  it('names the type of non-string values', () => {
    expect(failure(42)).toEqual({
      ok: false,
      reason: 'syntax',
      message: 'expected an IPv4 prefix string such as 185.50.0.0/22, got number 42',
    });
    expect(failure(null).message).toMatch(/got null$/);
    expect(failure(undefined).message).toMatch(/got no value$/);
    expect(failure(true).message).toMatch(/got boolean true$/);
    expect(failure(['10.0.0.0/8']).message).toMatch(/got a list$/);
    expect(failure({ prefix: '10.0.0.0/8' }).message).toMatch(/got a mapping$/);
  });

  it.each([
    ['010.0.0.0/8', '010.0.0.0/8 is not an IPv4 prefix: octet 010 has a leading zero (octal or decimal?)'],
    ['10.00.0.0/16', '10.00.0.0/16 is not an IPv4 prefix: octet 00 has a leading zero (octal or decimal?)'],
    ['256.0.0.0/8', '256.0.0.0/8 is not an IPv4 prefix: octet 256 is above 255'],
    ['10.0.0/8', '10.0.0/8 is not an IPv4 prefix: expected 4 dotted octets, got 3'],
    ['10.0.0.0.0/8', '10.0.0.0.0/8 is not an IPv4 prefix: expected 4 dotted octets, got 5'],
    ['10..0.0/8', '10..0.0/8 is not an IPv4 prefix: empty octet'],
    ['10.0.0.x/8', '10.0.0.x/8 is not an IPv4 prefix: octet "x" is not a decimal number'],
    ['10.0.0.+1/8', '10.0.0.+1/8 is not an IPv4 prefix: octet "+1" is not a decimal number'],
    ['10.0.0.0', '10.0.0.0 is not an IPv4 prefix: no prefix length; write e.g. 10.0.0.0/32 for a single address'],
    ['10.0.0.0/', '10.0.0.0/ is not an IPv4 prefix: empty prefix length'],
    ['10.0.0.0/33', '10.0.0.0/33 is not an IPv4 prefix: prefix length 33 is above 32'],
    ['10.0.0.0/08', '10.0.0.0/08 is not an IPv4 prefix: prefix length 08 has a leading zero'],
    ['10.0.0.0/8/8', '10.0.0.0/8/8 is not an IPv4 prefix: more than one "/"'],
    ['10.0.0.0/x', '10.0.0.0/x is not an IPv4 prefix: prefix length "x" is not a number'],
    [' 10.0.0.0/8', '" 10.0.0.0/8" is not an IPv4 prefix: contains whitespace'],
    ['10.0.0.0/8\n', '"10.0.0.0/8\\n" is not an IPv4 prefix: contains whitespace'],
    ['10.0.0.0 /8', '"10.0.0.0 /8" is not an IPv4 prefix: contains whitespace'],
    ['', '"" is not an IPv4 prefix: empty; write a prefix such as 185.50.0.0/22'],
  ])('rejects %j as a syntax error', (input, message) => {
    expect(failure(input)).toEqual({ ok: false, reason: 'syntax', message });
  });

  it('rejects other malformed input without a canonical form', () => {
    for (const input of ['0x0a.0.0.0/8', '10.0.0.0/1e1', '1000.0.0.0/8', '10.0.0.0/-1', '10.0.0.0\u00a0/8', '１0.0.0.0/8']) {
      const f = failure(input);
      expect(f.reason, input).toBe('syntax');
      expect(f.canonical).toBeUndefined();
    }
  });

  it('cuts very long input in messages', () => {
    const message = failure('1'.repeat(10_000)).message;
    expect(message.length).toBeLessThan(150);
  });
});

describe('formatting', () => {
  it('round-trips through parsePrefix', () => {
    for (const text of ['0.0.0.0/0', '1.2.3.4/32', '100.64.0.0/10', '255.255.255.255/32', '192.0.2.128/25']) {
      const p = prefix(text);
      expect(formatPrefix(p.start, p.length)).toBe(text);
    }
  });

  it('formats addresses and masks', () => {
    expect(formatAddress(0xc0000201)).toBe('192.0.2.1');
    expect(formatAddress(4294967295)).toBe('255.255.255.255');
    expect(prefixMask(0)).toBe(0);
    expect(prefixMask(1)).toBe(0x80000000);
    expect(prefixMask(24)).toBe(0xffffff00);
    expect(prefixMask(32)).toBe(0xffffffff);
  });
});

describe('contains, overlaps, comparePrefixes', () => {
  const all = prefix('0.0.0.0/0');
  const p22 = prefix('185.50.0.0/22');
  const p24 = prefix('185.50.2.0/24');
  const other = prefix('185.50.4.0/24');

  it('contains includes equal prefixes and /0 contains everything', () => {
    expect(contains(p22, p24)).toBe(true);
    expect(contains(p24, p22)).toBe(false);
    expect(contains(p24, prefix('185.50.2.0/24'))).toBe(true);
    expect(contains(all, prefix('255.255.255.255/32'))).toBe(true);
    expect(contains(p22, other)).toBe(false);
  });

  it('overlaps is symmetric and false for adjacent blocks', () => {
    expect(overlaps(p22, p24)).toBe(true);
    expect(overlaps(p24, p22)).toBe(true);
    expect(overlaps(p22, other)).toBe(false);
    expect(overlaps(prefix('185.50.3.255/32'), other)).toBe(false);
    expect(overlaps(all, other)).toBe(true);
  });

  it('orders by start, then shorter first', () => {
    const sorted = [other, p24, prefix('185.50.0.0/24'), p22, all].sort(comparePrefixes).map((p) => p.text);
    expect(sorted).toEqual(['0.0.0.0/0', '185.50.0.0/22', '185.50.0.0/24', '185.50.2.0/24', '185.50.4.0/24']);
    expect(comparePrefixes(prefix('255.255.255.255/32'), prefix('0.0.0.0/32'))).toBeGreaterThan(0);
  });
});
