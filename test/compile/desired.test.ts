import { describe, expect, it } from 'vitest';
import { compileDesired } from '../../src/compile/desired.js';
import { identity } from '../../src/model/objects.js';
import { loadRepository } from '../../src/repo/load.js';
import { validate } from '../../src/rules/index.js';
import { BASE, EXAMPLE_ROOT, tempRepo } from '../helpers/repo.js';

function desiredAt(root: string, at: string) {
  const { model, errors } = validate(loadRepository(root), at);
  expect(errors).toBe(0);
  return compileDesired(model, at);
}

const keys = (objects: ReturnType<typeof desiredAt>) => objects.map(identity).sort();

describe('compile', () => {
  it('gives lease ROAs, an AS0 ROA per holding and route objects with the maintainer', () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': 'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: [64501, 64502]\n' });
    const objects = desiredAt(root, '2026-06-01');
    expect(keys(objects)).toEqual([
      'roa|local|192.0.2.0/24|24|64501',
      'roa|local|192.0.2.0/24|24|64502',
      'roa|local|192.0.2.0/24|32|0',
      'route|local|RIPE|192.0.2.0/24|64501',
      'route|local|RIPE|192.0.2.0/24|64502',
    ]);
    const route = objects.find((o) => o.type === 'route')!;
    expect(route).toMatchObject({ mntBy: ['US-MNT'], remarks: ['managed by leasekit, lease l1'], reason: { lease: 'l1' } });
    expect(objects.find((o) => o.type === 'roa' && o.asn === 0)).toMatchObject({ reason: { holding: 'h1' } });
  });

  it('makes a lease active on its start day and not on its end day', () => {
    const root = tempRepo({ ...BASE, 'leases/l.yaml': 'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: [64501]\nstart: 2026-03-01\nend: 2026-04-01\nirr: false\n' });
    const leaseRoas = (at: string) => desiredAt(root, at).filter((o) => o.type === 'roa' && o.asn !== 0).length;
    expect(leaseRoas('2026-02-28')).toBe(0);
    expect(leaseRoas('2026-03-01')).toBe(1);
    expect(leaseRoas('2026-03-31')).toBe(1);
    expect(leaseRoas('2026-04-01')).toBe(0);
  });

  it('uses maxLength, honours irr: false and as0: false, and the holding irr source and maintainer', () => {
    const root = tempRepo({
      ...BASE,
      'leases/holdings.yaml': 'kind: holding\nid: h1\nprefix: 192.0.2.0/24\nregistry: arin\nsource: legacy\nrpki: { as0: false }\nirr: { maintainer: MNT-US }\n',
      'leases/l.yaml': 'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]\nmaxLength: 25\n---\nkind: lease\nid: l2\ncontract: c-acme\nprefix: 192.0.2.128/25\norigins: [64501]\nirr: false\n',
    });
    expect(keys(desiredAt(root, '2026-06-01'))).toEqual(['roa|local|192.0.2.0/25|25|64501', 'roa|local|192.0.2.128/25|25|64501', 'route|local|ARIN|192.0.2.0/25|64501']);
    expect(desiredAt(root, '2026-06-01').find((o) => o.type === 'route')).toMatchObject({ mntBy: ['MNT-US'] });
  });

  it('replaces lease ROAs by child-CA resources while an rpki-ca delegation is active, and adds irr-maintainer mntBy', () => {
    const root = tempRepo({
      ...BASE,
      'leases/l.yaml': [
        'kind: lease\nid: l1\ncontract: c-acme\nprefix: 192.0.2.0/24\norigins: [64501]',
        'kind: delegation\nid: d-ca\nlease: l1\ntype: rpki-ca\nto: acme\nhandle: acme-ca\nstart: 2026-05-01',
        'kind: delegation\nid: d-mnt\nlease: l1\ntype: irr-maintainer\nto: acme\nmaintainer: ACME-MNT\nend: 2026-07-01',
        'kind: delegation\nid: d-mnt2\nlease: l1\ntype: irr-maintainer\nto: acme\nmaintainer: US-MNT',
      ].join('\n---\n') + '\n',
    });
    expect(keys(desiredAt(root, '2026-04-30'))).toContain('roa|local|192.0.2.0/24|24|64501');
    const may = desiredAt(root, '2026-05-01');
    expect(keys(may)).toEqual(['child-resources|local|acme-ca|192.0.2.0/24', 'roa|local|192.0.2.0/24|32|0', 'route|local|RIPE|192.0.2.0/24|64501']);
    expect(may.find((o) => o.type === 'route')).toMatchObject({ mntBy: ['US-MNT', 'ACME-MNT'] });
    expect(desiredAt(root, '2026-07-01').find((o) => o.type === 'route')).toMatchObject({ mntBy: ['US-MNT'] });
  });

  it('publishes nothing for lessor-managed inbound space, and treats delegated inbound space as ours', () => {
    const files = (rpki: string) => ({
      ...BASE,
      'leases/in.yaml': [
        'kind: party\nid: lessor\nname: L',
        `kind: contract\nid: c-in\ndirection: inbound\ncounterparty: lessor\nstart: 2025-01-01\nsublease: true\nrpki: ${rpki}`,
        'kind: holding\nid: h-in\nprefix: 198.51.100.0/24\nregistry: ripe\nsource: inbound\ncontract: c-in',
        'kind: lease\nid: s1\ncontract: c-globex\nprefix: 198.51.100.0/24\norigins: [64503]',
      ].join('\n---\n') + '\n',
    });
    const inbound = (rpki: string) => keys(desiredAt(tempRepo(files(rpki)), '2026-06-01')).filter((k) => k.includes('198.51.100'));
    expect(inbound('lessor-managed')).toEqual([]);
    expect(inbound('delegated')).toEqual(['roa|local|198.51.100.0/24|24|64503', 'roa|local|198.51.100.0/24|32|0', 'route|local|RIPE|198.51.100.0/24|64503']);
  });

  it('compiles the example repository', () => {
    expect(desiredAt(EXAMPLE_ROOT, '2026-11-27')).toHaveLength(11);
  });
});
