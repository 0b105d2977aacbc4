import fs from 'node:fs';
import path from 'node:path';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow, type WorkflowTemplate } from '@actions/workflow-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EXAMPLE_ROOT } from '../helpers/repo.js';

/**
 * Every workflow parses with GitHub's own parser, and keeps the security rules of docs/github.md:
 * explicit least-privilege permissions per job, no pull_request_target, no `${{ }}` inside
 * `run:`, actions pinned to a version, apply serialised behind the production environment.
 */
const DIR = path.join(EXAMPLE_ROOT, '.github/workflows');
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

interface Parsed {
  file: string;
  template: WorkflowTemplate;
  raw: { on: Record<string, unknown>; permissions?: unknown; jobs: Record<string, RawJob> };
}

interface RawJob {
  permissions?: Record<string, string>;
  environment?: unknown;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  steps: Array<{ uses?: string; run?: string; env?: Record<string, string> }>;
}

const parsed: Parsed[] = [];

beforeAll(async () => {
  for (const file of FILES) {
    const content = fs.readFileSync(path.join(DIR, file), 'utf8');
    const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    const errors = result.context.errors.getErrors().map((e) => e.message);
    expect(errors, `${file} does not parse`).toEqual([]);
    const template = await convertWorkflowTemplate(result.context, result.value!);
    expect(template.errors ?? [], `${file} does not convert`).toEqual([]);
    parsed.push({ file, template, raw: parseYaml(content) });
  }
});

const byEvent = (event: string) => parsed.filter((p) => event in p.template.events);

describe('workflows', () => {
  it('exist for pull requests, the merge queue, forks\' comments and apply', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(3);
    expect(byEvent('pull_request').length).toBeGreaterThan(0);
    expect(byEvent('merge_group').map((p) => p.file)).toEqual(byEvent('pull_request').map((p) => p.file));
    expect(byEvent('workflow_run').length).toBe(1);
    expect(byEvent('push').length).toBe(1);
  });

  it('never use pull_request_target', () => {
    for (const p of parsed) expect(Object.keys(p.template.events), p.file).not.toContain('pull_request_target');
  });

  it('grant nothing at the top and explicit least privilege per job', () => {
    const writable = new Set(['pull-requests', 'checks']);
    for (const p of parsed) {
      expect(p.raw.permissions, `${p.file}: top-level permissions`).toEqual({});
      for (const [id, job] of Object.entries(p.raw.jobs)) {
        expect(job.permissions, `${p.file} job ${id}: permissions`).toBeTypeOf('object');
        for (const [scope, level] of Object.entries(job.permissions!)) {
          if (level === 'write') expect(writable.has(scope), `${p.file} job ${id}: ${scope}: write`).toBe(true);
        }
        expect(job.permissions!.contents, `${p.file} job ${id}: contents`).toBe('read');
      }
    }
  });

  it('put no expression inside run: scripts (event data only through env:)', () => {
    for (const p of parsed) {
      for (const job of p.template.jobs) {
        if (job.type !== 'job') continue;
        for (const step of job.steps) {
          if ('run' in step) expect(step.run.toString(), `${p.file} ${job.id.value}`).not.toMatch(/\$\{\{/);
        }
      }
      for (const job of Object.values(p.raw.jobs)) for (const step of job.steps) expect(step.run ?? '').not.toContain('${{');
    }
  });

  it('pin every action to a version or a commit', () => {
    const uses = parsed.flatMap((p) => Object.values(p.raw.jobs).flatMap((j) => j.steps.map((s) => s.uses).filter((u): u is string => Boolean(u))));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
  });

  it('apply on push to main, serialised without cancelling, behind the production environment', () => {
    const [apply] = byEvent('push');
    expect(apply.raw.on.push).toEqual({ branches: ['main'] });
    const jobs = Object.values(apply.raw.jobs);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].environment).toBe('production');
    expect(jobs[0].concurrency).toEqual({ group: 'apply-${{ github.repository }}', 'cancel-in-progress': false });
    expect(jobs[0].steps.some((s) => s.run?.includes('leasekit.js github apply'))).toBe(true);
  });

  it('keep secrets out of every job but apply\'s, and give the gate comment, check and summary steps', () => {
    // the scheduled reconcile workflow needs its App key; test/reconcile/workflow.test.ts checks it
    for (const p of parsed.filter((w) => w.file !== 'reconcile.yml')) {
      const text = fs.readFileSync(path.join(DIR, p.file), 'utf8').split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
      expect(text, p.file).not.toMatch(/secrets\./);
    }
    const [gate] = byEvent('merge_group');
    const runs = Object.values(gate.raw.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
    for (const command of ['validate --format github', 'github check', 'github comment', 'github summary', 'github conflicts', 'github artifact']) {
      expect(runs.some((r) => r.includes(command)), command).toBe(true);
    }
    expect(runs.every((r) => !r.includes('npm install'))).toBe(true);
  });
});
