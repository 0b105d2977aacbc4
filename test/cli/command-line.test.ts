import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT, tempRepo } from '../helpers/repo.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');

/** The real launcher, as a user runs it, in `cwd`. */
function leasekit(args: string[], cwd = EXAMPLE_ROOT) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const COMMANDS = ['validate', 'plan', 'apply', 'import', 'propose lease', 'reconcile', 'github comment', 'github check', 'github conflicts', 'github apply', 'github artifact', 'github summary'];

describe('help', () => {
  it('leasekit --help lists every command with a one-line summary, exit 0', () => {
    const result = leasekit(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: leasekit <command> \[options\]/);
    for (const name of new Set(COMMANDS.map((c) => c.split(' ')[0]))) expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it('no command at all prints the same list on stdout and exits 2', () => {
    const result = leasekit([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^commands:$/m);
  });

  it.each(COMMANDS)('leasekit %s --help is that command\'s own help: usage, every option, examples, exit codes', (command) => {
    const result = leasekit([...command.split(' '), '--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith(`usage: leasekit ${command}`)).toBe(true);
    expect(result.stdout).toMatch(/^options:$/m);
    expect(result.stdout).toMatch(/^ {2}-h, --help/m);
    expect(result.stdout).toMatch(/^examples:\n {2}leasekit /m);
    expect(result.stdout).toMatch(/^exit codes:\n {2}0 /m);
  });

  it('shows the flags, defaults and environment of each command, not a shared list', () => {
    const plan = leasekit(['plan', '--help']).stdout;
    const validate = leasekit(['validate', '-h']).stdout;
    expect(plan).toMatch(/--detailed-exitcode +exit 0 with no changes/);
    expect(plan).toMatch(/--at YYYY-MM-DD +the day to act on \(default: today, UTC\)/);
    expect(validate).not.toMatch(/--detailed-exitcode/);
    expect(validate).toMatch(/GITHUB_ACTIONS +when "true", the default format is github/);
    expect(leasekit(['apply', '--help']).stdout).toMatch(/--journal FILE +.*\(default: state\/journal.jsonl\)/);
  });

  it('a group lists its subcommands; help <command> is the command\'s help', () => {
    const github = leasekit(['github', '--help']);
    expect(github.code).toBe(0);
    expect(github.stdout).toMatch(/^subcommands:\n {2}comment /m);
    expect(leasekit(['help', 'plan']).stdout.startsWith('usage: leasekit plan')).toBe(true);
  });
});

describe('--version', () => {
  it('prints the version of the installed package', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(EXAMPLE_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = leasekit([flag]);
      expect(result).toMatchObject({ code: 0, stdout: `leasekit ${version}\n`, stderr: '' });
    }
  });
});

describe('usage errors say what was meant', () => {
  it('an unknown flag is exit 2 with the closest flag', () => {
    const result = leasekit(['validate', '--formt', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("leasekit: unknown option --formt; did you mean --format? (see leasekit validate --help)\n");
  });

  it('an unknown command is exit 2 with the closest command', () => {
    const result = leasekit(['valdiate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'valdiate'; did you mean 'validate'\?/);
  });

  it('an unknown subcommand names the subcommands', () => {
    const result = leasekit(['github', 'coment']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown subcommand 'github coment'; did you mean 'comment'\? \(one of: comment, check, conflicts, apply, artifact, summary\)/);
  });

  it('a format outside the list, a flag without its value, a stray argument: exit 2, no stack', () => {
    const cases: Array<[string[], RegExp]> = [
      [['validate', '--format', 'jsno'], /--format must be one of: text, json, github \(did you mean 'json'\?\)/],
      [['plan', '--at'], /--at needs a value/],
      [['validate', 'extra'], /unexpected argument 'extra'/],
      [['plan', '--verify=yes'], /--verify takes no value/],
    ];
    for (const [args, message] of cases) {
      const result = leasekit(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});

describe('finding the repository', () => {
  it('walks up from a subfolder to the folder holding leasekit.yaml, as git finds .git', () => {
    const root = tempRepo({}, 'example');
    const fromRoot = leasekit(['validate', '--at', '2026-11-27', '--format', 'json'], root);
    const fromLeases = leasekit(['validate', '--at', '2026-11-27', '--format', 'json'], path.join(root, 'leases', 'leases'));
    expect(fromRoot.code).toBe(0);
    expect(fromLeases).toEqual(fromRoot);
    expect(JSON.parse(fromLeases.stdout)).toMatchObject({ ok: true, errors: 0 });
  });

  it('an empty folder is a usage error that says what is missing, not "0 records checked"', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-empty-'));
    const result = leasekit(['validate'], empty);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/is not a lease repository: it has neither leasekit\.yaml nor leases\/ \(run leasekit init/);
  });

  it('a folder with leases/ and no leasekit.yaml is a repository with default settings', () => {
    const root = tempRepo({ 'leases/self.yaml': 'kind: party\nid: us\nname: Us\nself: true\n' });
    const result = leasekit(['validate', '--format', 'json'], root);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, records: 1 });
  });
});
