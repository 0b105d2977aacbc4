import { describe, expect, it } from 'vitest';
import type { DesiredObject, RegistryObject } from '../../src/model/objects.js';
import { parsePrefix } from '../../src/net/ipv4.js';
import { diff } from '../../src/plan/diff.js';
import { driftReport } from '../../src/reconcile/drift.js';
import { hasMarker, keyIn } from '../../src/reconcile/markers.js';

const SPACE = [parsePrefix('192.0.2.0/24')].map((p) => (p.ok ? p.prefix : undefined)!);
const roa = (prefix: string, asn: number): RegistryObject => ({ type: 'roa', provider: 'local', prefix, maxLength: 24, asn });
const desired = (o: RegistryObject): DesiredObject => ({ ...o, reason: { lease: 'acme-1' } }) as DesiredObject;

function planOn(at: string, current: RegistryObject[]) {
  return diff({ at, desired: [desired(roa('192.0.2.0/24', 64501))], current: new Map([['local', current]]) }, SPACE);
}

describe('driftReport', () => {
  it('is nothing when the registries match the records', () => {
    expect(driftReport(planOn('2026-06-01', [roa('192.0.2.0/24', 64501)]), [], 'main')).toBeUndefined();
  });

  it('keys the same drift the same on any day, and other drift differently', () => {
    const missing = driftReport(planOn('2026-06-01', []), [], 'main')!;
    const nextDay = driftReport(planOn('2026-06-02', []), [], 'main')!;
    const foreign = driftReport(planOn('2026-06-01', [roa('192.0.2.0/24', 64999)]), [], 'main')!;
    expect(nextDay.key).toBe(missing.key);
    expect(foreign.key).not.toBe(missing.key);
    expect(foreign.count).toBe(2);
    expect(foreign.title).toBe('Registry drift: 2 change(s) needed to match the records');
  });

  it('starts with its marker and key, and carries the plan', () => {
    const report = driftReport(planOn('2026-06-01', []), [], 'main')!;
    expect(hasMarker(report.body, 'drift')).toBe(true);
    expect(keyIn(report.body)).toBe(report.key);
    expect(report.body).toContain('+ roa    192.0.2.0/24 max 24 AS64501');
    expect(report.body).toContain('### leasekit plan for 2026\\-06\\-01');
  });
});
