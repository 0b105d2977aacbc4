import { describe, expect, it } from 'vitest';
import { BASE, tempRepo, validateJson, withCode } from '../helpers/repo.js';

const lease = (id: string, extra = '') => `kind: lease\nid: ${id}\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: [64501]\n${extra}`;

describe('id-duplicate', () => {
  it('fires on the later record, related to the first', async () => {
    const root = tempRepo({ ...BASE, 'leases/z.yaml': 'kind: party\nid: acme\nname: Other Acme\n' });
    const [d] = withCode(await validateJson(root), 'id-duplicate');
    expect(d).toMatchObject({ file: 'leases/z.yaml', line: 2, column: 5, id: 'acme' });
    expect(d.related).toEqual([{ file: 'leases/parties.yaml', line: 9, column: 5, id: 'acme' }]);
  });

  it('allows the same id in different kinds', async () => {
    const root = tempRepo({ ...BASE, 'leases/a.yaml': lease('acme') });
    expect(withCode(await validateJson(root), 'id-duplicate')).toEqual([]);
  });
});

describe('self-party', () => {
  it('fires when no party is self while contracts exist', async () => {
    const root = tempRepo({ ...BASE, 'leases/parties.yaml': BASE['leases/parties.yaml'].replace('self: true\n', '') });
    const [d] = withCode(await validateJson(root), 'self-party');
    expect(d).toMatchObject({ file: 'leases/contracts.yaml', line: 2, column: 5 });
  });

  it('fires on the second self party', async () => {
    const root = tempRepo({ ...BASE, 'leases/z.yaml': 'kind: party\nid: us2\nname: Us too\nself: true\n' });
    const [d] = withCode(await validateJson(root), 'self-party');
    expect(d).toMatchObject({ file: 'leases/z.yaml', line: 4, column: 7, id: 'us2' });
  });

  it('does not fire without contracts', async () => {
    const root = tempRepo({ 'leases/p.yaml': 'kind: party\nid: p\nname: P\n' });
    expect(withCode(await validateJson(root), 'self-party')).toEqual([]);
  });
});

describe('ref-unknown', () => {
  it('fires at the referring field', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': 'kind: lease\nid: l1\ncontract: nope\nprefix: 192.0.2.0/24\norigins: [64501]\n' });
    const [d] = withCode(await validateJson(root), 'ref-unknown');
    expect(d).toMatchObject({ file: 'leases/l.yaml', line: 3, column: 11 });
    expect(d.message).toMatch(/'nope' names no contract/);
  });

  it('fires for a delegation to an unknown party and lease', async () => {
    const root = tempRepo({ ...BASE, 'leases/d.yaml': 'kind: delegation\nid: d1\nlease: ghost\ntype: irr-maintainer\nto: nobody\nmaintainer: X-MNT\n' });
    const found = withCode(await validateJson(root), 'ref-unknown');
    expect(found.map((d) => d.line)).toEqual([3, 5]);
  });

  it('resolves references to a duplicated id to the first record', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('l1'), 'leases/m.yaml': 'kind: contract\nid: c-acme\ndirection: inbound\ncounterparty: acme\nstart: 2026-01-01\n' });
    const report = await validateJson(root);
    expect(withCode(report, 'ref-invalid')).toEqual([]);
    expect(withCode(report, 'id-duplicate')).toHaveLength(1);
  });
});

describe('ref-invalid', () => {
  it('fires for a lease on an inbound contract', async () => {
    const root = tempRepo({
      ...BASE,
      'leases/in.yaml': 'kind: contract\nid: c-in\ndirection: inbound\ncounterparty: acme\nstart: 2026-01-01\n',
      'leases/l.yaml': 'kind: lease\nid: l1\ncontract: c-in\nprefix: 192.0.2.0/24\norigins: [64501]\n',
    });
    const [d] = withCode(await validateJson(root), 'ref-invalid');
    expect(d).toMatchObject({ file: 'leases/l.yaml', line: 3, column: 11 });
  });

  it('fires for an inbound holding on an outbound contract', async () => {
    const root = tempRepo({ ...BASE, 'leases/h.yaml': 'kind: holding\nid: h2\nprefix: 198.51.100.0/24\nregistry: ripe\nsource: inbound\ncontract: c-acme\n' });
    const [d] = withCode(await validateJson(root), 'ref-invalid');
    expect(d).toMatchObject({ file: 'leases/h.yaml', line: 6, column: 11 });
  });

  it('fires for an internal contract with another counterparty', async () => {
    const root = tempRepo({ ...BASE, 'leases/i.yaml': 'kind: contract\nid: c-int\ndirection: internal\ncounterparty: acme\nstart: 2026-01-01\n' });
    const [d] = withCode(await validateJson(root), 'ref-invalid');
    expect(d).toMatchObject({ file: 'leases/i.yaml', line: 4, column: 15 });
  });

  it('accepts an internal contract with the self party', async () => {
    const root = tempRepo({ ...BASE, 'leases/i.yaml': 'kind: contract\nid: c-int\ndirection: internal\ncounterparty: us\nstart: 2026-01-01\n' });
    expect(withCode(await validateJson(root), 'ref-invalid')).toEqual([]);
  });
});

describe('delegation-not-lessee', () => {
  const files = (to: string) => ({
    ...BASE,
    'leases/l.yaml': `${lease('l1')}---\nkind: delegation\nid: d1\nlease: l1\ntype: rpki-ca\nto: ${to}\nhandle: child\n`,
  });

  it('fires when the delegation goes to someone else', async () => {
    const [d] = withCode(await validateJson(tempRepo(files('globex'))), 'delegation-not-lessee');
    expect(d).toMatchObject({ file: 'leases/l.yaml', line: 11, column: 5 });
  });

  it('does not fire for the lessee', async () => {
    const report = await validateJson(tempRepo(files('acme')));
    expect(report.diagnostics).toEqual([]);
  });
});
