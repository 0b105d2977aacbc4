import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EXAMPLE_ROOT } from '../helpers/repo.js';

/** The gate's trust model as the workflows write it down (docs/security.md). */
const DIR = path.join(EXAMPLE_ROOT, '.github/workflows');
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const text = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const jobs = (file: string) => (parseYaml(text(file)) as { jobs: Record<string, { steps: Step[] }> }).jobs;

describe('workflows: trust boundaries', () => {
  it('pin every action to a full commit SHA, with its tag in a comment', () => {
    const lines = FILES.flatMap((f) => text(f).split('\n').filter((l) => /^\s*-?\s*uses:/.test(l)));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('the gate runs the base branch\'s leasekit and takes only the records from the pull request', () => {
    for (const job of Object.values(jobs('leasekit-gate.yml'))) {
      const steps = job.steps;
      const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
      expect(checkouts).toHaveLength(2);
      expect(String(checkouts[0].with?.ref)).toMatch(/^\$\{\{ github\.event\.pull_request\.base\.sha( \|\| github\.event\.merge_group\.base_sha)? \}\}$/);
      expect(checkouts[1].with).toMatchObject({ path: '.leasekit-pull', 'persist-credentials': false });
      expect(String(checkouts[1].with?.['sparse-checkout']).trim().split('\n').sort()).toEqual(['documents', 'leases']);
      const take = steps.findIndex((s) => s.run?.includes('leasekit-take-records.sh .leasekit-pull'));
      const install = steps.findIndex((s) => s.run?.includes('npm ci'));
      expect(take).toBeGreaterThan(steps.indexOf(checkouts[1]));
      expect(install).toBeGreaterThan(take); // nothing of the pull request's exists when package scripts run
      for (const s of steps) if (s.run) expect(s.run).not.toContain('.leasekit-pull/');
    }
  });

  it('the fork comment job runs the default branch\'s code and names no pull request itself', () => {
    const [job] = Object.values(jobs('leasekit-fork-comment.yml'));
    for (const s of job.steps.filter((x) => x.uses?.startsWith('actions/checkout@'))) expect(s.with?.ref).toBeUndefined();
    const post = job.steps.find((s) => s.run?.includes('github comment'))!;
    expect(post.run).not.toMatch(/--pull|--number|--issue/);
  });

  it('every checkout keeps its token out of .git/config', () => {
    for (const f of FILES) for (const job of Object.values(jobs(f))) for (const s of job.steps.filter((x) => x.uses?.startsWith('actions/checkout@'))) expect(s.with?.['persist-credentials'], `${f}`).toBe(false);
  });
});

describe('leasekit-take-records.sh: records as data', () => {
  it('copies leases/ and documents/ without links or executable bits, and nothing else', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-take-'));
    const pull = path.join(work, '.leasekit-pull');
    const write = (rel: string, body: string, mode = 0o644) => {
      fs.mkdirSync(path.dirname(path.join(pull, rel)), { recursive: true });
      fs.writeFileSync(path.join(pull, rel), body, { mode });
    };
    write('leases/a.yaml', 'kind: party\n', 0o755);
    write('documents/c.pdf', '%PDF');
    write('leasekit.yaml', 'providers: {evil: {type: ripe-rpki, baseUrl: "http://evil"}}\n');
    write('src/cli/main.ts', 'steal()');
    write('package.json', '{"scripts":{"preinstall":"steal"}}');
    fs.symlinkSync('/etc/passwd', path.join(pull, 'leases/passwd.yaml'));
    fs.writeFileSync(path.join(work, 'leasekit.yaml'), 'base: true\n');
    fs.mkdirSync(path.join(work, 'leases'));
    fs.writeFileSync(path.join(work, 'leases/old.yaml'), 'old');
    execFileSync('sh', [path.join(EXAMPLE_ROOT, '.github/leasekit-take-records.sh'), '.leasekit-pull'], { cwd: work });
    expect(fs.readdirSync(work).sort()).toEqual(['documents', 'leasekit.yaml', 'leases']);
    expect(fs.readFileSync(path.join(work, 'leasekit.yaml'), 'utf8')).toBe('base: true\n');
    expect(fs.readdirSync(path.join(work, 'leases'))).toEqual(['a.yaml']);
    expect(fs.statSync(path.join(work, 'leases/a.yaml')).mode & 0o111).toBe(0);
  });

  it('takes nothing when the pull request\'s leases is a symbolic link', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-take-'));
    fs.mkdirSync(path.join(work, '.leasekit-pull'));
    fs.symlinkSync('/', path.join(work, '.leasekit-pull/leases'));
    execFileSync('sh', [path.join(EXAMPLE_ROOT, '.github/leasekit-take-records.sh'), '.leasekit-pull'], { cwd: work });
    expect(fs.readdirSync(work)).toEqual([]);
  });
});
