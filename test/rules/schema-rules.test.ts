import { describe, expect, it } from 'vitest';
import { BASE, tempRepo, validateJson, withCode } from '../helpers/repo.js';

describe('schema', () => {
  it('points an unknown field at its key, with a typo hint', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': 'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: [64501]\norigns: [1]\n' });
    const [d] = withCode(await validateJson(root), 'schema');
    expect(d).toMatchObject({ file: 'leases/l.yaml', line: 6, column: 1, kind: 'lease', id: 'l1' });
    expect(d.message).toMatch(/unknown field 'origns' \(did you mean 'origins'\?\)/);
  });

  it('points a missing required field at the id, in the second document of a file', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': 'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: [64501]\n---\nkind: lease\nid: l2\ncontract: c-acme\nprefix: 192.0.2.0/24\n' });
    const [d] = withCode(await validateJson(root), 'schema');
    expect(d).toMatchObject({ line: 8, column: 5, id: 'l2' });
    expect(d.message).toMatch(/missing required field 'origins'/);
  });

  it('rejects an impossible date at its value', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': 'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: [64501]\nend: 2026-02-30\n' });
    const [d] = withCode(await validateJson(root), 'schema');
    expect(d).toMatchObject({ line: 6, column: 6 });
    expect(d.message).toMatch(/calendar date/);
  });

  it('reports an unknown kind and a bad id', async () => {
    const root = tempRepo({ ...BASE, 'leases/x.yaml': 'kind: leese\nid: x\n---\nkind: party\nid: Bad_ID\nname: X\n' });
    const found = withCode(await validateJson(root), 'schema');
    expect(found.map((d) => [d.line, d.column])).toEqual([
      [1, 7],
      [5, 5],
    ]);
    expect(found[0].message).toMatch(/unknown kind "leese"/);
    expect(found[1].message).toMatch(/must be an id/);
  });

  it('checks leasekit.yaml', async () => {
    const root = tempRepo({ ...BASE, 'leasekit.yaml': 'policy:\n  quarantineDays: -1\n  allowDocumentationSpace: true\n' });
    const [d] = withCode(await validateJson(root), 'schema');
    expect(d).toMatchObject({ file: 'leasekit.yaml', line: 2, column: 19 });
  });

  it('does not fire on valid records', async () => {
    const report = await validateJson(tempRepo(BASE));
    expect(report.diagnostics).toEqual([]);
  });
});
