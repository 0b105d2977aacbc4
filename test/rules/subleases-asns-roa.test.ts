import { describe, expect, it } from 'vitest';
import { BASE, tempRepo, validateJson, withCode } from '../helpers/repo.js';

const inbound = (sublease: boolean) => ({
  ...BASE,
  'leases/in.yaml': [
    'kind: party\nid: lessor\nname: Lessor',
    `kind: contract\nid: c-in\ndirection: inbound\ncounterparty: lessor\nstart: 2025-01-01\nend: 2027-06-01\nsublease: ${sublease}`,
    'kind: holding\nid: h-in\nprefix: 198.51.100.0/24\nregistry: arin\nsource: inbound\ncontract: c-in',
  ].join('\n---\n') + '\n',
});
const sub = (terms = '', contract = 'c-acme') => `kind: lease\nid: s1\ncontract: ${contract}\nprefix: 198.51.100.0/24\norigins: [64501]\n${terms}`;

describe('sublease-not-allowed', () => {
  it('fires for an outbound lease in inbound space without permission', async () => {
    const [d] = withCode(await validateJson(tempRepo({ ...inbound(false), 'leases/s.yaml': sub() })), 'sublease-not-allowed');
    expect(d).toMatchObject({ file: 'leases/s.yaml', line: 4, column: 9 });
    expect(d.related?.[0]).toMatchObject({ file: 'leases/in.yaml', line: 11, column: 11 });
  });

  it('does not fire when subleasing is allowed, or for internal use', async () => {
    expect(withCode(await validateJson(tempRepo({ ...inbound(true), 'leases/s.yaml': sub() })), 'sublease-not-allowed')).toEqual([]);
    const internal = {
      ...inbound(false),
      'leases/i.yaml': 'kind: contract\nid: c-int\ndirection: internal\ncounterparty: us\nstart: 2026-01-01\n',
      'leases/s.yaml': sub('end: 2027-01-01\n', 'c-int').replace('64501', '64500'),
    };
    expect((await validateJson(tempRepo(internal))).diagnostics).toEqual([]);
  });
});

describe('sublease-outlives-inbound', () => {
  it('fires for an open-ended sublease of a fixed-term inbound contract, at the lease id', async () => {
    const files = { ...inbound(true), 'leases/s.yaml': sub('', 'c-globex').replace('64501', '64503') };
    const [d] = withCode(await validateJson(tempRepo(files)), 'sublease-outlives-inbound');
    expect(d).toMatchObject({ line: 2, column: 5 });
    expect(d.message).toMatch(/open-ended/);
  });

  it('fires at end when the sublease ends after the inbound contract', async () => {
    const files = { ...inbound(true), 'leases/s.yaml': sub('end: 2027-06-02\n', 'c-globex').replace('64501', '64503') };
    const [d] = withCode(await validateJson(tempRepo(files)), 'sublease-outlives-inbound');
    expect(d).toMatchObject({ line: 6, column: 6 });
  });

  it('does not fire when it ends with the inbound contract', async () => {
    const files = { ...inbound(true), 'leases/s.yaml': sub('end: 2027-06-01\n', 'c-globex').replace('64501', '64503') };
    expect((await validateJson(tempRepo(files))).diagnostics).toEqual([]);
  });
});

describe('asn-invalid and asn-reserved', () => {
  it('fire at the offending list element', async () => {
    const root = tempRepo({ ...BASE, 'leases/p.yaml': 'kind: party\nid: p2\nname: P\nasns: [64501, "AS64502", 4294967296, 1.5, 65000, 0, 23456]\n' });
    const report = await validateJson(root);
    expect(withCode(report, 'asn-invalid').map((d) => d.column)).toEqual([15, 26, 38]);
    expect(withCode(report, 'asn-reserved').map((d) => d.column)).toEqual([43, 50, 53]);
    expect(withCode(report, 'schema')).toEqual([]);
  });

  it('flag documentation ASNs unless allowed', async () => {
    const root = tempRepo({ ...BASE, 'leasekit.yaml': 'policy: {}\n', 'leases/holdings.yaml': 'kind: holding\nid: h1\nprefix: 185.50.0.0/24\nregistry: ripe\nsource: allocation\n' });
    const found = withCode(await validateJson(root), 'asn-reserved');
    expect(found.map((d) => d.file)).toEqual(['leases/parties.yaml', 'leases/parties.yaml', 'leases/parties.yaml', 'leases/parties.yaml']);
  });

  it('accept ordinary public ASNs', async () => {
    const root = tempRepo({ ...BASE, 'leases/p.yaml': 'kind: party\nid: p2\nname: P\nasns: [1, 3333, 212100, 4199999999]\n' });
    expect((await validateJson(root)).diagnostics).toEqual([]);
  });
});

describe('origin-not-authorized', () => {
  it('fires at the origin that is not the counterparty\'s', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': 'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins:\n  - 64501\n  - 64503\n' });
    const [d] = withCode(await validateJson(root), 'origin-not-authorized');
    expect(d).toMatchObject({ line: 7, column: 5 });
    expect(d.related?.[0]).toMatchObject({ id: 'acme' });
  });

  it('does not fire for the counterparty\'s own ASNs', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': 'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: [64501, 64502]\n' });
    expect((await validateJson(root)).diagnostics).toEqual([]);
  });
});

describe('maxLength', () => {
  const lease = (max: number, prefix = '192.0.2.0/24') => ({ ...BASE, 'leases/l.yaml': `kind: lease\nid: l1\ncontract: c-acme\nprefix: ${prefix}\norigins: [64501]\nmaxLength: ${max}\n` });

  it('maxlength-invalid below the prefix length and above 32', async () => {
    for (const max of [23, 33]) {
      const [d] = withCode(await validateJson(tempRepo(lease(max))), 'maxlength-invalid');
      expect(d).toMatchObject({ severity: 'error', line: 6, column: 12 });
    }
  });

  it('maxlength-loose warns above the prefix length', async () => {
    const report = await validateJson(tempRepo(lease(25)));
    expect(withCode(report, 'maxlength-loose')[0]).toMatchObject({ severity: 'warning', line: 6, column: 12 });
    expect(report.code).toBe(0);
  });

  it('neither fires at the prefix length', async () => {
    expect((await validateJson(tempRepo(lease(24)))).diagnostics).toEqual([]);
  });
});
