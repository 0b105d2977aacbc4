import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, argvFromInputs } from '../../src/action/inputs.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { diagnosticsGithub, diagnosticsJson, diagnosticsText, validationReport } from '../../src/render/diagnostics.js';
import { escapeMarkdown } from '../../src/render/markdown-escape.js';
import { neutralise } from '../../src/render/text-safe.js';
import { GATE_REPO } from '../helpers/github.js';
import { EXAMPLE_ROOT, cli, tempRepo } from '../helpers/repo.js';

/** Characters a record or a registry must never get into a text output raw. */
const HOSTILE = 'Globex\n::error::pwned\r\n::add-mask::x\n::stop-commands::tok\u001b]8;;http://evil.example/\u0007link\u001b]8;;\u0007\u001b[2J\u0085\u2028\u2029\u202etxt.exe';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/;

/** A line a GitHub runner would execute as a workflow command. */
const commandLine = (out: string) => out.split('\n').find((l) => /^\s*::/.test(l));

function hostileRepo(): string {
  const parties = GATE_REPO['leases/parties.yaml'].replace('name: Globex', `name: ${JSON.stringify(HOSTILE)}`);
  return tempRepo({ ...GATE_REPO, 'leases/parties.yaml': parties, 'leases/leases/globex.yaml': 'kind: lease\nid: globex-2\ncontract: c-globex\nprefix: 185.50.1.0/24\norigins: [64503]\n' });
}

describe('text outputs neutralise control characters from records and registries', () => {
  it('neutralise shows every unsafe character as a visible escape and keeps the rest', () => {
    expect(neutralise('a\nb\u001b[31mc\u2028d')).toBe('a\\nb\\u001b[31mc\\u2028d');
    expect(neutralise('Société Générale — 株式会社')).toBe('Société Générale — 株式会社');
    expect(neutralise(HOSTILE)).not.toMatch(RAW);
    expect(neutralise(HOSTILE)).not.toContain('\n');
  });

  it('plan text: a party name cannot start a workflow command or drive the terminal', async () => {
    const root = hostileRepo();
    const plan = await cli(['plan', '--repo', root, '--at', '2026-06-01']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('Globex\\n::error::pwned');
    expect(commandLine(plan.stdout + plan.stderr)).toBeUndefined();
    expect(plan.stdout + plan.stderr).not.toMatch(RAW);
  });

  it('apply text: the same, on a real apply to the local registry', async () => {
    const root = hostileRepo();
    const apply = await cli(['apply', '--repo', root, '--at', '2026-06-01', '--yes']);
    expect(apply.code).toBe(0);
    expect(commandLine(apply.stdout + apply.stderr)).toBeUndefined();
    expect(apply.stdout + apply.stderr).not.toMatch(RAW);
  });

  it('validate text and GitHub annotations: one line per finding, whatever its message holds', () => {
    const d: Diagnostic = { severity: 'error', code: 'schema', message: HOSTILE, file: 'leases/a.yaml', line: 1, column: 1 };
    const report = validationReport({ diagnostics: [d], errors: 1, warnings: 0 }, 1);
    for (const out of [diagnosticsText(report), diagnosticsGithub(report)]) {
      expect(out.trim().split('\n')).toHaveLength(2);
      expect(out).not.toMatch(RAW);
    }
    expect(diagnosticsGithub(report).split('\n').filter((l) => l.startsWith('::'))).toHaveLength(1);
  });

  it('JSON outputs: the same values, with separators and C1 controls escaped', async () => {
    const root = hostileRepo();
    const plan = await cli(['plan', '--repo', root, '--at', '2026-06-01', '--format', 'json']);
    expect(plan.stdout).not.toMatch(RAW);
    const d: Diagnostic = { severity: 'error', code: 'schema', message: HOSTILE, file: 'leases/a.yaml', line: 1, column: 1 };
    const json = diagnosticsJson(validationReport({ diagnostics: [d], errors: 1, warnings: 0 }, 1));
    expect(json).not.toMatch(RAW);
    expect(JSON.parse(json).diagnostics[0].message).toBe(HOSTILE);
  });

  it('Markdown: no line or paragraph separator, no escape sequence', () => {
    expect(escapeMarkdown(HOSTILE)).not.toMatch(RAW);
    expect(escapeMarkdown('h\u2028<!-- x -->\u2029')).not.toMatch(/[\u2028\u2029]/);
  });

  it('the action refuses a command input of more than one line, without echoing it raw', () => {
    const env = { INPUT_COMMAND: 'validate\n::error title=x::forged' };
    expect(() => argvFromInputs(env)).toThrow(InputError);
    try {
      argvFromInputs(env);
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
    const bogus = { INPUT_COMMAND: 'bogus\n::add-mask::x' };
    expect(() => argvFromInputs(bogus)).toThrow(/must be one line/);
  });

  it('the action bundle, as the runner runs it: one ::error line, nothing forged', () => {
    const env = { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', INPUT_COMMAND: 'validate\n::error title=x::forged\n::add-mask::y', 'INPUT_GITHUB-TOKEN': 'ghs_a\n::stop-commands::t' };
    const run = spawnSync(process.execPath, [path.join(EXAMPLE_ROOT, 'action/dist/index.js')], { env, encoding: 'utf8', cwd: os.tmpdir() });
    expect(run.status).toBe(2);
    const commands = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l.startsWith('::'));
    expect(commands.filter((l) => !l.startsWith('::add-mask::'))).toEqual([expect.stringMatching(/^::error::leasekit action: input 'command' must be one line/)]);
    expect(commands.filter((l) => l.startsWith('::add-mask::'))).toEqual(['::add-mask::ghs_a', '::add-mask::::stop-commands::t']);
  });
});
