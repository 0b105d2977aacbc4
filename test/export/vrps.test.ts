import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempRepo } from '../helpers/repo.js';
import { AT, AUDIT_REPO } from '../audit/fixture.js';

describe('leasekit export --format vrps', () => {
  it('writes the lease and AS0 ROAs of --at as rpki-client JSON, ordered by prefix, maxLength and ASN', async () => {
    const root = tempRepo(AUDIT_REPO);
    const r = await cli(['export', '--repo', root, '--at', AT, '--format', 'vrps'], { cwd: root, env: { SOURCE_DATE_EPOCH: '1764633600' } });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual({
      metadata: { buildtime: '2025-12-02T00:00:00Z', vrps: 5 },
      roas: [
        { asn: 0, prefix: '192.0.2.0/24', maxLength: 32, ta: 'leasekit' },
        { asn: 64501, prefix: '192.0.2.0/26', maxLength: 26, ta: 'leasekit' },
        { asn: 64502, prefix: '192.0.2.128/26', maxLength: 27, ta: 'leasekit' },
        { asn: 64501, prefix: '192.0.2.192/27', maxLength: 27, ta: 'leasekit' },
        { asn: 64503, prefix: '198.51.100.0/24', maxLength: 24, ta: 'leasekit' },
      ],
    });
  });

  it('follows the day: an ended lease has no ROA, a future one none yet', async () => {
    const root = tempRepo(AUDIT_REPO);
    const r = await cli(['export', '--repo', root, '--at', '2026-05-01', '--format', 'vrps', '--out', 'vrps.json'], { cwd: root });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const roas = JSON.parse(fs.readFileSync(path.join(root, 'vrps.json'), 'utf8')).roas;
    expect(roas.map((x: { prefix: string; asn: number }) => `${x.prefix} ${x.asn}`)).toContain('192.0.2.64/26 64503');
    const later = JSON.parse((await cli(['export', '--repo', root, '--at', '2027-07-01', '--format', 'vrps'], { cwd: root })).stdout).roas;
    expect(later.map((x: { prefix: string; asn: number }) => `${x.prefix} ${x.asn}`)).toEqual(['192.0.2.0/24 0', '198.51.100.0/24 64503']);
  });

  it('refuses invalid records (exit 1) and a missing or unknown format (exit 2)', async () => {
    const root = tempRepo({ ...AUDIT_REPO, 'leases/bad.yaml': 'kind: lease\nid: bad\ncontract: nope\nprefix: 192.0.2.32/27\norigins: [64501]\n' });
    const bad = await cli(['export', '--repo', root, '--at', AT, '--format', 'vrps'], { cwd: root });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error[ref-unknown]');
    expect((await cli(['export', '--repo', root, '--at', AT], { cwd: root })).code).toBe(2);
    expect((await cli(['export', '--repo', root, '--at', AT, '--format', 'nope'], { cwd: root })).stderr).toMatch(/--format must be one of: vrps/);
  });
});
