import fs from 'node:fs';
import Handlebars from 'handlebars';
import type { Diagnostic } from '../model/diagnostic.js';
import { isUnknownDelete, type SafetyViolation } from '../plan/safety.js';
import type { Plan, PlannedChange } from '../plan/types.js';
import type { Verification } from '../plan/verify.js';
import { ganttChart, type GanttLease } from './gantt.js';
import { escapeMarkdown } from './markdown-escape.js';
import { OP_SIGN, changeObjectText, objectText } from './objects.js';
import { reasonText } from './reasons.js';

const TEMPLATE_DIR = new URL('../../templates/', import.meta.url);

export interface MarkdownInput {
  at: string;
  plan?: Plan;
  diagnostics: Diagnostic[];
  violations?: SafetyViolation[];
  verification?: Verification[];
  /** Identifies the comment for `github comment`, e.g. `<!-- leasekit:plan -->`. */
  marker?: string;
  /** The days of schedule the plan was made with (shown when the plan has a schedule). */
  horizon?: number;
  /** For a pull request: the plan in two parts, what merging applies now and what follows on which day. */
  pullRequest?: boolean;
  /** Leases to draw on a timeline (the pull request's own). */
  gantt?: GanttLease[];
}

let compiled: Handlebars.TemplateDelegate | undefined;

function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  hb.registerHelper('md', (value: unknown) => new hb.SafeString(escapeMarkdown(value)));
  // inside a diff code fence only a fence can break out: neutralise backticks
  hb.registerHelper('diffLine', (c: PlannedChange) => `${OP_SIGN[c.op]} ${changeObjectText(c, '→')}`.replace(/`/g, "'").replace(/[\r\n]+/g, ' '));
  compiled = hb.compile(fs.readFileSync(new URL('plan.md.hbs', TEMPLATE_DIR), 'utf8'), { strict: false });
  return compiled;
}

/** The pull-request comment: summary table, a <details> per provider, findings, the schedule. Every record-derived string is escaped. */
export function planMarkdown(input: MarkdownInput): string {
  const { plan } = input;
  const names = plan?.counterparties ?? {};
  const explained = plan?.changes.filter((c) => !isUnknownDelete(c)) ?? [];
  const providers = providerSections(explained, names);
  const schedule = plan?.schedule;
  const text = template()({
    marker: input.marker ?? '',
    at: input.at,
    nowHeading: schedule ? (input.pullRequest ? `What merging applies now (${input.at})` : `Now (${input.at})`) : '',
    summary: plan?.summary ?? { create: 0, update: 0, delete: 0, unchanged: 0 },
    hasChanges: Boolean(plan?.changes.length),
    providers,
    unknown: plan?.changes.filter(isUnknownDelete).map((c) => `${c.object.provider}: ${objectText(c.object)}`) ?? [],
    unmanaged: plan?.unmanaged.map((o) => `${o.provider}: ${objectText(o)}`) ?? [],
    errors: input.diagnostics.filter((d) => d.severity === 'error'),
    diagnostics: input.diagnostics.map((d) => ({ ...d, icon: d.severity === 'error' ? ':x:' : ':warning:', where: `${d.file}:${d.line}:${d.column}` })),
    violations: input.violations ?? [],
    refusals: (input.verification ?? []).filter((v) => !v.ok).map((v) => ({ provider: v.provider, text: `${v.change.op} ${objectText(v.change.object)}`, message: v.message ?? '' })),
    scheduleShown: Boolean(schedule),
    scheduleHeading: input.pullRequest ? `What happens on which day (next ${input.horizon ?? ''} days)`.replace(' ( days)', '') : `Schedule (next ${input.horizon ?? ''} days)`.replace(' ( days)', ''),
    horizon: input.horizon ?? '',
    schedule: (schedule ?? []).map((d) => ({ day: d.day, changes: d.changes.map((c) => row(c, names)) })),
    gantt: input.gantt?.length ? ganttChart(input.gantt) : '',
    fingerprintText: plan?.fingerprint ?? 'none (validation failed)',
    loaLeases: plan ? leasesPublished(plan) : [],
  });
  return text.replace(/\n{3,}/g, '\n\n');
}

/** Leases whose objects the plan creates: once applied, their lessees' upstreams will ask for a letter. */
function leasesPublished(plan: Plan): string[] {
  const ids = plan.changes.flatMap((c) => (c.op === 'create' && c.reason && 'lease' in c.reason ? [c.reason.lease] : []));
  return [...new Set(ids)].sort();
}

function row(c: PlannedChange, names: Record<string, string>) {
  return { ...c, provider: c.object.provider, sign: OP_SIGN[c.op], text: changeObjectText(c, '→'), because: reasonText(c, names) };
}

function providerSections(changes: PlannedChange[], names: Record<string, string>) {
  const providers = [...new Set(changes.map((c) => c.object.provider))];
  return providers.map((name) => {
    const mine = changes.filter((c) => c.object.provider === name);
    return {
      name,
      create: mine.filter((c) => c.op === 'create').length,
      update: mine.filter((c) => c.op === 'update').length,
      delete: mine.filter((c) => c.op === 'delete').length,
      changes: mine.map((c) => row(c, names)),
    };
  });
}
