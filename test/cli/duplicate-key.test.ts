// A duplicate key keeps its record (the first value wins), names the key and the line of its
// first occurrence, and hides none of the record's other findings: through the real launcher.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT, tempRepo } from '../helpers/repo.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');

function validate(root: string, format: 'text' | 'json') {
  const result = spawnSync(process.execPath, [BIN, 'validate', '--repo', root, '--at', '2026-11-27', '--format', format], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// dup-1 sets `prefix` twice; its delegation refers to it, and it has an unknown field of its own
const LEASE = [
  'kind: lease',
  'id: dup-1',
  'contract: acme-2026',
  'prefix: 198.51.100.0/25',
  'origins: [64501]',
  'prefix: 192.0.2.0/24',
  'orgins: [64501]',
  '---',
  'kind: delegation',
  'id: dup-1-irr',
  'lease: dup-1',
  'type: irr-maintainer',
  'to: acme',
  'maintainer: ACME-MNT',
  '',
].join('\n');

describe('a duplicate key, through bin/leasekit.js', () => {
  it('keeps the record with the first value and names the key and its first line', () => {
    const root = tempRepo({ 'leases/leases/dup.yaml': LEASE }, 'example');
    const { code, stdout, stderr } = validate(root, 'text');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain("leases/leases/dup.yaml:6:1: error[yaml-duplicate-key] key 'prefix' is set again here; it was first set on line 4, and that first value is kept");
    // the record's other findings are still reported
    expect(stdout).toMatch(/^leases\/leases\/dup.yaml:7:1: error\[schema\] unknown field 'orgins' \(did you mean 'origins'\?\)/m);
    // the first value is the one used: 198.51.100.0/25 overlaps globex-1; 192.0.2.0/24 would overlap acme-1
    expect(stdout).toMatch(/^leases\/leases\/dup.yaml:4:9: error\[lease-overlap\] lease 'dup-1' \(198.51.100.0\/25, .* overlaps lease 'globex-1'/m);
    expect(stdout).not.toMatch(/overlaps lease 'acme-1'/);
    // and the delegation that points at it finds it
    expect(stdout).not.toMatch(/ref-unknown/);
    expect(stdout).toMatch(/^21 records checked/m);
  });

  it('reports it in JSON with the repeated key position', () => {
    const root = tempRepo({ 'leases/leases/dup.yaml': LEASE }, 'example');
    const report = JSON.parse(validate(root, 'json').stdout) as { records: number; diagnostics: Array<Record<string, unknown>> };
    const duplicates = report.diagnostics.filter((d) => d.code === 'yaml-duplicate-key');
    expect(duplicates).toEqual([expect.objectContaining({ file: 'leases/leases/dup.yaml', line: 6, column: 1, severity: 'error' })]);
    expect(report.records).toBe(21);
  });

  it('does not fire on the same key in different mappings or documents', () => {
    const twice = 'kind: party\nid: p-a\nname: A\n---\nkind: party\nid: p-b\nname: B\n';
    const nested = 'kind: contract\nid: c-x\ndirection: outbound\ncounterparty: acme\nstart: 2026-01-01\nrenewal: { auto: true, periodMonths: 12 }\nprice: { amount: 1, currency: EUR, per: ip-month }\n';
    const root = tempRepo({ 'leases/more-parties.yaml': twice, 'leases/contracts/x.yaml': nested }, 'example');
    const { stdout } = validate(root, 'text');
    expect(stdout).not.toMatch(/yaml-duplicate-key/);
  });
});
