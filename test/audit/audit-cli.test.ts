import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempRepo } from '../helpers/repo.js';
import { AT, AUDIT_REPO, ROUTES_CLEAN, ROUTES_TEXT, VRPS_CSV, VRPS_DESIRED_JSON } from './fixture.js';

interface Finding {
  code: string;
  severity: string;
  prefix: string;
  origin?: number | null;
  lease?: string;
  holding?: string;
  rpki?: string;
  maxLength?: number;
  asn?: number;
  file?: string;
  line?: number;
}

async function auditJson(root: string, routes = 'routes.txt', vrps = 'vrps.csv') {
  const r = await cli(['audit', '--repo', root, '--at', AT, '--routes', routes, '--vrps', vrps, '--format', 'json'], { cwd: root });
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as { routes: number; vrps: number; findings: Finding[]; summary: { errors: number; warnings: number } } };
}

describe('leasekit audit', () => {
  it('classifies every announcement in our space by the first finding that applies, then leases and VRPs', async () => {
    const root = tempRepo({ ...AUDIT_REPO, 'routes.txt': ROUTES_TEXT, 'vrps.csv': VRPS_CSV });
    const { code, report } = await auditJson(root);
    expect(code).toBe(1);
    expect(report.routes).toBe(9);
    expect(report.vrps).toBe(4);
    expect(report.findings.map((f) => [f.code, f.prefix, f.origin ?? f.asn, f.lease ?? f.holding, f.rpki])).toEqual([
      ['route-idle-space', '192.0.2.0/24', 64500, 'h1', 'invalid'],
      ['route-unauthorized-origin', '192.0.2.0/26', 64666, 'acme-1', 'invalid'],
      ['route-too-specific', '192.0.2.0/27', 64501, 'acme-1', 'invalid'],
      ['route-after-end', '192.0.2.64/26', 64503, 'globex-old', 'invalid'],
      ['route-rpki-invalid', '192.0.2.128/27', 64502, 'acme-2', 'invalid'],
      ['route-idle-space', '192.0.2.224/27', 64666, 'h1', 'invalid'],
      ['route-rpki-not-found', '198.51.100.0/24', 64503, 'globex-1', 'not-found'],
      ['lease-not-announced', '192.0.2.192/27', undefined, 'acme-3', undefined],
      ['vrp-missing', '192.0.2.128/26', 64502, 'acme-2', undefined],
      ['vrp-missing', '192.0.2.192/27', 64501, 'acme-3', undefined],
      ['vrp-missing', '198.51.100.0/24', 64503, 'globex-1', undefined],
      ['vrp-unexpected', '192.0.2.128/26', 64502, 'h1', undefined],
    ]);
    expect(report.findings.filter((f) => f.severity === 'warning').map((f) => f.code)).toEqual(['route-rpki-not-found', 'lease-not-announced', 'vrp-missing', 'vrp-missing', 'vrp-missing', 'vrp-unexpected']);
    expect(report.summary).toEqual({ errors: 6, warnings: 6 });
    const afterEnd = report.findings.find((f) => f.code === 'route-after-end')!;
    expect([afterEnd.file, afterEnd.line]).toEqual(['leases/leases.yaml', 10]);
  });

  it('finds nothing, and exits 0, when the announcements and VRPs match the records', async () => {
    const root = tempRepo({ ...AUDIT_REPO, 'routes.txt': ROUTES_CLEAN, 'vrps.json': VRPS_DESIRED_JSON });
    const { code, report } = await auditJson(root, 'routes.txt', 'vrps.json');
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('warnings alone exit 0', async () => {
    const root = tempRepo({ ...AUDIT_REPO, 'routes.txt': ROUTES_CLEAN.replace('192.0.2.192/27 64501\n', ''), 'vrps.json': VRPS_DESIRED_JSON });
    const { code, report } = await auditJson(root, 'routes.txt', 'vrps.json');
    expect(report.findings.map((f) => f.code)).toEqual(['lease-not-announced']);
    expect(code).toBe(0);
  });

  it('an announcement that a current and an ended lease both contain is judged by the current one', async () => {
    const files: Record<string, string> = { ...AUDIT_REPO, 'routes.txt': '192.0.2.0/26 64503\n', 'vrps.json': VRPS_DESIRED_JSON };
    files['leases/leases.yaml'] = files['leases/leases.yaml'].replace('origins: [64501]\n', 'origins: [64501]\nstart: 2026-03-01\n') + '---\nkind: lease\nid: globex-0\ncontract: c-globex\nprefix: 192.0.2.0/26\norigins: [64503]\nstart: 2026-01-01\nend: 2026-02-01\n';
    files['leasekit.yaml'] = 'policy:\n  allowDocumentationSpace: true\n';
    const root = tempRepo(files);
    const { report } = await auditJson(root, 'routes.txt', 'vrps.json');
    expect(report.findings.filter((f) => f.code.startsWith('route-')).map((f) => [f.code, f.lease])).toEqual([['route-unauthorized-origin', 'acme-1']]);
  });

  it('without --vrps, the VRPs are the ROAs the providers hold now', async () => {
    const root = tempRepo({ ...AUDIT_REPO, 'routes.txt': ROUTES_CLEAN });
    const applied = await cli(['apply', '--repo', root, '--at', AT, '--yes'], { cwd: root });
    expect(applied.code).toBe(0);
    const r = await cli(['audit', '--repo', root, '--at', AT, '--routes', 'routes.txt', '--format', 'json'], { cwd: root });
    const report = JSON.parse(r.stdout);
    expect(report.vrps).toBe(5);
    expect(report.findings).toEqual([]);
    const state = fs.readFileSync(path.join(root, 'state/local-registry.json'), 'utf8');
    await cli(['audit', '--repo', root, '--at', AT, '--routes', 'routes.txt'], { cwd: root });
    expect(fs.readFileSync(path.join(root, 'state/local-registry.json'), 'utf8')).toBe(state); // read only
  });

  it('renders text, Markdown and GitHub workflow commands', async () => {
    const root = tempRepo({ ...AUDIT_REPO, 'routes.txt': ROUTES_TEXT, 'vrps.csv': VRPS_CSV });
    const run = (format: string) => cli(['audit', '--repo', root, '--at', AT, '--routes', 'routes.txt', '--vrps', 'vrps.csv', '--format', format], { cwd: root });
    const text = (await run('text')).stdout;
    expect(text).toContain('error[route-after-end] 192.0.2.64/26 from AS64503: lease globex-old ended on 2026-06-01');
    expect(text.trim().split('\n').pop()).toBe('audit on 2026-12-02: 9 announcements, 4 VRPs: 6 errors, 6 warnings');
    const md = (await run('markdown')).stdout;
    expect(md).toContain('| error | `route-after-end` | 192\\.0\\.2\\.64/26 | AS64503 | globex\\-old | h1 | invalid |');
    const gh = (await run('github')).stdout;
    expect(gh).toContain('::error file=leases/leases.yaml,line=10,col=9,title=leasekit route-after-end::192.0.2.64/26 from AS64503');
    expect(gh).toMatch(/^::warning title=leasekit vrp-missing|::warning file=leases\/leases\.yaml,line=\d+,col=\d+,title=leasekit vrp-missing/m);
  });

  it('reads several route files and de-duplicates them', async () => {
    const root = tempRepo({ ...AUDIT_REPO, 'a.txt': ROUTES_CLEAN, 'b.json': JSON.stringify([{ prefix: '192.0.2.0/26', origin: 64501 }]), 'vrps.json': VRPS_DESIRED_JSON });
    const r = await cli(['audit', '--repo', root, '--at', AT, '--routes', 'a.txt', 'b.json', '--vrps', 'vrps.json', '--format', 'json'], { cwd: root });
    expect(JSON.parse(r.stdout).routes).toBe(5);
  });

  it('usage errors and unreadable inputs exit 2 with a message naming the file', async () => {
    const root = tempRepo({ ...AUDIT_REPO, 'bad.txt': '192.0.2.0/24 64501\nnonsense\n' });
    expect(await cli(['audit', '--repo', root, '--at', AT], { cwd: root })).toMatchObject({ code: 2, stderr: expect.stringContaining('--routes FILE is required') });
    expect(await cli(['audit', '--repo', root, '--at', AT, '--routes', 'bad.txt', '--vrps', 'bad.txt'], { cwd: root })).toMatchObject({ code: 2, stderr: 'leasekit: bad.txt:2: expected "PREFIX ORIGIN" such as "192.0.2.0/24 64501", got "nonsense"\n' });
    expect(await cli(['audit', '--repo', root, '--at', AT, '--routes', 'missing.mrt'], { cwd: root })).toMatchObject({ code: 2, stderr: 'leasekit: missing.mrt: no such file\n' });
  });

  it('records with errors are reported and nothing is judged (exit 1)', async () => {
    const root = tempRepo({ ...AUDIT_REPO, 'routes.txt': ROUTES_CLEAN, 'leases/bad.yaml': 'kind: lease\nid: bad\ncontract: nope\nprefix: 192.0.2.32/27\norigins: [64501]\n' });
    const r = await cli(['audit', '--repo', root, '--at', AT, '--routes', 'routes.txt'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error[ref-unknown]');
  });
});
