import { describe, expect, it } from 'vitest';
import { DesiredCompiler } from '../../src/compile/desired.js';
import { scheduleOf } from '../../src/plan/schedule.js';
import { loadRepository } from '../../src/repo/load.js';
import { validate } from '../../src/rules/index.js';
import { BASE, tempRepo } from '../helpers/repo.js';

function scheduleFor(files: Record<string, string>, at: string, days: number) {
  const { model, errors } = validate(loadRepository(tempRepo(files)), at);
  expect(errors).toBe(0);
  return scheduleOf(new DesiredCompiler(model), at, days).map((d) => ({
    day: d.day,
    changes: d.changes.map((c) => `${c.op} ${c.object.type} ${JSON.stringify(c.reason)}`),
  }));
}

describe('the schedule', () => {
  it("follows a lease's delegations: an rpki-ca replaces its ROAs on its day, an irr-maintainer's end updates the route", () => {
    const files = {
      ...BASE,
      'leasekit.yaml': 'policy:\n  allowDocumentationSpace: true\n  publishLeadDays: 2\n',
      'leases/l.yaml': [
        'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: [64501]\nstart: 2026-06-01',
        'kind: delegation\nid: d-ca\nlease: l1\ntype: rpki-ca\nto: acme\nhandle: acme-ca\nstart: 2026-06-10',
        'kind: delegation\nid: d-mnt\nlease: l1\ntype: irr-maintainer\nto: acme\nmaintainer: ACME-MNT\nend: 2026-06-20',
      ].join('\n---\n') + '\n',
    };
    expect(scheduleFor(files, '2026-05-20', 40)).toEqual([
      {
        day: '2026-05-30',
        changes: ['create roa {"lease":"l1","event":"starts"}', 'create route {"lease":"l1","event":"starts"}'],
      },
      {
        day: '2026-06-08',
        changes: ['create child-resources {"delegation":"d-ca","event":"starts"}', 'delete roa {"lease":"l1","event":"changed"}'],
      },
      { day: '2026-06-20', changes: ['update route {"lease":"l1","event":"changed"}'] },
    ]);
  });

  it('is empty within a horizon where nothing starts or ends, and for a horizon of 0', () => {
    const files = { ...BASE, 'leases/l.yaml': 'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: [64501]\n' };
    expect(scheduleFor(files, '2026-06-01', 30)).toEqual([]);
    expect(scheduleFor(files, '2026-12-01', 0)).toEqual([]);
    expect(scheduleFor(files, '2026-12-01', 31).map((d) => [d.day, d.changes])).toEqual([
      ['2027-01-01', ['delete route {"lease":"l1","event":"ended","day":"2027-01-01"}', 'delete roa {"lease":"l1","event":"ended","day":"2027-01-01"}']],
    ]);
  });
});
