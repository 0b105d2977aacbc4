import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT } from '../helpers/repo.js';

/**
 * The committed bundle is what `uses: …/leasekit@v1` runs: it must be current, and it must run on
 * its own, with leasekit's data files beside it and no node_modules anywhere.
 */
const BUNDLE = path.join(EXAMPLE_ROOT, 'action/dist/index.js');
let actionDir: string;

beforeAll(() => {
  // what the runner downloads for the action: the repository, without node_modules
  actionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-action-'));
  for (const entry of ['action.yml', 'package.json', 'action', 'schema', 'data', 'templates']) {
    fs.cpSync(path.join(EXAMPLE_ROOT, entry), path.join(actionDir, entry), { recursive: true });
  }
});

function runAction(inputs: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: actionDir, GITHUB_ACTIONS: 'true' };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return spawnSync(process.execPath, [path.join(actionDir, 'action/dist/index.js')], { cwd: os.tmpdir(), env, encoding: 'utf8' });
}

describe('the action bundle', () => {
  it('is what `npm run build:action` makes from the sources now', () => {
    const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-bundle-')), 'index.js');
    execFileSync(process.execPath, [path.join(EXAMPLE_ROOT, 'scripts/build-action.mjs'), '--out', fresh], { cwd: EXAMPLE_ROOT });
    const same = fs.readFileSync(fresh, 'utf8') === fs.readFileSync(BUNDLE, 'utf8');
    expect(same, 'action/dist/index.js is stale: run `npm run build:action` and commit it').toBe(true);
  });

  it('runs validate on the example repository', () => {
    const result = runAction({ command: 'validate', repo: EXAMPLE_ROOT, at: '2026-06-01', format: 'json' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, errors: 0 });
  });

  it('passes args through with their quoting, and reads templates beside the bundle', () => {
    const result = runAction({ command: 'plan', repo: EXAMPLE_ROOT, at: '2026-06-01', args: "--format 'markdown'" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('### leasekit plan for 2026\\-06\\-01');
  });

  it('refuses an unknown command as a workflow error, exit 2', () => {
    const result = runAction({ command: 'rm -rf /', repo: EXAMPLE_ROOT });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^::error::leasekit action: input 'command' must start with one of/);
  });

  it('masks the token it is given and never prints it otherwise', () => {
    const result = runAction({ command: 'validate', repo: EXAMPLE_ROOT, at: '2026-06-01', 'github-token': 'ghs_secret_value' });
    expect(result.status).toBe(0);
    expect(result.stdout.split('ghs_secret_value')).toHaveLength(2);
    expect(result.stdout).toContain('::add-mask::ghs_secret_value\n');
  });
});
