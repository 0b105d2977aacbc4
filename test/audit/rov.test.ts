import { describe, expect, it } from 'vitest';
import { VrpIndex } from '../../src/audit/rov.js';
import { parsePrefix } from '../../src/net/ipv4.js';
import type { Vrp } from '../../src/routes/vrp.js';

function vrp(prefix: string, maxLength: number, asn: number): Vrp {
  const p = parsePrefix(prefix);
  if (!p.ok) throw new Error(p.message);
  return { prefix, start: p.prefix.start, end: p.prefix.end, length: p.prefix.length, maxLength, asn };
}

function state(index: VrpIndex, prefix: string, origin: number | null) {
  const p = parsePrefix(prefix);
  if (!p.ok) throw new Error(p.message);
  return index.validate(p.prefix.start, p.prefix.length, origin);
}

describe('route-origin validation (RFC 6811)', () => {
  const index = new VrpIndex([vrp('192.0.2.0/24', 25, 64501), vrp('198.51.100.0/22', 32, 0), vrp('198.51.100.0/24', 24, 64502)]);

  it('valid: a covering VRP with the origin and a maxLength at least the length', () => {
    expect(state(index, '192.0.2.0/24', 64501)).toBe('valid');
    expect(state(index, '192.0.2.128/25', 64501)).toBe('valid');
    expect(state(index, '198.51.100.0/24', 64502)).toBe('valid'); // the AS0 VRP beside it does not matter
  });

  it('invalid: covered, but too specific, another origin, AS0, or an AS_SET path', () => {
    expect(state(index, '192.0.2.0/26', 64501)).toBe('invalid');
    expect(state(index, '192.0.2.0/24', 64666)).toBe('invalid');
    expect(state(index, '198.51.101.0/24', 0)).toBe('invalid'); // an AS0 VRP never matches, even origin 0
    expect(state(index, '192.0.2.0/24', null)).toBe('invalid');
  });

  it('not-found: no VRP covers it (a shorter announcement is not covered by a longer VRP)', () => {
    expect(state(index, '192.0.0.0/16', 64501)).toBe('not-found');
    expect(state(index, '203.0.113.0/24', 64501)).toBe('not-found');
  });

  it('tracks additions and removals (what a plan does)', () => {
    const changing = new VrpIndex([vrp('192.0.2.0/24', 24, 64501)]);
    expect(changing.remove(vrp('192.0.2.0/24', 25, 64501))).toBe(false);
    expect(changing.remove(vrp('192.0.2.0/24', 24, 64501))).toBe(true);
    expect(state(changing, '192.0.2.0/24', 64501)).toBe('not-found');
    changing.add(vrp('192.0.0.0/16', 24, 64501));
    expect(state(changing, '192.0.2.0/24', 64501)).toBe('valid');
  });
});
