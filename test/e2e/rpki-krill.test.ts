import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { krillHarness } from '../providers/rpki/harness.js';
import { apply, AT, concurrentEditDuringApply, describeRpkiProvider, planJson, rpkiChanges, rpkiRepo } from './rpki-fixtures.js';

describeRpkiProvider(krillHarness);

describe('krill end to end: strict deltas', () => {
  concurrentEditDuringApply(krillHarness, /rpki: update CA lessor with 4 ROA creates .*: the registry refused it \(HTTP 400\): ROA delta rejected:\\n\\n'Cannot add the following duplicate ROAs:\\n {2}192\.0\.2\.0\/24-32 => 0\\n' {2}\[ca-roa-delta-error\]/); // verbatim, its newlines shown as \n (docs/security.md)
});

/** Globex's second lease is delegated to its own CA until 2026-09-01. */
const DELEGATED = {
  'leases/more.yaml': [
    'kind: lease\nid: globex-2\ncontract: c-globex\nprefix: 192.0.2.128/26\norigins: [200503]',
    'kind: delegation\nid: globex-2-ca\nlease: globex-2\ntype: rpki-ca\nto: globex\nhandle: globex-ca\nend: 2026-09-01',
  ].join('\n---\n') + '\n',
};

describe('krill end to end: rpki-ca delegations as child CA resources', () => {
  let h: ReturnType<typeof krillHarness>;
  let root: string;
  beforeEach(async () => {
    h = krillHarness();
    await h.start();
    root = rpkiRepo(h.config(), DELEGATED);
  });
  afterEach(() => h.stop());

  it("gives the child CA the lease's prefix instead of a ROA, and plan afterwards shows no changes", async () => {
    h.fake.addChild('globex-ca');
    const result = await apply(root);
    expect(result.code, result.stderr).toBe(0);
    expect(h.fake.childIpv4('globex-ca')).toBe('192.0.2.128/26');
    expect(h.state()).not.toContain('192.0.2.128/26 26 200503');
    expect(rpkiChanges(await planJson(root))).toEqual([]);
  });

  it('when the delegation ends, the ROA comes back and the child loses the prefix', async () => {
    h.fake.addChild('globex-ca');
    await apply(root);
    const later = '2026-10-01';
    expect(rpkiChanges(await planJson(root, later))).toEqual(['create roa 192.0.2.128/26 26 200503', 'delete child-resources globex-ca 192.0.2.128/26']);
    const result = await apply(root, later);
    expect(result.code, result.stderr).toBe(0);
    expect(h.fake.childIpv4('globex-ca')).toBe('');
    expect(h.state()).toContain('192.0.2.128/26 26 200503');
    expect(rpkiChanges(await planJson(root, later))).toEqual([]);
  });

  // Krill merges adjacent blocks (two /26 become one /25). The adapter cuts what it reads at
  // the read scope's prefixes, and the plan scopes each desired child-resources prefix.
  it('two adjacent leases delegated to one child CA converge', async () => {
    fs.appendFileSync(
      path.join(root, 'leases/more.yaml'),
      '---\nkind: lease\nid: globex-3\ncontract: c-globex\nprefix: 192.0.2.192/26\norigins: [200503]\n---\nkind: delegation\nid: globex-3-ca\nlease: globex-3\ntype: rpki-ca\nto: globex\nhandle: globex-ca\nend: 2026-09-01\n',
    );
    h.fake.addChild('globex-ca');
    expect((await apply(root)).code).toBe(0);
    expect(h.fake.childIpv4('globex-ca')).toBe('192.0.2.128/25');
    expect(rpkiChanges(await planJson(root))).toEqual([]);
  });

  it("an unknown child CA fails with Krill's words and exit 1", async () => {
    const result = await apply(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("failed: create rpki child-resources 192.0.2.128/26: HTTP 404: CA 'lessor' does not have child named 'globex-ca' [ca-child-unknown]");
  });

  it("space the CA does not hold fails with Krill's delta error, verbatim", async () => {
    fs.appendFileSync(path.join(root, 'leases/holdings.yaml'), '---\nkind: holding\nid: h3\nprefix: 203.0.113.0/24\nregistry: ripe\nsource: allocation\nrpki: { provider: rpki }\n');
    h.fake.addChild('globex-ca');
    const result = await apply(root, AT);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Cannot add the following ROAs with prefixes not on any of your certificates:\\n  203.0.113.0/24-32 => 0\\n'  [ca-roa-delta-error]"); // newlines shown as \n
    expect(h.state()).toEqual([]);
  });
});
