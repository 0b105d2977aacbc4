import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE, cli, tempRepo } from '../helpers/repo.js';
import { SECRET, type Harness } from '../providers/rpki/harness.js';

/**
 * A small lessor whose ROAs go to the RPKI provider under test (named `rpki`) and whose
 * route objects stay in the local registry: holdings 192.0.2.0/24 and 198.51.100.0/24;
 * lease acme-1 (192.0.2.0/25, AS200501, ends 2027-01-01), lease globex-1 (198.51.100.0/24,
 * AS200503, maxLength 25, open-ended).
 */
export const AT = '2026-06-01';
export const AFTER_ACME = '2027-02-01';
export const ENV: NodeJS.ProcessEnv = { RPKI_KEY: SECRET, LEASEKIT_RETRY_BASE_MS: '1', LEASEKIT_HTTP_TIMEOUT_MS: '2000' };

export const DESIRED = ['192.0.2.0/24 32 0', '192.0.2.0/25 25 200501', '198.51.100.0/24 25 200503', '198.51.100.0/24 32 0'];

export function rpkiRepo(provider: string, extra: Record<string, string> = {}): string {
  return tempRepo({
    'leasekit.yaml': `policy:\n  allowDocumentationSpace: true\nproviders:\n  rpki: ${provider}\n`,
    'leases/parties.yaml': [
      'kind: party\nid: us\nname: Us\nself: true\nasns: [200500]\nirrMaintainer: US-MNT',
      'kind: party\nid: acme\nname: Acme\nasns: [200501]',
      'kind: party\nid: globex\nname: Globex\nasns: [200503]',
    ].join('\n---\n') + '\n',
    'leases/holdings.yaml': [
      'kind: holding\nid: h1\nprefix: 192.0.2.0/24\nregistry: ripe\nsource: allocation\nrpki: { provider: rpki }',
      'kind: holding\nid: h2\nprefix: 198.51.100.0/24\nregistry: ripe\nsource: allocation\nrpki: { provider: rpki }',
    ].join('\n---\n') + '\n',
    'leases/contracts.yaml': BASE['leases/contracts.yaml'],
    'leases/leases.yaml': [
      'kind: lease\nid: acme-1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [200501]',
      'kind: lease\nid: globex-1\ncontract: c-globex\nprefix: 198.51.100.0/24\norigins: [200503]\nmaxLength: 25',
    ].join('\n---\n') + '\n',
    ...extra,
  });
}

export interface PlanItem {
  op: string;
  type: string;
  provider: string;
  prefix: string;
  maxLength?: number;
  asn?: number;
  child?: string;
}

export async function planJson(root: string, at = AT, env = ENV): Promise<{ fingerprint: string; changes: PlanItem[] }> {
  const result = await cli(['plan', '--repo', root, '--at', at, '--format', 'json'], { env });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

/** `create roa 192.0.2.0/25 25 200501`, for the ROA and child-resources changes of the RPKI provider. */
export function rpkiChanges(plan: { changes: PlanItem[] }): string[] {
  return plan.changes.filter((c) => c.provider === 'rpki').map((c) => (c.type === 'roa' ? `${c.op} roa ${c.prefix} ${c.maxLength} ${c.asn}` : `${c.op} ${c.type} ${c.child} ${c.prefix}`));
}

export function apply(root: string, at = AT, env = ENV, more: string[] = []) {
  return cli(['apply', '--repo', root, '--at', at, '--yes', ...more], { env });
}

/** The end-to-end checks every RPKI provider must pass, through the CLI against its fake. */
export function describeRpkiProvider(make: () => Harness): void {
  describe(`${make().label} end to end`, () => {
    let h: Harness;
    let root: string;
    beforeEach(async () => {
      h = make();
      await h.start();
      root = rpkiRepo(h.config());
    });
    afterEach(() => h.stop());

    it('apply on an empty registry gives exactly the desired ROAs, and plan afterwards shows no changes', async () => {
      const result = await apply(root);
      expect(result.code, result.stderr).toBe(0);
      expect(h.state()).toEqual(DESIRED);
      expect(rpkiChanges(await planJson(root))).toEqual([]);
      expect((await cli(['plan', '--repo', root, '--at', AT, '--detailed-exitcode'], { env: ENV })).code).toBe(0);
    });

    it("moving --at past an expiry deletes exactly that lease's ROA", async () => {
      await apply(root);
      expect(rpkiChanges(await planJson(root, AFTER_ACME))).toEqual(['delete roa 192.0.2.0/25 25 200501']);
      const result = await apply(root, AFTER_ACME);
      expect(result.code, result.stderr).toBe(0);
      expect(h.state()).toEqual(DESIRED.filter((r) => r !== '192.0.2.0/25 25 200501'));
      expect(rpkiChanges(await planJson(root, AFTER_ACME))).toEqual([]);
    });

    it('a change in the registry between plan and apply is detected, and nothing is written', async () => {
      const planFile = path.join(root, 'plan.json');
      expect((await cli(['plan', '--repo', root, '--at', AT, '--out', planFile], { env: ENV })).code).toBe(0);
      h.seed([{ type: 'roa', provider: 'rpki', prefix: '192.0.2.0/24', maxLength: 24, asn: 64999 }]);
      const result = await apply(root, AT, ENV, ['--plan', planFile]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/plan changed since it was approved/);
      expect(h.server.writes()).toEqual([]);
    });

    it('503 twice, then success: converges with exactly one write landing', async () => {
      h.server.failNext(2, 503, { method: 'POST' });
      const result = await apply(root);
      expect(result.code, result.stderr).toBe(0);
      expect(h.state()).toEqual(DESIRED);
      expect(h.applied()).toBe(1);
      expect(rpkiChanges(await planJson(root))).toEqual([]);
    });

    it('a connection dropped after the registry applied the call converges without a duplicate', async () => {
      h.server.dropAfterApply(1, 'POST');
      const result = await apply(root);
      expect(result.code, result.stderr).toBe(0);
      expect(h.state()).toEqual(DESIRED);
      expect(h.applied()).toBe(1);
      expect(h.server.writes()).toHaveLength(1);
    });

    it('a wrong key exits 1 naming the variable, and nothing is written', async () => {
      const wrong = 'wrong-key-for-the-registry';
      const result = await apply(root, AT, { ...ENV, RPKI_KEY: wrong });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/rpki: .*HTTP 401.*environment variable RPKI_KEY/);
      expect(result.stderr + result.stdout).not.toContain(wrong);
      expect(h.server.writes()).toEqual([]);
      expect(h.state()).toEqual([]);
    });

    it('a missing variable exits 1 naming provider and variable', async () => {
      const result = await cli(['plan', '--repo', root, '--at', AT], { env: { LEASEKIT_RETRY_BASE_MS: '1' } });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^leasekit: rpki: environment variable RPKI_KEY \(named by (apiKeyEnv|tokenEnv)\) is not set/);
      expect(h.server.requests).toEqual([]);
    });

    it('a changed maxLength converges (at RIPE the old ROA goes in the same call as the new one)', async () => {
      await apply(root);
      fs.writeFileSync(path.join(root, 'leases/leases.yaml'), fs.readFileSync(path.join(root, 'leases/leases.yaml'), 'utf8').replace('maxLength: 25', 'maxLength: 24'));
      expect(rpkiChanges(await planJson(root))).toEqual(['create roa 198.51.100.0/24 24 200503', 'delete roa 198.51.100.0/24 25 200503']);
      const result = await apply(root);
      expect(result.code, result.stderr).toBe(0);
      expect(h.state()).toEqual(['192.0.2.0/24 32 0', '192.0.2.0/25 25 200501', '198.51.100.0/24 24 200503', '198.51.100.0/24 32 0']);
      expect(rpkiChanges(await planJson(root))).toEqual([]);
    });

    it('make-before-break: a new origin is created, the old one deleted in a later call', async () => {
      await apply(root);
      const edit = (file: string, from: string, to: string) => fs.writeFileSync(path.join(root, file), fs.readFileSync(path.join(root, file), 'utf8').replace(from, to));
      edit('leases/leases.yaml', 'origins: [200503]', 'origins: [200500]');
      edit('leases/parties.yaml', 'asns: [200503]', 'asns: [200503, 200500]');
      const before = h.server.writes().length;
      const result = await apply(root);
      expect(result.code, result.stderr).toBe(0);
      const calls = h.server.writes().slice(before);
      expect(calls).toHaveLength(2);
      expect(h.state()).toEqual(['192.0.2.0/24 32 0', '192.0.2.0/25 25 200501', '198.51.100.0/24 25 200500', '198.51.100.0/24 32 0']);
    });
  });
}

/**
 * Someone else edits the registry after apply read it and before the write arrives: the
 * registry must refuse the write (ETag, duplicate), apply exits 1 with its words, and
 * nothing of ours lands.
 */
export function concurrentEditDuringApply(make: () => Harness, registryWords: RegExp): void {
  it('an edit by someone else between the read and the write is refused by the registry, verbatim, without damage', async () => {
    const h = make();
    await h.start();
    try {
      const root = rpkiRepo(h.config());
      const theirs = { type: 'roa', provider: 'rpki', prefix: '192.0.2.0/24', maxLength: 32, asn: 0 } as const;
      h.server.beforeNext(1, () => h.seed([theirs]), 'POST');
      const result = await apply(root);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(registryWords);
      expect(result.stderr).toMatch(/rpki/);
      expect(h.state()).toEqual(['192.0.2.0/24 32 0']);
    } finally {
      await h.stop();
    }
  });
}
