// The records folder itself: a link out of the repository is not followed, and a `leases`
// that is a file is a clear usage error, not "internal error". Through bin/leasekit.js.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE, EXAMPLE_ROOT, tempRepo } from '../helpers/repo.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function validate(root: string) {
  const result = spawnSync(process.execPath, [BIN, 'validate', '--repo', root, '--at', '2026-06-01', '--format', 'json'], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function repoWithoutLeases(): string {
  const root = tempRepo({ 'leasekit.yaml': BASE['leasekit.yaml'] });
  made.push(root);
  return root;
}

describe('the leases folder itself', () => {
  it('is not followed when it is a symbolic link out of the repository', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-outside-'));
    made.push(outside);
    fs.writeFileSync(path.join(outside, 'secret.yaml'), 'kind: party\nid: outsider\nname: Not Ours\n');
    const root = repoWithoutLeases();
    fs.symlinkSync(outside, path.join(root, 'leases'));
    const { code, stdout, stderr } = validate(root);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.records).toBe(0);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'path-escape', file: 'leases', line: 1, message: expect.stringMatching(/symbolic link that leads outside the repository.*not followed/) }),
    ]);
  });

  it('is followed when it is a link inside the repository', () => {
    const root = tempRepo({ ...BASE });
    made.push(root);
    fs.renameSync(path.join(root, 'leases'), path.join(root, 'records'));
    fs.symlinkSync('records', path.join(root, 'leases'));
    const { code, stdout } = validate(root);
    const report = JSON.parse(stdout);
    expect(report.diagnostics).toEqual([]);
    expect(report.records).toBe(6);
    expect(code).toBe(0);
  });

  it('is a clear usage error when it is a regular file', () => {
    const root = repoWithoutLeases();
    fs.writeFileSync(path.join(root, 'leases'), 'kind: party\n');
    const { code, stdout, stderr } = validate(root);
    expect(stdout).toBe('');
    expect(stderr).not.toMatch(/internal error/);
    expect(stderr).toMatch(/^leasekit: 'leases' in .* is not a folder: records live in \*\.yaml files below a leases\/ folder\n$/);
    expect(code).toBe(2);
  });
});
