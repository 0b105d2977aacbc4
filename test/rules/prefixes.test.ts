import { describe, expect, it } from 'vitest';
import { BASE, tempRepo, validateJson, withCode } from '../helpers/repo.js';

const lease = (id: string, prefix: string, extra = '') => `kind: lease\nid: ${id}\ncontract: c-acme\nprefix: ${prefix}\norigins: [64501]\n${extra}`;
const holding = (id: string, prefix: string) => `kind: holding\nid: ${id}\nprefix: ${prefix}\nregistry: ripe\nsource: allocation\n`;

describe('prefix-invalid', () => {
  it.each([
    ['192.0.2/24', /IPv4|dotted|octet|syntax|CIDR/i],
    ['2001:db8::/32', /IPv6/],
    ['192.0.2.0', /length|\//i],
  ])('fires for %s at the prefix value', async (prefix, message) => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('l1', prefix) });
    const [d] = withCode(await validateJson(root), 'prefix-invalid');
    expect(d).toMatchObject({ file: 'leases/l.yaml', line: 4, column: 9 });
    expect(d.message).toMatch(message);
  });

  it('does not fire on a valid prefix', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('l1', '192.0.2.0/24') });
    expect((await validateJson(root)).diagnostics).toEqual([]);
  });
});

describe('prefix-not-canonical', () => {
  it('names the canonical form', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('l1', '192.0.2.7/24') });
    const [d] = withCode(await validateJson(root), 'prefix-not-canonical');
    expect(d).toMatchObject({ line: 4, column: 9 });
    expect(d.message).toContain('192.0.2.0/24');
  });
});

describe('prefix-reserved', () => {
  it('fires for a holding and a lease in private space, each reported', async () => {
    const root = tempRepo({ ...BASE, 'leases/h.yaml': holding('h2', '10.0.0.0/16'), 'leases/l.yaml': lease('l1', '10.0.1.0/24') });
    const found = withCode(await validateJson(root), 'prefix-reserved');
    expect(found.map((d) => [d.file, d.line, d.column])).toEqual([
      ['leases/h.yaml', 3, 9],
      ['leases/l.yaml', 4, 9],
    ]);
    expect(found[0].message).toMatch(/RFC ?1918/);
  });

  it('fires for multicast and for documentation space unless allowed', async () => {
    const root = tempRepo({ ...BASE, 'leasekit.yaml': 'policy: {}\n', 'leases/h2.yaml': holding('h2', '224.1.0.0/16') });
    const found = withCode(await validateJson(root), 'prefix-reserved');
    expect(found.map((d) => d.file).sort()).toEqual(['leases/h2.yaml', 'leases/holdings.yaml']);
  });

  it('does not fire for ordinary space', async () => {
    const root = tempRepo({ ...BASE, 'leases/h.yaml': holding('h2', '185.50.0.0/22') });
    expect(withCode(await validateJson(root), 'prefix-reserved')).toEqual([]);
  });
});

describe('prefix-too-specific', () => {
  it('warns for a lease longer than /24', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('l1', '192.0.2.128/25') });
    const report = await validateJson(root);
    const [d] = withCode(report, 'prefix-too-specific');
    expect(d).toMatchObject({ severity: 'warning', line: 4, column: 9 });
    expect(report.code).toBe(0);
  });

  it('does not warn for a /24', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('l1', '192.0.2.0/24') });
    expect(withCode(await validateJson(root), 'prefix-too-specific')).toEqual([]);
  });
});

describe('holding-overlap', () => {
  it('fires once per overlapping pair, on the later holding', async () => {
    const root = tempRepo({ ...BASE, 'leases/z.yaml': `${holding('h2', '192.0.2.128/25')}---\n${holding('h3', '192.0.2.0/26')}` });
    const found = withCode(await validateJson(root), 'holding-overlap');
    expect(found.map((d) => [d.id, d.line, d.related?.map((r) => r.id).join()])).toEqual([
      ['h2', 3, 'h1'],
      ['h3', 9, 'h1'],
    ]);
  });

  it('does not fire for adjacent holdings', async () => {
    const root = tempRepo({ ...BASE, 'leases/z.yaml': holding('h2', '198.51.100.0/24') });
    expect(withCode(await validateJson(root), 'holding-overlap')).toEqual([]);
  });
});

describe('prefix-outside-holdings', () => {
  it('fires for a lease no holding covers', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('l1', '198.51.100.0/24') });
    const [d] = withCode(await validateJson(root), 'prefix-outside-holdings');
    expect(d).toMatchObject({ line: 4, column: 9 });
  });

  it('fires for a lease larger than its holding', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('l1', '192.0.2.0/23') });
    const [d] = withCode(await validateJson(root), 'prefix-outside-holdings');
    expect(d.message).toMatch(/partly overlaps holding 'h1'/);
  });

  it('does not fire inside a holding', async () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': lease('l1', '192.0.2.0/24') });
    expect(withCode(await validateJson(root), 'prefix-outside-holdings')).toEqual([]);
  });
});
