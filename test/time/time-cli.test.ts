import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, cli, tempRepo, validateJson, withCode } from '../helpers/repo.js';

/** Acme's lease on 192.0.2.0/25 from 2026-06-10 until 2026-07-01, under the base repository's lessor. */
const ACME = 'kind: lease\nid: acme-1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]\nstart: 2026-06-10\nend: 2026-07-01\n';
const policy = (extra: string) => `policy:\n  allowDocumentationSpace: true\n${extra}`;

interface PlanItem {
  op: string;
  type: string;
  prefix: string;
  asn?: number;
  maxLength?: number;
  reason: Record<string, unknown>;
}
interface PlanBody {
  at: string;
  fingerprint: string;
  changes: PlanItem[];
  violations: Array<{ provider: string; message: string }>;
  schedule?: Array<{ day: string; changes: PlanItem[] }>;
}

async function planJson(root: string, at: string, ...args: string[]): Promise<PlanBody> {
  const result = await cli(['plan', '--repo', root, '--at', at, '--format', 'json', ...args]);
  expect(result.code, result.stderr + result.stdout).toBe(0);
  return JSON.parse(result.stdout) as PlanBody;
}

const leaseRoas = (p: { changes: PlanItem[] }) => p.changes.filter((c) => c.type === 'roa' && c.asn !== 0).map((c) => `${c.op} ${c.prefix} AS${c.asn}`);
const edit = (root: string, file: string, from: string | RegExp, to: string) => fs.writeFileSync(path.join(root, file), fs.readFileSync(path.join(root, file), 'utf8').replace(from, to));

async function applied(root: string, at: string, ...args: string[]) {
  const result = await cli(['apply', '--repo', root, '--at', at, '--yes', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

describe('the publication window', () => {
  it('publishes a lease from start - publishLeadDays until end + withdrawGraceDays', async () => {
    const root = tempRepo({ ...BASE, 'leasekit.yaml': policy('  publishLeadDays: 2\n  withdrawGraceDays: 3\n'), 'leases/acme.yaml': ACME });
    expect(leaseRoas(await planJson(root, '2026-06-07'))).toEqual([]);
    const first = await planJson(root, '2026-06-08');
    expect(leaseRoas(first)).toEqual(['create 192.0.2.0/25 AS64501']);
    expect(first.changes.find((c) => c.asn === 64501)!.reason).toEqual({ lease: 'acme-1', event: 'starts' });
    expect((await planJson(root, '2026-06-09')).changes.find((c) => c.asn === 64501)!.reason).toEqual({ lease: 'acme-1', event: 'active' });
    expect(leaseRoas(await planJson(root, '2026-07-03'))).toEqual(['create 192.0.2.0/25 AS64501']);
    expect(leaseRoas(await planJson(root, '2026-07-04'))).toEqual([]);
  });

  it('defaults to the term itself', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME });
    expect(leaseRoas(await planJson(root, '2026-06-09'))).toEqual([]);
    expect(leaseRoas(await planJson(root, '2026-06-10'))).toEqual(['create 192.0.2.0/25 AS64501']);
    expect(leaseRoas(await planJson(root, '2026-06-30'))).toEqual(['create 192.0.2.0/25 AS64501']);
    expect(leaseRoas(await planJson(root, '2026-07-01'))).toEqual([]);
  });

  it('lease-overlap compares the extended windows between different counterparties only', async () => {
    const globex = 'kind: lease\nid: globex-1\ncontract: c-globex\nprefix: 192.0.2.0/25\norigins: [64503]\nstart: 2026-07-01\nend: 2026-08-01\n';
    const acme2 = 'kind: lease\nid: acme-2\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]\nstart: 2026-07-01\nend: 2026-08-01\n';
    const back = tempRepo({ ...BASE, 'leases/acme.yaml': ACME, 'leases/globex.yaml': globex });
    expect(withCode(await validateJson(back), 'lease-overlap')).toEqual([]);
    for (const key of ['publishLeadDays', 'withdrawGraceDays']) {
      const led = tempRepo({ ...BASE, 'leasekit.yaml': policy(`  ${key}: 1\n`), 'leases/acme.yaml': ACME, 'leases/globex.yaml': globex });
      const found = withCode(await validateJson(led), 'lease-overlap');
      expect(found.map((d) => d.id), key).toEqual(['globex-1']);
      expect(found[0].message).toContain('publication window');
    }
    const sameParty = tempRepo({ ...BASE, 'leasekit.yaml': policy('  publishLeadDays: 1\n  withdrawGraceDays: 1\n'), 'leases/acme.yaml': `${ACME}---\n${acme2}` });
    expect(withCode(await validateJson(sameParty), 'lease-overlap')).toEqual([]);
  });
});

describe('plan --horizon: the schedule', () => {
  it('lists each day the desired state changes, in JSON, text and Markdown, outside the fingerprint', async () => {
    const root = tempRepo({ ...BASE, 'leasekit.yaml': policy('  publishLeadDays: 1\n'), 'leases/acme.yaml': ACME });
    const plain = await planJson(root, '2026-06-01');
    const ahead = await planJson(root, '2026-06-01', '--horizon', '60');
    expect(plain.schedule).toBeUndefined();
    expect(ahead.fingerprint).toBe(plain.fingerprint);
    expect(ahead.schedule!.map((d) => [d.day, d.changes.map((c) => `${c.op} ${c.type} ${c.reason.event}${c.reason.day ? ` ${String(c.reason.day)}` : ''}`)])).toEqual([
      ['2026-06-09', ['create roa starts', 'create route starts']],
      ['2026-07-01', ['delete route ended 2026-07-01', 'delete roa ended 2026-07-01']],
    ]);
    expect((await planJson(root, '2026-06-01', '--horizon', '20')).schedule!.map((d) => d.day)).toEqual(['2026-06-09']);

    const text = (await cli(['plan', '--repo', root, '--at', '2026-06-01', '--horizon', '60'])).stdout;
    expect(text).toMatch(/^2026-06-09:\n {2}provider local:\n {4}\+ roa {4}192\.0\.2\.0\/25 max 25 AS64501 {2}\(lease acme-1 \(Acme\) starts\)$/m);
    expect(text).toMatch(/^ {4}- roa {4}192\.0\.2\.0\/25 max 25 AS64501 {2}\(lease acme-1 \(Acme\) ended on 2026-07-01\)$/m);
    const md = (await cli(['plan', '--repo', root, '--at', '2026-06-01', '--horizon', '60', '--format', 'markdown'])).stdout;
    expect(md).toContain('#### Schedule (next 60 days)');
    expect(md).toContain('##### 2026\\-06\\-09\n\n| | provider | object | because |\n|---|---|---|---|\n| + | local | roa    192\\.0\\.2\\.0/25 max 25 AS64501 | lease acme\\-1 \\(Acme\\) starts |');
    expect(md).toContain('| - | local | roa    192\\.0\\.2\\.0/25 max 25 AS64501 | lease acme\\-1 \\(Acme\\) ended on 2026\\-07\\-01 |');
    expect((await cli(['plan', '--repo', root, '--horizon', 'soon'])).code).toBe(2);
  });

  it('says so when nothing changes ahead', async () => {
    const root = tempRepo({ ...BASE });
    expect((await cli(['plan', '--repo', root, '--at', '2026-06-01', '--horizon', '30'])).stdout).toContain('Schedule: no changes on the days ahead.');
  });
});

describe('why each delete happens, through the CLI in text and JSON', () => {
  const both = async (root: string, at: string) => ({ json: await planJson(root, at), text: (await cli(['plan', '--repo', root, '--at', at])).stdout });
  const deletes = (p: PlanBody) => p.changes.filter((c) => c.op === 'delete').map((c) => ({ what: `${c.type} ${c.prefix}${c.asn !== undefined ? ` AS${c.asn} max ${c.maxLength}` : ''}`, reason: c.reason }));

  it('ended, with its day', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME });
    await applied(root, '2026-06-15');
    const { json, text } = await both(root, '2026-07-02');
    expect(deletes(json)).toEqual([
      { what: 'route 192.0.2.0/25', reason: { lease: 'acme-1', event: 'ended', day: '2026-07-01' } },
      { what: 'roa 192.0.2.0/25 AS64501 max 25', reason: { lease: 'acme-1', event: 'ended', day: '2026-07-01' } },
    ]);
    expect(text).toContain('- roa    192.0.2.0/25 max 25 AS64501  (lease acme-1 (Acme) ended on 2026-07-01)');
  });

  it('not-started', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME });
    await applied(root, '2026-06-15');
    edit(root, 'leases/acme.yaml', 'start: 2026-06-10', 'start: 2026-06-20');
    const { json, text } = await both(root, '2026-06-15');
    expect(deletes(json).map((d) => d.reason)).toEqual([{ lease: 'acme-1', event: 'not-started' }, { lease: 'acme-1', event: 'not-started' }]);
    expect(text).toContain('(lease acme-1 (Acme) has not started)');
  });

  it('changed: an origin removed, a maxLength changed', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME.replace('origins: [64501]', 'origins: [64501, 64502]') });
    await applied(root, '2026-06-15');
    edit(root, 'leases/acme.yaml', 'origins: [64501, 64502]', 'origins: [64501]');
    const origin = await both(root, '2026-06-15');
    expect(deletes(origin.json)).toEqual([
      { what: 'route 192.0.2.0/25', reason: { lease: 'acme-1', event: 'changed' } },
      { what: 'roa 192.0.2.0/25 AS64502 max 25', reason: { lease: 'acme-1', event: 'changed' } },
    ]);
    expect(origin.text).toContain('- roa    192.0.2.0/25 max 25 AS64502  (lease acme-1 (Acme) no longer implies it)');
    await applied(root, '2026-06-15');
    edit(root, 'leases/acme.yaml', 'origins: [64501]', 'origins: [64501]\nmaxLength: 26');
    const maxLength = await both(root, '2026-06-15');
    expect(deletes(maxLength.json)).toEqual([{ what: 'roa 192.0.2.0/25 AS64501 max 25', reason: { lease: 'acme-1', event: 'changed' } }]);
    expect(maxLength.json.changes.filter((c) => c.op === 'create').map((c) => [c.maxLength, c.reason])).toEqual([[26, { lease: 'acme-1', event: 'active' }]]);
    expect(maxLength.text).toContain('- roa    192.0.2.0/25 max 25 AS64501  (lease acme-1 (Acme) no longer implies it)');
  });

  it('removed: the lease a route object names is gone', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME });
    await applied(root, '2026-06-15');
    fs.rmSync(path.join(root, 'leases/acme.yaml'));
    const { json, text } = await both(root, '2026-06-15');
    expect(deletes(json)[0]).toEqual({ what: 'route 192.0.2.0/25', reason: { lease: 'acme-1', event: 'removed' } });
    expect(text).toContain('- route  192.0.2.0/25 AS64501 RIPE mnt-by US-MNT  (lease acme-1 no longer exists)');
  });
});

describe('onboarding: objects no record explains', () => {
  /** A registry that held four lessee ROAs (and the AS0 ROA) before leasekit. */
  function onboarding(): string {
    const root = tempRepo({ ...BASE });
    const roas = [{ prefix: '192.0.2.0/24', maxLength: 32, asn: 0 }, ...[0, 64, 128, 192].map((n, i) => ({ prefix: `192.0.2.${n}/26`, maxLength: 26, asn: 64501 + (i % 3) }))];
    fs.mkdirSync(path.join(root, 'state'));
    fs.writeFileSync(path.join(root, 'state/local-registry.json'), JSON.stringify({ roas, routes: [], childResources: [] }));
    return root;
  }
  const held = (root: string) => (JSON.parse(fs.readFileSync(path.join(root, 'state/local-registry.json'), 'utf8')) as { roas: unknown[] }).roas.length;

  it('plans them as unknown in their own section; apply deletes nothing without --force, and says to import first', async () => {
    const root = onboarding();
    const json = await planJson(root, '2026-06-15');
    expect(json.changes.map((c) => `${c.op} ${c.prefix} ${String(c.reason.event)}`)).toEqual(['delete 192.0.2.0/26 unknown', 'delete 192.0.2.64/26 unknown', 'delete 192.0.2.128/26 unknown', 'delete 192.0.2.192/26 unknown']);
    const text = (await cli(['plan', '--repo', root, '--at', '2026-06-15'])).stdout;
    expect(text).toContain("unknown objects (no record in the repository explains these objects, past or future; run 'leasekit import' to draft records for them first. apply deletes them only with --force):\n  - local: roa    192.0.2.0/26 max 26 AS64501\n");
    expect(text).not.toContain('provider local:');
    const md = (await cli(['plan', '--repo', root, '--at', '2026-06-15', '--format', 'markdown'])).stdout;
    expect(md).toContain('#### :warning: 4 object(s) no record explains');
    expect(md).toContain('run `leasekit import` first');

    const refused = await cli(['apply', '--repo', root, '--at', '2026-06-15', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('4 object(s) that no record explains would be deleted');
    expect(refused.stderr).toContain("run 'leasekit import'");
    expect(held(root)).toBe(5);
    await applied(root, '2026-06-15', '--force');
    expect(held(root)).toBe(1);
  });

  it('a small lessor whose every managed object would go is stopped by the thresholds below minObjects', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME });
    await applied(root, '2026-06-15');
    edit(root, 'leases/holdings.yaml', 'source: allocation', 'source: allocation\nrpki: { as0: false }');
    const json = await planJson(root, '2026-07-02');
    expect(json.violations.map((v) => v.message)).toContain('all 3 managed objects would be deleted (below minObjects 10, but every one would go)');
  });
});

describe('plan and apply details', () => {
  it('--detailed-exitcode exits 1 on every failure, 2 only for changes', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME });
    expect((await cli(['plan', '--repo', path.join(root, 'missing'), '--detailed-exitcode'])).code).toBe(1);
    const badDay = await cli(['plan', '--repo', root, '--at', '2026-13-01', '--detailed-exitcode']);
    expect(badDay.code).toBe(1);
    expect(badDay.stderr).toContain("--at must be a date YYYY-MM-DD, got '2026-13-01'");
    expect((await cli(['plan', '--repo', root, '--at', '2026-06-15', '--detailed-exitcode', '--bogus'])).code).toBe(1);
    expect((await cli(['plan', '--repo', root, '--at', '2026-06-15', '--detailed-exitcode'])).code).toBe(2);
    expect((await cli(['plan', '--repo', path.join(root, 'missing')])).code).toBe(2); // without the flag: the usual usage code
  });

  it('apply --plan uses the day saved in the plan unless --at is given', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME });
    const file = path.join(root, 'june.json');
    expect((await cli(['plan', '--repo', root, '--at', '2026-06-15', '--out', file])).code).toBe(0);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as PlanBody;
    expect(saved.at).toBe('2026-06-15');
    const other = await cli(['apply', '--repo', root, '--plan', file, '--at', '2026-07-02', '--yes']);
    expect(other.code).toBe(1); // another day, another plan
    expect(other.stderr).toContain('the saved plan is for 2026-06-15, this apply is for 2026-07-02');
    const result = await cli(['apply', '--repo', root, '--plan', file, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('leasekit plan for 2026-06-15');
    expect(result.stdout).toContain('Applied: 3 created, 0 updated, 0 deleted.');
  });

  it('shows threshold violations in text and JSON plans', async () => {
    const root = tempRepo({ ...BASE, 'leasekit.yaml': policy('thresholds:\n  minObjects: 1\n'), 'leases/acme.yaml': ACME });
    await applied(root, '2026-06-15');
    const json = await planJson(root, '2026-07-02');
    expect(json.violations).toEqual([{ provider: 'local', message: '2 of 3 managed objects would be deleted (66.7% > maxDeletePercent 25)' }]);
    const text = (await cli(['plan', '--repo', root, '--at', '2026-07-02'])).stdout;
    expect(text).toContain('safety thresholds crossed (apply refuses without --force):\n  ! local: 2 of 3 managed objects would be deleted (66.7% > maxDeletePercent 25)\n');
    expect((await planJson(root, '2026-06-15')).violations).toEqual([]);
  });

  it('Markdown shows an update as before → after', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME });
    await applied(root, '2026-06-15');
    edit(root, 'leases/parties.yaml', 'irrMaintainer: US-MNT', 'irrMaintainer: NEW-MNT');
    const md = (await cli(['plan', '--repo', root, '--at', '2026-06-15', '--format', 'markdown'])).stdout;
    expect(md).toContain('~ route  192.0.2.0/25 AS64501 RIPE mnt-by US-MNT → NEW-MNT');
    expect(md).toContain('| ~ | route  192\\.0\\.2\\.0/25 AS64501 RIPE mnt\\-by US\\-MNT → NEW\\-MNT | lease acme\\-1 \\(Acme\\) changed |');
  });

  it('plan --verify says so when no provider can verify', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME });
    const text = await cli(['plan', '--repo', root, '--at', '2026-06-15', '--verify']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('not verified: no provider with changes in this plan can check them before apply');
    const json = await planJson(root, '2026-06-15', '--verify');
    expect((json as unknown as { verifiers: string[] }).verifiers).toEqual([]);
  });

  it('apply names each step in words and says when it is done', async () => {
    const root = tempRepo({ ...BASE, 'leases/acme.yaml': ACME });
    const result = await applied(root, '2026-06-15');
    expect(result.stderr).toMatch(/^local: creating 2 ROAs…\nlocal: created 2 ROAs \(done \d\d:\d\d:\d\dZ, \d+\.\ds\)\nlocal: writing 1 route object…\nlocal: wrote 1 route object \(done \d\d:\d\d:\d\dZ, \d+\.\ds\)\n$/);
  });
});
