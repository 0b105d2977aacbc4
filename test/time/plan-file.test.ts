import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactError, readArtifact, writeArtifact } from '../../src/github/artifact.js';
import { UsageError } from '../../src/errors.js';
import { checkPlanFile, planFileBody, planFromFile, readPlanFile, PlanFileError } from '../../src/plan/plan-file.js';
import type { Roa, RouteObject } from '../../src/model/objects.js';
import type { Plan } from '../../src/plan/types.js';
import { ganttChart } from '../../src/render/gantt.js';
import { planText } from '../../src/render/plan-text.js';
import { cli } from '../helpers/repo.js';

const roa: Roa = { type: 'roa', provider: 'local', prefix: '192.0.2.0/25', maxLength: 25, asn: 64501 };
const route: RouteObject = { type: 'route', provider: 'local', source: 'RIPE', prefix: '192.0.2.0/25', origin: 64501, mntBy: ['NEW-MNT'], remarks: ['managed by leasekit, lease acme-1'] };
const PLAN: Plan = {
  at: '2026-06-15',
  fingerprint: `sha256:${'ab'.repeat(32)}`,
  changes: [
    { op: 'create', object: roa, reason: { lease: 'acme-1', event: 'starts' } },
    { op: 'update', object: route, before: { ...route, mntBy: ['US-MNT'] }, reason: { lease: 'acme-1', event: 'changed' } },
    { op: 'delete', object: { ...roa, asn: 64502 }, before: { ...roa, asn: 64502 }, reason: { event: 'unknown' } },
  ],
  unmanaged: [],
  summary: { create: 1, update: 1, delete: 1, unchanged: 4 },
  managedCounts: { local: 6 },
  counterparties: { 'lease:acme-1': 'Acme' },
  schedule: [{ day: '2026-07-01', changes: [{ op: 'delete', object: roa, before: roa, reason: { lease: 'acme-1', event: 'ended', day: '2026-07-01' } }] }],
};
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-planfile-'));

describe('the plan file: one writer, one reader, one schema', () => {
  it('reads back what it writes, into a plan that renders the same', () => {
    const body = planFileBody(PLAN, { violations: [{ provider: 'local', message: 'x' }], horizon: 30 });
    const file = path.join(tmp(), 'plan.json');
    fs.writeFileSync(file, JSON.stringify(body));
    const read = readPlanFile(file);
    expect(read).toEqual(JSON.parse(JSON.stringify(body)));
    expect(read.changes[1]).toMatchObject({ op: 'update', mntBy: ['NEW-MNT'], from: { mntBy: ['US-MNT'], remarks: ['managed by leasekit, lease acme-1'] } });
    const again = planFromFile(read);
    expect(planText(again)).toBe(planText(PLAN));
    expect(again.changes[1].before).toEqual({ ...route, mntBy: ['US-MNT'] });
  });

  it('refuses what is off the schema, as a usage error naming where', () => {
    const body = JSON.parse(JSON.stringify(planFileBody(PLAN))) as Record<string, unknown> & { changes: Array<Record<string, unknown>> };
    body.changes[0].reason = { lease: 'acme-1', event: 'sometime' };
    expect(() => checkPlanFile(body, 'p.json')).toThrow(/p\.json is not a leasekit plan .*\/changes\/0\/reason\/event/);
    expect(() => checkPlanFile({ ...planFileBody(PLAN), run: 'rm -rf /' }, 'p.json')).toThrow(PlanFileError);
    expect(() => checkPlanFile({ ...planFileBody(PLAN), at: 'tomorrow' }, 'p.json')).toThrow(UsageError);
    const long = JSON.parse(JSON.stringify(planFileBody(PLAN))) as { changes: Array<Record<string, unknown>> };
    long.changes[0].provider = 'x'.repeat(201);
    expect(() => checkPlanFile(long, 'p.json')).toThrow(/must NOT have more than 200 characters/);
  });

  it('apply --plan with a file that is not a plan is a usage error', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"at": "2026-06-15"}');
    const result = await cli(['apply', '--repo', dir, '--plan', path.join(dir, 'bad.json'), '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not a leasekit plan written by 'leasekit plan --out'");
  });

  it("is what a fork's artifact carries, checked by the same schema", () => {
    const base = { version: 1 as const, pullRequest: 1, headSha: 'a'.repeat(40), at: '2026-06-15', records: 3, diagnostics: [], violations: [], conflicts: [] };
    const file = writeArtifact(tmp(), { ...base, plan: planFileBody(PLAN) });
    expect(planFromFile(readArtifact(file).plan!).changes).toHaveLength(3);
    const tampered = JSON.parse(fs.readFileSync(file, 'utf8')) as { plan: { changes: Array<Record<string, unknown>> } };
    tampered.plan.changes[0].because = '<img src=x>';
    fs.writeFileSync(file, JSON.stringify(tampered));
    expect(() => readArtifact(file)).toThrow(ArtifactError);
    expect(() => readArtifact(file)).toThrow(/the plan in the artifact is not a leasekit plan/);
  });
});

describe('the pull request timeline', () => {
  it('is a Mermaid gantt whose names cannot break out of the fence or the syntax', () => {
    const chart = ganttChart([
      { id: 'acme-1', counterparty: 'Acme', start: '2026-01-01', end: '2026-06-21', until: '2026-08-30' },
      { id: 'evil: x', counterparty: '```\n%% <img src=x> : #', start: '2026-06-11', until: '2026-08-30' },
    ]);
    expect(chart).not.toContain('`');
    expect(chart).not.toContain('<');
    expect(chart).not.toContain('%%');
    expect(chart.split('\n')).toEqual([
      'gantt',
      '  title Leases this pull request adds or changes',
      '  dateFormat YYYY-MM-DD',
      '  axisFormat %Y-%m-%d',
      '  section _ _img src_x_ _ _',
      '  evil_ x (open-ended) : 2026-06-11, 2026-08-30',
      '  section Acme',
      '  acme-1 : 2026-01-01, 2026-06-21',
    ]);
  });
});
