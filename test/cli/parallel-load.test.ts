import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT, tempRepo } from '../helpers/repo.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');

function validateJson(root: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [BIN, 'validate', '--repo', root, '--at', '2026-11-27', '--format', 'json'], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { code: result.status, stderr: result.stderr, report: JSON.parse(result.stdout) };
}

describe('loading on a second thread (the compiled CLI, large repositories)', () => {
  it('gives exactly the findings, positions and order of parsing on one thread', () => {
    const leases = Array.from({ length: 40 }, (_, i) => [
      `leases/bulk/f${String(i).padStart(2, '0')}.yaml`,
      `kind: lease\nid: bulk-${i}\ncontract: globex-2025\nprefix: 198.51.100.0/24\norigins: [64502]\nstart: 20${30 + i}-01-01\nend: 20${30 + i}-06-01\n` +
        (i % 7 === 0 ? `---\nkind: lease\nid: bad-${i}\ncontract: globex-2025\nprefix: 198.51.100.7/24\norigins: [64502]\norigns: [1]\n` : '') +
        (i === 13 ? '---\nkind: party\nid: dup\nname: a\nname: b\n' : ''),
    ]);
    const root = tempRepo(Object.fromEntries(leases), 'example');
    const parallel = validateJson(root, { LEASEKIT_PARALLEL_MIN_FILES: '0', LEASEKIT_DEBUG: '1' });
    const single = validateJson(root, { LEASEKIT_PARALLEL: 'off', LEASEKIT_DEBUG: '1' });
    expect(parallel.stderr).toMatch(/^leasekit: \d+ of 48 files loaded on a second thread\n$/);
    expect(single.stderr).toBe('');
    expect(parallel.code).toBe(1);
    expect(parallel.report).toEqual(single.report);
    expect(parallel.report.records).toBe(single.report.records);
    const codes = new Set(parallel.report.diagnostics.map((d: { code: string }) => d.code));
    expect([...codes].sort()).toEqual(['lease-overlap', 'prefix-not-canonical', 'schema', 'yaml-duplicate-key']);
    expect(fs.existsSync(path.join(EXAMPLE_ROOT, 'dist/repo/load-worker.js'))).toBe(true);
  });
});
