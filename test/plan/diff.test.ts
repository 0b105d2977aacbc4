import { describe, expect, it } from 'vitest';
import type { DesiredObject, RegistryObject } from '../../src/model/objects.js';
import { parsePrefix, type Prefix } from '../../src/net/ipv4.js';
import { diff } from '../../src/plan/diff.js';
import { orderChanges } from '../../src/plan/order.js';
import { safetyViolations } from '../../src/plan/safety.js';
import { configFrom } from '../../src/repo/config.js';

const space: Prefix[] = [(parsePrefix('192.0.2.0/24') as { ok: true; prefix: Prefix }).prefix, (parsePrefix('198.51.100.0/24') as { ok: true; prefix: Prefix }).prefix];
const roa = (prefix: string, asn: number, maxLength = 24, provider = 'local'): RegistryObject => ({ type: 'roa', provider, prefix, maxLength, asn });
const route = (prefix: string, origin: number, mntBy: string[], remarks = ['managed by leasekit, lease l1']): RegistryObject => ({ type: 'route', provider: 'local', source: 'RIPE', prefix, origin, mntBy, remarks });
const want = (o: RegistryObject): DesiredObject => ({ ...o, reason: { lease: 'l1', event: 'active' } });

function plan(desired: RegistryObject[], current: RegistryObject[], at = '2026-06-01') {
  return diff({ at, desired: desired.map(want), current: new Map([['local', current]]) }, space);
}

describe('diff', () => {
  it('creates what is missing, deletes what is no longer wanted, keeps the rest', () => {
    const p = plan([roa('192.0.2.0/24', 1), roa('192.0.2.0/24', 2)], [roa('192.0.2.0/24', 2), roa('192.0.2.0/24', 3)]);
    expect(p.changes.map((c) => `${c.op} ${c.object.type === 'roa' && c.object.asn}`)).toEqual(['create 1', 'delete 3']);
    expect(p.summary).toEqual({ create: 1, update: 0, delete: 1, unchanged: 1 });
  });

  it('treats a changed maxLength as delete plus create, and a changed mntBy as an update', () => {
    const p = plan([roa('192.0.2.0/24', 1, 25), route('192.0.2.0/24', 1, ['A-MNT', 'B-MNT'])], [roa('192.0.2.0/24', 1, 24), route('192.0.2.0/24', 1, ['A-MNT'])]);
    expect(p.changes.map((c) => `${c.op} ${c.object.type}`)).toEqual(['create roa', 'update route', 'delete roa']);
    expect(p.changes[1].before).toMatchObject({ mntBy: ['A-MNT'] });
  });

  it('never touches objects outside the holdings or route objects without the marker', () => {
    const foreign = roa('203.0.113.0/24', 9);
    const unmarked = route('192.0.2.0/24', 7, ['THEIR-MNT'], ['set up by hand']);
    const p = plan([], [foreign, unmarked]);
    expect(p.changes).toEqual([]);
    expect(p.unmanaged).toEqual([foreign, unmarked]);
  });

  it('orders make-before-break: ROA creates, child resources, route writes, route deletes, ROA deletes', () => {
    const p = plan(
      [roa('198.51.100.0/24', 5), roa('192.0.2.0/24', 6), route('192.0.2.0/24', 6, ['X']), { type: 'child-resources', provider: 'local', child: 'c', prefix: '192.0.2.0/24' }],
      [roa('192.0.2.0/24', 1), route('198.51.100.0/24', 1, ['X'])],
    );
    expect(p.changes.map((c) => `${c.op} ${c.object.type} ${c.object.prefix}`)).toEqual([
      'create roa 192.0.2.0/24',
      'create roa 198.51.100.0/24',
      'create child-resources 192.0.2.0/24',
      'create route 192.0.2.0/24',
      'delete route 198.51.100.0/24',
      'delete roa 192.0.2.0/24',
    ]);
  });

  it('orders within a group by provider, then numeric prefix, then ASN', () => {
    const changes = [roa('198.51.100.0/24', 2, 24, 'b'), roa('192.0.2.128/25', 1, 25, 'a'), roa('192.0.2.0/24', 9, 24, 'a'), roa('192.0.2.0/24', 3, 24, 'a')].map((object) => ({ op: 'create' as const, object }));
    expect(orderChanges(changes).map((c) => `${c.object.provider} ${c.object.prefix} ${(c.object as { asn: number }).asn}`)).toEqual(['a 192.0.2.0/24 3', 'a 192.0.2.0/24 9', 'a 192.0.2.128/25 1', 'b 198.51.100.0/24 2']);
  });

  it('gives the same fingerprint for the same inputs in any order, and another for another day or state', () => {
    const desired = [roa('192.0.2.0/24', 1), roa('192.0.2.0/24', 2)];
    const current = [roa('192.0.2.0/24', 2)];
    const a = plan(desired, current);
    expect(plan([...desired].reverse(), current).fingerprint).toBe(a.fingerprint);
    expect(plan(desired, current, '2026-06-02').fingerprint).not.toBe(a.fingerprint);
    expect(plan(desired, [...current, roa('203.0.113.0/24', 4)]).fingerprint).not.toBe(a.fingerprint);
    expect(a.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('safety thresholds', () => {
  const current = Array.from({ length: 10 }, (_, i) => roa('192.0.2.0/24', i + 1));

  it('refuse deleting more than maxDeletePercent of at least minObjects', () => {
    const p = plan(current.slice(0, 7), current);
    expect(safetyViolations(p, configFrom({}))).toEqual([{ provider: 'local', message: expect.stringMatching(/3 of 10 managed objects would be deleted \(30.0% > maxDeletePercent 25\)/) }]);
    expect(safetyViolations(plan(current.slice(0, 8), current), configFrom({}))).toEqual([]);
  });

  it('do not apply below minObjects, and per-provider thresholds override', () => {
    expect(safetyViolations(plan(current.slice(0, 1), current.slice(0, 9)), configFrom({}))).toEqual([]);
    expect(safetyViolations(plan(current.slice(0, 7), current), configFrom({ providers: { local: { type: 'local', thresholds: { maxDeletePercent: 50 } } } }))).toEqual([]);
  });

  it('refuse updating more than maxUpdatePercent', () => {
    const routes = Array.from({ length: 10 }, (_, i) => route('192.0.2.0/24', i + 1, ['A-MNT']));
    const moved = routes.map((r, i) => (i < 6 ? { ...r, mntBy: ['A-MNT', 'B-MNT'] } : r));
    expect(safetyViolations(plan(moved, routes), configFrom({}))).toEqual([{ provider: 'local', message: expect.stringMatching(/6 of 10 managed objects would be updated \(60.0% > maxUpdatePercent 50\)/) }]);
    expect(safetyViolations(plan(moved.slice(0, 5).concat(routes.slice(5)), routes), configFrom({}))).toEqual([]);
  });

  it('apply below minObjects when every managed object of a provider would go', () => {
    const small = current.slice(0, 4);
    expect(safetyViolations(plan([], small), configFrom({}))).toEqual([{ provider: 'local', message: 'all 4 managed objects would be deleted (below minObjects 10, but every one would go)' }]);
    expect(safetyViolations(plan(small.slice(0, 1), small), configFrom({}))).toEqual([]);
    expect(safetyViolations(plan([], small), configFrom({ thresholds: { maxDeletePercent: 100 } }))).toEqual([]);
  });

  it('always flag deleting an AS0 ROA', () => {
    const messages = safetyViolations(plan([roa('192.0.2.0/24', 1)], [roa('192.0.2.0/24', 0, 32), roa('192.0.2.0/24', 1)]), configFrom({})).map((v) => v.message);
    expect(messages).toEqual([expect.stringMatching(/AS0 ROA over 192.0.2.0\/24/)]);
  });
});
