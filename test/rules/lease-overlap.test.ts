import { describe, expect, it } from 'vitest';
import { BASE, tempRepo, validateJson, withCode } from '../helpers/repo.js';

const lease = (id: string, contract: string, prefix: string, terms = '', origin = contract === 'c-acme' ? 64501 : 64503) =>
  `kind: lease\nid: ${id}\ncontract: ${contract}\nprefix: ${prefix}\norigins: [${origin}]\n${terms}`;

describe('lease-overlap', () => {
  it('fires once per pair, on the lease that starts later, related to the other', async () => {
    const root = tempRepo({
      ...BASE,
      'leases/a.yaml': lease('a1', 'c-acme', '192.0.2.0/24'),
      'leases/b.yaml': lease('b1', 'c-globex', '192.0.2.128/25', 'start: 2026-03-01\n'),
    });
    const found = withCode(await validateJson(root), 'lease-overlap');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'leases/b.yaml', line: 4, column: 9, id: 'b1' });
    expect(found[0].related).toEqual([{ file: 'leases/a.yaml', line: 4, column: 9, id: 'a1' }]);
  });

  it('breaks a tie in start by the greater id', async () => {
    const root = tempRepo({ ...BASE, 'leases/a.yaml': `${lease('zz', 'c-acme', '192.0.2.0/24')}---\n${lease('aa', 'c-acme', '192.0.2.0/25')}` });
    const found = withCode(await validateJson(root), 'lease-overlap');
    expect(found.map((d) => d.id)).toEqual(['zz']);
  });

  it('finds past and future overlaps alike, and every pair among three', async () => {
    const root = tempRepo({
      ...BASE,
      'leases/a.yaml': [
        lease('p1', 'c-globex', '192.0.2.0/24', 'start: 2020-01-01\nend: 2021-01-01\n'),
        lease('p2', 'c-globex', '192.0.2.0/25', 'start: 2020-06-01\nend: 2020-07-01\n'),
        lease('p3', 'c-globex', '192.0.2.0/26', 'start: 2020-06-15\nend: 2020-06-20\n'),
      ].join('---\n'),
    });
    const found = withCode(await validateJson(root), 'lease-overlap');
    expect(found.map((d) => `${d.id}>${d.related![0].id}`).sort()).toEqual(['p2>p1', 'p3>p1', 'p3>p2']);
  });

  it('does not fire when one ends the day the other starts (half-open terms)', async () => {
    const root = tempRepo({
      ...BASE,
      'leases/a.yaml': `${lease('a1', 'c-acme', '192.0.2.0/24', 'end: 2026-06-01\n')}---\n${lease('a2', 'c-acme', '192.0.2.0/24', 'start: 2026-06-01\n')}`,
    });
    expect(withCode(await validateJson(root), 'lease-overlap')).toEqual([]);
  });

  it('does not fire for disjoint prefixes at the same time', async () => {
    const root = tempRepo({ ...BASE, 'leases/a.yaml': `${lease('a1', 'c-acme', '192.0.2.0/25')}---\n${lease('a2', 'c-globex', '192.0.2.128/25')}` });
    expect(withCode(await validateJson(root), 'lease-overlap')).toEqual([]);
  });

  it('applies the quarantine only between different counterparties', async () => {
    const files = {
      ...BASE,
      'leasekit.yaml': 'policy:\n  allowDocumentationSpace: true\n  quarantineDays: 30\n',
      'leases/a.yaml': lease('a1', 'c-acme', '192.0.2.0/24', 'end: 2026-06-01\n'),
      'leases/b.yaml': lease('g1', 'c-globex', '192.0.2.0/24', 'start: 2026-06-30\n'),
      'leases/c.yaml': lease('a2', 'c-acme', '192.0.2.0/25', 'start: 2026-06-01\nend: 2026-06-15\n'),
    };
    const found = withCode(await validateJson(tempRepo(files)), 'lease-overlap');
    // g1 starts 29 days after a1 ends (inside the quarantine), and overlaps a2 (ends 15 days before g1 + 30).
    expect(found.map((d) => `${d.id}>${d.related![0].id}`).sort()).toEqual(['g1>a1', 'g1>a2']);
    expect(found[0].message).toMatch(/quarantine/);
    const later = { ...files, 'leases/b.yaml': lease('g1', 'c-globex', '192.0.2.0/24', 'start: 2026-07-15\n') };
    expect(withCode(await validateJson(tempRepo(later)), 'lease-overlap')).toEqual([]);
  });

  it('keeps an open-ended lease open under quarantine', async () => {
    const root = tempRepo({
      ...BASE,
      'leasekit.yaml': 'policy:\n  allowDocumentationSpace: true\n  quarantineDays: 10\n',
      'leases/b.yaml': `${lease('g1', 'c-globex', '192.0.2.0/24')}---\n${lease('g2', 'c-globex', '192.0.2.0/24', 'start: 2030-01-01\n')}`,
    });
    expect(withCode(await validateJson(root), 'lease-overlap').map((d) => d.id)).toEqual(['g2']);
  });
});
