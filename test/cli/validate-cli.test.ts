import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_SEVERITY } from '../../src/rules/codes.js';
import { EXAMPLE_ROOT, cli, tempRepo, validateJson } from '../helpers/repo.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');

function runBin(args: string[], env: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

describe('leasekit validate on the example repository', () => {
  it('exits 0 with no findings at all', async () => {
    const report = await validateJson(EXAMPLE_ROOT, '2026-11-27');
    expect(report.diagnostics).toEqual([]);
    expect(report).toMatchObject({ ok: true, code: 0, errors: 0, warnings: 0 });
    expect(report.records).toBeGreaterThanOrEqual(18);
  });

  it('exits 1 on a copy with an overlapping lease and names both leases', async () => {
    const root = tempRepo({ 'leases/leases/rogue.yaml': 'kind: lease\nid: rogue-1\ncontract: initech-sub\nprefix: 192.0.2.128/25\norigins: [64504]\n' }, 'example');
    const result = await cli(['validate', '--repo', root, '--at', '2026-11-27']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^leases\/leases\/rogue.yaml:4:9: error\[lease-overlap\] lease 'rogue-1' .* overlaps lease 'acme-1'/m);
    expect(result.stdout).toMatch(/related: leases\/leases\/acme.yaml:6:9 \(acme-1\)/);
  });
});

describe('output formats', () => {
  const overlapping = () => tempRepo({ 'leases/leases/rogue.yaml': 'kind: lease\nid: rogue-1\ncontract: initech-sub\nprefix: 192.0.2.0/24\norigins: [64504]\nnote: "50%, done: yes"\n' }, 'example');

  it('json has the documented shape', async () => {
    const report = await validateJson(overlapping(), '2026-11-27');
    expect(report).toMatchObject({ ok: false, errors: 1, warnings: 0 });
    expect(report.diagnostics[0]).toEqual({
      severity: 'error',
      code: 'lease-overlap',
      message: expect.any(String),
      file: 'leases/leases/rogue.yaml',
      line: 4,
      column: 9,
      kind: 'lease',
      id: 'rogue-1',
      related: [{ file: 'leases/leases/acme.yaml', line: 6, column: 9, id: 'acme-1' }],
    });
  });

  it('github is the default under GitHub Actions, with escaped workflow commands', async () => {
    const result = await cli(['validate', '--repo', overlapping(), '--at', '2026-11-27'], { env: { GITHUB_ACTIONS: 'true' } });
    const line = result.stdout.split('\n')[0];
    expect(line).toMatch(/^::error file=leases\/leases\/rogue.yaml,line=4,col=9,title=leasekit lease-overlap::lease 'rogue-1'/);
    expect(result.code).toBe(1);
  });

  it('--format text overrides the GitHub default', async () => {
    const result = await cli(['validate', '--repo', overlapping(), '--at', '2026-11-27', '--format', 'text'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(result.stdout).toMatch(/^leases\/leases\/rogue.yaml:4:9: error\[lease-overlap\]/);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['validate', '--bogus'], /unknown option --bogus/],
    [['validate', '--at', '2026-13-01'], /--at must be a date/],
    [['validate', '--format', 'xml'], /--format must be one of/],
    [['validate', '--repo', '/nonexistent/leasekit'], /does not exist/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j', async (argv, message) => {
    const result = await cli(argv, { cwd: EXAMPLE_ROOT });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('the real command on bad input', () => {
  const bad: Record<string, string | Buffer> = {
    'leases/syntax.yaml': 'kind: lease\nid: [unclosed\n',
    'leases/dup.yaml': 'kind: party\nid: p\nname: a\nname: b\n',
    'leases/bomb.yaml': `a: &a [x,x,x,x,x,x,x,x,x,x]\n${Array.from({ length: 120 }, (_, i) => `k${i}: *a`).join('\n')}\n`,
    'leases/huge.yaml': `note: "${'x'.repeat(1_100_000)}"\n`,
    'leases/binary.yaml': Buffer.from([0, 1, 2, 3, 255]),
    'leases/latin1.yaml': Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]),
    'leases/empty.yaml': '',
    'leases/list.yaml': '- 1\n- 2\n',
    'leases/scalar.yaml': '42\n',
  };

  it.each(Object.keys(bad))('%s: exit 1, a diagnostic naming the file, no stack trace, under 5 s', (file) => {
    const root = tempRepo({ [file]: bad[file] });
    const result = runBin(['validate', '--repo', root]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file}:`);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(result.ms).toBeLessThan(5000);
  });

  it('runs the example through the real launcher', () => {
    const result = runBin(['validate', '--repo', EXAMPLE_ROOT, '--at', '2026-11-27']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/0 errors, 0 warnings/);
  });
});

describe('every rule code', () => {
  it('has a test that asserts it', () => {
    const tests = fs.readdirSync(path.join(EXAMPLE_ROOT, 'test/rules')).map((f) => fs.readFileSync(path.join(EXAMPLE_ROOT, 'test/rules', f), 'utf8')).join('\n');
    const untested = Object.keys(RULE_SEVERITY).filter((code) => !tests.includes(`'${code}'`));
    expect(untested).toEqual([]);
  });
});
