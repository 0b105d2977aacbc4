import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT, tempRepo } from '../helpers/repo.js';

/**
 * The package as a user gets it: npm pack, then a global install of the tarball into a fresh
 * prefix, offline (the tarball bundles its production dependencies, so nothing is fetched), then
 * the installed `leasekit` run from outside the source tree. dist/ was built by `npm test`.
 */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

describe('npm pack, then npm install -g of the tarball', () => {
  it('gives a working leasekit that ships only what it needs', { timeout: 300_000 }, () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-pack-'));
    const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], EXAMPLE_ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const [{ filename, files }] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const shipped = files.map((f) => f.path);
    expect(shipped).toContain('dist/cli/main.js');
    expect(shipped).toContain('schema/record.schema.json');
    expect(shipped).toContain('.github/workflows/leasekit-gate.yml');
    expect(shipped).toContain('docs/format.md'); // leasekit explain reads it
    expect(shipped.filter((f) => /^(src|test|bench|scripts|leases|state)\//.test(f))).toEqual([]);
    // the production dependencies travel inside the tarball (bundleDependencies), the tools do not
    expect(shipped).toContain('node_modules/ajv/package.json');
    expect(shipped.filter((f) => /^node_modules\/(vitest|typescript|eslint|esbuild|playwright-core|fast-check)\//.test(f))).toEqual([]);

    const prefix = path.join(work, 'prefix');
    const installed = run('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, path.join(work, filename)], work);
    expect(installed.code, installed.stderr).toBe(0);
    const leasekit = path.join(prefix, 'bin', 'leasekit');
    const { version } = JSON.parse(fs.readFileSync(path.join(EXAMPLE_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run(leasekit, ['--version'], work).stdout).toBe(`leasekit ${version}\n`);
    expect(run(leasekit, ['explain', 'lease-overlap'], work).stdout).toMatch(/^### lease-overlap\n/);

    const example = tempRepo({}, 'example');
    const validated = run(leasekit, ['validate', '--at', '2026-11-27'], path.join(example, 'leases'));
    expect(validated.code, validated.stderr).toBe(0);
    expect(validated.stdout).toMatch(/0 errors, 0 warnings/);

    const created = run(leasekit, ['init', 'new-repo', '--name', 'Example Networks', '--asn', '64500', '--holding', '192.0.2.0/24', '--registry', 'ripe', '--allow-documentation'], work);
    expect(created.code, created.stderr).toBe(0);
    const plan = run(leasekit, ['plan', '--repo', 'new-repo'], work);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/\+ roa +192\.0\.2\.0\/24 max 32 AS0/);
  });
});
