import fs from 'node:fs';
import path from 'node:path';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow, type WorkflowTemplate } from '@actions/workflow-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EXAMPLE_ROOT } from '../helpers/repo.js';

/** .github/workflows/reconcile.yml, read by GitHub's own parser, holds the security rules of docs/github.md. */
const FILE = path.join(EXAMPLE_ROOT, '.github/workflows/reconcile.yml');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

let template: WorkflowTemplate;
let raw: {
  on: { schedule: Array<{ cron: string }>; [trigger: string]: unknown };
  permissions: unknown;
  concurrency: { 'cancel-in-progress': boolean };
  jobs: Record<string, { permissions: Record<string, string>; if?: string; steps: Step[] }>;
};

beforeAll(async () => {
  const content = fs.readFileSync(FILE, 'utf8');
  const result = parseWorkflow({ name: 'reconcile.yml', content }, new NoOperationTraceWriter());
  expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  template = await convertWorkflowTemplate(result.context, result.value!);
  expect(template.errors ?? []).toEqual([]);
  raw = parseYaml(content);
});

const steps = () => Object.values(raw.jobs).flatMap((j) => j.steps);

describe('the reconcile workflow', () => {
  it('runs daily and on demand, one run at a time', () => {
    expect(Object.keys(template.events).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(raw.on.schedule).toHaveLength(1);
    expect(raw.on.schedule[0].cron).toMatch(/^\d{1,2} \d{1,2} \* \* \*$/);
    expect(raw.concurrency['cancel-in-progress']).toBe(false);
  });

  it('gives its own token read access only: an App token, scoped to three permissions, does the writing', () => {
    expect(raw.permissions).toEqual({});
    const [job] = Object.values(raw.jobs);
    expect(job.permissions).toEqual({ contents: 'read' });
    const app = steps().find((s) => s.uses?.startsWith('actions/create-github-app-token@'))!;
    const scopes = Object.entries(app.with!).filter(([k]) => k.startsWith('permission-'));
    expect(Object.fromEntries(scopes)).toEqual({ 'permission-contents': 'write', 'permission-pull-requests': 'write', 'permission-issues': 'write' });
    expect(app.with!['private-key']).toBe('${{ secrets.LEASEKIT_APP_PRIVATE_KEY }}');
  });

  it('pushes and opens pull requests with the App token, so they start the gate', () => {
    const checkout = steps().find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with?.token).toBe('${{ steps.app.outputs.token }}');
    const reconcile = steps().find((s) => s.run?.includes('leasekit.js reconcile'))!;
    expect(reconcile.env?.GITHUB_TOKEN).toBe('${{ steps.app.outputs.token }}');
    expect(reconcile.run).toContain('--author "$LEASEKIT_AUTHOR"');
  });

  it('puts no expression inside run: (dispatch input through env:)', () => {
    for (const job of template.jobs) {
      if (job.type !== 'job') continue;
      for (const step of job.steps) if ('run' in step) expect(step.run.toString()).not.toMatch(/\$\{\{/);
    }
    for (const step of steps()) expect(step.run ?? '').not.toContain('${{');
    expect(steps().find((s) => s.run?.includes('reconcile'))!.env?.LEASEKIT_AT).toBe('${{ inputs.at }}');
  });

  it('pins every action to a version', () => {
    const uses = steps().map((s) => s.uses).filter((u): u is string => Boolean(u));
    expect(uses.length).toBeGreaterThanOrEqual(3);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
  });
});
