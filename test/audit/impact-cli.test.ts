import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempRepo } from '../helpers/repo.js';
import { AT, AUDIT_REPO } from './fixture.js';

const LATER = '2027-06-01'; // c-acme has ended: acme's ROAs go; globex-2 starts
const ROUTES = ['192.0.2.0/26 64501', '192.0.2.128/27 64502', '192.0.2.192/27 64501', '198.51.100.0/24 64503', '192.0.2.224/27 64503', '203.0.113.0/24 64999'].join('\n') + '\n';

function repo(extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { ...AUDIT_REPO, 'routes.txt': ROUTES, ...extra };
  files['leases/leases.yaml'] = files['leases/leases.yaml'].replace('prefix: 198.51.100.0/24\norigins: [64503]', 'prefix: 198.51.100.0/24\norigins: [64503]\nend: 2027-03-01');
  files['leases/leases.yaml'] += '---\nkind: lease\nid: globex-2\ncontract: c-globex\nprefix: 192.0.2.224/27\norigins: [64503]\nstart: 2027-05-01\n';
  return tempRepo(files);
}

async function appliedRepo(extra: Record<string, string> = {}): Promise<string> {
  const root = repo(extra);
  expect((await cli(['apply', '--repo', root, '--at', AT, '--yes'], { cwd: root })).code).toBe(0);
  return root;
}

const EXPECTED = [
  { prefix: '192.0.2.0/26', origin: 64501, before: 'valid', after: 'invalid' },
  { prefix: '192.0.2.128/27', origin: 64502, before: 'valid', after: 'invalid' },
  { prefix: '192.0.2.192/27', origin: 64501, before: 'valid', after: 'invalid' },
  { prefix: '198.51.100.0/24', origin: 64503, before: 'valid', after: 'not-found' },
  { prefix: '192.0.2.224/27', origin: 64503, before: 'invalid', after: 'valid' },
];

describe('plan --routes: the impact on live announcements', () => {
  it('lists every announcement whose RPKI state the ROA changes move, valid -> invalid first', async () => {
    const root = await appliedRepo();
    const r = await cli(['plan', '--repo', root, '--at', LATER, '--routes', 'routes.txt', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).impact).toEqual(EXPECTED);
  });

  it('shows it in text and Markdown, and not at all without routes', async () => {
    const root = await appliedRepo();
    const text = (await cli(['plan', '--repo', root, '--at', LATER, '--routes', 'routes.txt'], { cwd: root })).stdout;
    expect(text).toContain('Impact on announcements (5 change RPKI state):\n  ! 192.0.2.0/26 AS64501: valid -> invalid\n');
    const md = (await cli(['plan', '--repo', root, '--at', LATER, '--routes', 'routes.txt', '--format', 'markdown'], { cwd: root })).stdout;
    expect(md).toContain('| :warning: 192\\.0\\.2\\.0/26 | AS64501 | valid | invalid |');
    const plain = JSON.parse((await cli(['plan', '--repo', root, '--at', LATER, '--format', 'json'], { cwd: root })).stdout);
    expect(plain.impact).toBeUndefined();
  });

  it('a plan that changes no ROA over announced space has an empty impact', async () => {
    const root = await appliedRepo();
    const r = await cli(['plan', '--repo', root, '--at', AT, '--routes', 'routes.txt', '--format', 'json'], { cwd: root });
    expect(JSON.parse(r.stdout).impact).toEqual([]);
  });

  it('uses --vrps instead of the providers when given', async () => {
    const root = await appliedRepo({ 'vrps.csv': 'ASN,IP Prefix,Max Length,Trust Anchor\nAS64502,192.0.2.128/26,27,ripe\n' });
    const r = await cli(['plan', '--repo', root, '--at', LATER, '--routes', 'routes.txt', '--vrps', 'vrps.csv', '--format', 'json'], { cwd: root });
    // the only VRP is acme-2's, which the plan deletes: its announcement goes from valid to not-found
    expect(JSON.parse(r.stdout).impact.filter((e: { before: string }) => e.before === 'valid')).toEqual([{ prefix: '192.0.2.128/27', origin: 64502, before: 'valid', after: 'not-found' }]);
  });

  it('takes the routes from leasekit.yaml (audit.routes) and says so when the file is not there yet', async () => {
    const root = await appliedRepo({ 'leasekit.yaml': 'policy:\n  allowDocumentationSpace: true\naudit:\n  routes: [routes.txt]\n' });
    const r = await cli(['plan', '--repo', root, '--at', LATER, '--format', 'json'], { cwd: root });
    expect(JSON.parse(r.stdout).impact).toEqual(EXPECTED);
    fs.rmSync(path.join(root, 'routes.txt'));
    const without = await cli(['plan', '--repo', root, '--at', LATER, '--format', 'json'], { cwd: root });
    expect(JSON.parse(without.stdout).impact).toBeUndefined();
    expect(without.stderr).toContain('routes.txt (audit.routes in leasekit.yaml) not found');
  });
});

describe('apply --routes', () => {
  it('refuses a plan that turns a valid announcement invalid or not-found, and writes nothing', async () => {
    const root = await appliedRepo();
    const state = fs.readFileSync(path.join(root, 'state/local-registry.json'), 'utf8');
    const r = await cli(['apply', '--repo', root, '--at', LATER, '--yes', '--routes', 'routes.txt'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the plan turns 4 valid announcements invalid or not-found (192.0.2.0/26 AS64501: invalid, 192.0.2.128/27 AS64502: invalid, 192.0.2.192/27 AS64501: invalid, ...)');
    expect(fs.readFileSync(path.join(root, 'state/local-registry.json'), 'utf8')).toBe(state);
  });

  it('applies it with --force, and applies a harmless plan without', async () => {
    const root = await appliedRepo();
    expect((await cli(['apply', '--repo', root, '--at', LATER, '--yes', '--force', '--routes', 'routes.txt'], { cwd: root })).code).toBe(0);
    const harmless = await appliedRepo();
    const onlyNew = '192.0.2.224/27 64503\n';
    fs.writeFileSync(path.join(harmless, 'new.txt'), onlyNew);
    expect((await cli(['apply', '--repo', harmless, '--at', LATER, '--yes', '--routes', 'new.txt'], { cwd: harmless })).code).toBe(0);
  });
});
