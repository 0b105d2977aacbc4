import { describe, it, expect } from 'vitest';
import { MAX_ASN, SPECIAL_ASN_RANGES, asnProblem, formatAsn } from '../../src/net/asn.js';

describe('asnProblem: boundaries', () => {
  it.each([
    [0, 'asn-reserved', 'AS0 is reserved (RFC 7607)'],
    [1, null, null],
    [23455, null, null],
    [23456, 'asn-reserved', 'AS23456 is AS_TRANS (RFC 6793)'],
    [23457, null, null],
    [64495, null, null],
    [64496, 'asn-reserved', 'AS64496 is in 64496-64511, documentation (RFC 5398); allowed only with policy.allowDocumentationSpace'],
    [64511, 'asn-reserved', 'AS64511 is in 64496-64511, documentation (RFC 5398); allowed only with policy.allowDocumentationSpace'],
    [64512, 'asn-reserved', 'AS64512 is in 64512-65534, private use (RFC 6996)'],
    [65534, 'asn-reserved', 'AS65534 is in 64512-65534, private use (RFC 6996)'],
    [65535, 'asn-reserved', 'AS65535 is reserved (RFC 7300)'],
    [65536, 'asn-reserved', 'AS65536 is in 65536-65551, documentation (RFC 5398); allowed only with policy.allowDocumentationSpace'],
    [65551, 'asn-reserved', 'AS65551 is in 65536-65551, documentation (RFC 5398); allowed only with policy.allowDocumentationSpace'],
    [65552, 'asn-reserved', 'AS65552 is in 65552-131071, reserved by IANA'],
    [131071, 'asn-reserved', 'AS131071 is in 65552-131071, reserved by IANA'],
    [131072, null, null],
    [212100, null, null],
    [4199999999, null, null],
    [4200000000, 'asn-reserved', 'AS4200000000 is in 4200000000-4294967294, private use (RFC 6996)'],
    [4294967294, 'asn-reserved', 'AS4294967294 is in 4200000000-4294967294, private use (RFC 6996)'],
    [4294967295, 'asn-reserved', 'AS4294967295 is reserved (RFC 7300)'],
  ])('%d', (asn, code, message) => {
    expect(asnProblem(asn, false)).toEqual(code === null ? null : { code, message });
  });

  it('allows only the documentation ranges with allowDocumentation', () => {
    for (const asn of [64496, 64500, 64511, 65536, 65551]) expect(asnProblem(asn, true), String(asn)).toBeNull();
    for (const asn of [0, 23456, 64512, 65535, 65552, 4200000000, 4294967295]) {
      expect(asnProblem(asn, true)?.code, String(asn)).toBe('asn-reserved');
    }
  });
});

describe('asnProblem: invalid values', () => {
  it.each([
    [4294967296, '4294967296 is above 4294967295, the largest ASN'],
    [-1, '-1 is negative; ASNs are 0..4294967295'],
    [1.5, '1.5 is not an integer ASN'],
    [Number.NaN, 'NaN is not an integer ASN'],
    [Number.POSITIVE_INFINITY, 'Infinity is not an integer ASN'],
    ['AS1', '"AS1" is a string; write ASNs as integers, e.g. 1'],
    ['AS64500', '"AS64500" is a string; write ASNs as integers, e.g. 64500'],
    ['as212100', '"as212100" is a string; write ASNs as integers, e.g. 212100'],
    ['64500', '"64500" is a string; write ASNs as integers, e.g. 64500'],
    ['AS4294967296', 'expected an integer ASN, got string "AS4294967296"'],
    ['AS-FOO', 'expected an integer ASN, got string "AS-FOO"'],
    [null, 'expected an integer ASN, got null'],
    [true, 'expected an integer ASN, got boolean true'],
    [[64500], 'expected an integer ASN, got a list'],
    [{ asn: 64500 }, 'expected an integer ASN, got a mapping'],
    [undefined, 'expected an integer ASN, got no value'],
  ])('%j', (value, message) => {
    expect(asnProblem(value, true)).toEqual({ code: 'asn-invalid', message });
  });
});

describe('special ASN data', () => {
  it('is sorted, disjoint and within 0..MAX_ASN', () => {
    for (let i = 0; i < SPECIAL_ASN_RANGES.length; i++) {
      const range = SPECIAL_ASN_RANGES[i];
      expect(range.first).toBeLessThanOrEqual(range.last);
      if (i > 0) expect(range.first).toBeGreaterThan(SPECIAL_ASN_RANGES[i - 1].last);
    }
    expect(SPECIAL_ASN_RANGES[SPECIAL_ASN_RANGES.length - 1].last).toBe(MAX_ASN);
  });

  it('marks only the RFC 5398 ranges as documentation', () => {
    const documentation = SPECIAL_ASN_RANGES.filter((r) => r.documentation).map((r) => [r.first, r.last, r.rfc]);
    expect(documentation).toEqual([
      [64496, 64511, ['RFC5398']],
      [65536, 65551, ['RFC5398']],
    ]);
  });
});

describe('formatAsn', () => {
  it('prefixes AS', () => {
    expect(formatAsn(64500)).toBe('AS64500');
    expect(formatAsn(0)).toBe('AS0');
    expect(formatAsn(4294967295)).toBe('AS4294967295');
  });
});
