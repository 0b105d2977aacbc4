import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_SEVERITY } from '../../src/rules/codes.js';
import { EXAMPLE_ROOT } from '../helpers/repo.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');

/** The real launcher (it runs dist/: build first), from a folder that is no lease repository. */
function leasekit(...args: string[]) {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-explain-'));
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('leasekit explain', () => {
  it('prints the docs/format.md entry of a code, and nothing of the next one', () => {
    const result = leasekit('explain', 'lease-overlap');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^### lease-overlap\n\n\*\*Error\.\*\* Two leases cover some of the same addresses/);
    expect(result.stdout).toContain('policy.quarantineDays');
    expect(result.stdout).toContain('*Fix:*');
    expect(result.stdout).not.toContain('### term-invalid');
    expect(result.stderr).toBe('');
  });

  it('prints a warning code\'s entry, which says it is a warning', () => {
    const result = leasekit('explain', 'maxlength-loose');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^### maxlength-loose\n\n\*\*Warning\.\*\*/);
    expect(RULE_SEVERITY['maxlength-loose']).toBe('warning');
  });

  it('refuses an unknown code with exit 2 and the nearest code', () => {
    const result = leasekit('explain', 'lease-overlapp');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("leasekit: no finding has the code 'lease-overlapp'; did you mean 'lease-overlap'? (docs/format.md lists every code under \"Findings\")\n");
  });

  it('says no more than that when nothing is close', () => {
    const result = leasekit('explain', 'frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('did you mean');
  });

  it('needs exactly one code, and documents itself in --help', () => {
    expect(leasekit('explain').code).toBe(2);
    const help = leasekit('explain', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('leasekit explain lease-overlap');
  });
});
