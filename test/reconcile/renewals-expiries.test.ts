import { describe, expect, it } from 'vitest';
import { Resolved } from '../../src/resolve/resolved.js';
import { dueExpiries } from '../../src/reconcile/expiries.js';
import { dueRenewals } from '../../src/reconcile/renewals.js';
import { loadRepository } from '../../src/repo/load.js';
import { BASE, tempRepo } from '../helpers/repo.js';

const CONTRACTS = `kind: contract
id: c-acme
direction: outbound
counterparty: acme
start: 2026-01-01
end: 2026-01-31 # month-end: renewing by a month clamps
renewal: { auto: true, periodMonths: 1, noticeDays: 10 }
---
kind: contract
id: c-manual
direction: outbound
counterparty: acme
start: 2026-01-01
end: 2026-01-31
renewal: { auto: false, periodMonths: 1, noticeDays: 10 }
---
kind: contract
id: c-globex
direction: outbound
counterparty: globex
start: 2025-01-01
`;

const LEASES = {
  'leases/acme.yaml': 'kind: lease\nid: acme-1\ncontract: c-acme\nprefix: 192.0.2.0/26\norigins: [64501]\n---\nkind: lease\nid: acme-2\ncontract: c-acme\nprefix: 192.0.2.64/26\nend: 2026-01-31\norigins: [64501]\n---\nkind: delegation\nid: acme-2-mnt\nlease: acme-2\ntype: irr-maintainer\nto: acme\nmaintainer: ACME-MNT\nend: 2026-01-31\n',
  'leases/globex-old.yaml': 'kind: lease\nid: g-old\ncontract: c-globex\nprefix: 192.0.2.128/26\nstart: 2025-01-01\nend: 2025-12-01\norigins: [64503]\n---\nkind: delegation\nid: g-old-mnt\nlease: g-old\ntype: irr-maintainer\nto: globex\nmaintainer: GLOBEX-MNT\n',
  'leases/globex.yaml': '# keep me\nkind: lease\nid: g-now\ncontract: c-globex\nprefix: 192.0.2.192/27\norigins: [64503]\n---\n# ended\nkind: lease\nid: g-past\ncontract: c-globex\nprefix: 192.0.2.224/27\nstart: 2025-01-01\nend: 2025-12-10\norigins: [64503]\n',
};

const model = (quarantineDays = 0) =>
  new Resolved(loadRepository(tempRepo({ ...BASE, 'leasekit.yaml': `policy:\n  allowDocumentationSpace: true\n  quarantineDays: ${quarantineDays}\n`, 'leases/contracts.yaml': CONTRACTS, ...LEASES })));

describe('dueRenewals', () => {
  it('starts on the first day of the notice period, only for renewal.auto', () => {
    expect(dueRenewals(model(), '2026-01-20')).toEqual([]);
    const [renewal, ...more] = dueRenewals(model(), '2026-01-21');
    expect(more).toEqual([]);
    expect(renewal).toMatchObject({ contract: 'c-acme', counterparty: 'Acme', oldEnd: '2026-01-31', newEnd: '2026-02-28', periodMonths: 1, noticeDays: 10 });
  });

  it('moves the contract\'s end and the ends of records that ended with it, nothing else', () => {
    const [renewal] = dueRenewals(model(), '2026-01-25');
    expect(renewal.followers).toEqual([{ kind: 'lease', id: 'acme-2' }, { kind: 'delegation', id: 'acme-2-mnt' }]);
    expect(renewal.files).toEqual(['leases/acme.yaml', 'leases/contracts.yaml']);
    expect(renewal.changes['leases/contracts.yaml']).toBe(CONTRACTS.replace('end: 2026-01-31 # month-end', 'end: 2026-02-28 # month-end'));
    expect(renewal.changes['leases/acme.yaml']).toBe(LEASES['leases/acme.yaml'].replaceAll('end: 2026-01-31', 'end: 2026-02-28'));
  });

  it('still proposes a renewal that is overdue', () => {
    expect(dueRenewals(model(), '2026-03-01').map((r) => r.contract)).toEqual(['c-acme']);
  });
});

describe('dueExpiries', () => {
  it('takes leases ended more than quarantineDays ago, counting from the end', () => {
    expect(dueExpiries(model(10), '2025-12-11')).toBeUndefined();
    expect(dueExpiries(model(10), '2025-12-12')?.leases.map((l) => l.id)).toEqual(['g-old']);
    expect(dueExpiries(model(10), '2025-12-21')?.leases.map((l) => l.id)).toEqual(['g-old', 'g-past']);
    expect(dueExpiries(model(0), '2025-12-02')?.leases.map((l) => l.id)).toEqual(['g-old']);
  });

  it('removes a file holding only the lease and its delegations, else only those documents', () => {
    const expiry = dueExpiries(model(0), '2026-01-01')!;
    expect(expiry.quarantineDays).toBe(0);
    expect(expiry.leases).toEqual([
      { id: 'g-old', prefix: '192.0.2.128/26', counterparty: 'Globex', end: '2025-12-01', file: 'leases/globex-old.yaml', delegations: ['g-old-mnt'] },
      { id: 'g-past', prefix: '192.0.2.224/27', counterparty: 'Globex', end: '2025-12-10', file: 'leases/globex.yaml', delegations: [] },
    ]);
    expect(expiry.removedFiles).toEqual(['leases/globex-old.yaml']);
    expect(expiry.editedFiles).toEqual(['leases/globex.yaml']);
    expect(expiry.changes).toEqual({ 'leases/globex-old.yaml': null, 'leases/globex.yaml': LEASES['leases/globex.yaml'].split('---\n')[0] });
  });

  it('counts a lease without its own end from its contract\'s end', () => {
    expect(dueExpiries(model(0), '2026-01-31')?.leases.map((l) => l.id)).toEqual(['g-old', 'g-past']);
    expect(dueExpiries(model(0), '2026-02-01')?.leases.map((l) => l.id)).toEqual(['acme-1', 'acme-2', 'g-old', 'g-past']);
  });
});
