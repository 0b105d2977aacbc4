import { describe, expect, it } from 'vitest';
import { BASE, tempRepo, validateJson, withCode } from '../helpers/repo.js';

const lease = (terms: string, contract = 'c-acme') => `kind: lease\nid: l1\ncontract: ${contract}\nprefix: 192.0.2.0/24\norigins: [64501]\n${terms}`;

describe('term-invalid', () => {
  it('fires at end when end <= start', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('start: 2026-05-01\nend: 2026-05-01\n') });
    const [d] = withCode(await validateJson(root), 'term-invalid');
    expect(d).toMatchObject({ line: 7, column: 6, id: 'l1' });
  });

  it('fires on a contract', async () => {
    const root = tempRepo({ ...BASE, 'leases/c.yaml': 'kind: contract\nid: c2\ndirection: outbound\ncounterparty: acme\nstart: 2026-01-01\nend: 2025-01-01\n' });
    const [d] = withCode(await validateJson(root), 'term-invalid');
    expect(d).toMatchObject({ file: 'leases/c.yaml', line: 6, column: 6 });
  });

  it('does not fire on a one-day term', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('start: 2026-05-01\nend: 2026-05-02\n') });
    expect(withCode(await validateJson(root), 'term-invalid')).toEqual([]);
  });
});

describe('term-outside-contract', () => {
  it('fires when the lease outlasts its contract', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('end: 2027-01-02\n') });
    const [d] = withCode(await validateJson(root), 'term-outside-contract');
    expect(d).toMatchObject({ line: 6, column: 6 });
    expect(d.related?.[0]).toMatchObject({ file: 'leases/contracts.yaml', line: 6 });
  });

  it('fires when the lease starts before its contract, pointing at start', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('start: 2025-12-31\n') });
    const [d] = withCode(await validateJson(root), 'term-outside-contract');
    expect(d).toMatchObject({ line: 6, column: 8 });
  });

  it('fires for an open-ended lease with an explicit start on a fixed-term contract? no: the end defaults to the contract', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('start: 2026-02-01\n') });
    expect(withCode(await validateJson(root), 'term-outside-contract')).toEqual([]);
  });

  it('does not fire at the exact bounds', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('start: 2026-01-01\nend: 2027-01-01\n') });
    expect(withCode(await validateJson(root), 'term-outside-contract')).toEqual([]);
  });
});

describe('term-outside-lease', () => {
  const files = (terms: string) => ({
    ...BASE,
    'leases/l.yaml': `${lease('end: 2026-09-01\n')}---\nkind: delegation\nid: d1\nlease: l1\ntype: irr-maintainer\nto: acme\nmaintainer: ACME-MNT\n${terms}`,
  });

  it('fires when the delegation outlasts the lease', async () => {
    const [d] = withCode(await validateJson(tempRepo(files('end: 2026-10-01\n'))), 'term-outside-lease');
    expect(d).toMatchObject({ line: 14, column: 6, id: 'd1' });
  });

  it('does not fire when it defaults to the lease term', async () => {
    expect(withCode(await validateJson(tempRepo(files(''))), 'term-outside-lease')).toEqual([]);
  });
});

describe('lease-expiring', () => {
  it('warns within the window, at the inherited end (the lease id)', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('') });
    const [d] = withCode(await validateJson(root, '2026-12-02'), 'lease-expiring');
    expect(d).toMatchObject({ severity: 'warning', line: 2, column: 5 });
    expect(d.message).toMatch(/in 30 days/);
  });

  it('does not warn 31 days before, after the end, or with auto renewal', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('') });
    expect(withCode(await validateJson(root, '2026-12-01'), 'lease-expiring')).toEqual([]);
    expect(withCode(await validateJson(root, '2027-01-01'), 'lease-expiring')).toEqual([]);
    const auto = tempRepo({
      ...BASE,
      'leases/contracts.yaml': BASE['leases/contracts.yaml'].replace('end: 2027-01-01', 'end: 2027-01-01\nrenewal: { auto: true, periodMonths: 12, noticeDays: 30 }'),
      'leases/l.yaml': lease(''),
    });
    expect(withCode(await validateJson(auto, '2026-12-20'), 'lease-expiring')).toEqual([]);
  });

  it('warns on the last active day', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('end: 2026-08-01\n') });
    const [d] = withCode(await validateJson(root, '2026-07-31'), 'lease-expiring');
    expect(d).toMatchObject({ line: 6, column: 6 });
    expect(d.message).toMatch(/in 1 day\b/);
  });
});
