import fs from 'node:fs';
import Handlebars from 'handlebars';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SafetyViolation } from '../plan/safety.js';
import type { Plan, PlannedChange } from '../plan/types.js';
import type { Verification } from '../plan/verify.js';
import { escapeMarkdown } from './markdown-escape.js';
import { OP_SIGN, objectText } from './objects.js';

const TEMPLATE_DIR = new URL('../../templates/', import.meta.url);

export interface MarkdownInput {
  at: string;
  plan?: Plan;
  diagnostics: Diagnostic[];
  violations?: SafetyViolation[];
  verification?: Verification[];
  /** Identifies the comment for `github comment`, e.g. `<!-- leasekit:plan -->`. */
  marker?: string;
}

let compiled: Handlebars.TemplateDelegate | undefined;

function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  hb.registerHelper('md', (value: unknown) => new hb.SafeString(escapeMarkdown(value)));
  // inside a diff code fence only a fence can break out: neutralise backticks
  hb.registerHelper('diffLine', (c: PlannedChange) => `${OP_SIGN[c.op]} ${objectText(c.object)}`.replace(/`/g, "'").replace(/[\r\n]+/g, ' '));
  compiled = hb.compile(fs.readFileSync(new URL('plan.md.hbs', TEMPLATE_DIR), 'utf8'), { strict: false });
  return compiled;
}

/** The pull-request comment: summary table, a <details> per provider, findings. Every record-derived string is escaped. */
export function planMarkdown(input: MarkdownInput): string {
  const { plan } = input;
  const providers = plan ? providerSections(plan) : [];
  const text = template()({
    marker: input.marker ?? '',
    at: input.at,
    summary: plan?.summary ?? { create: 0, update: 0, delete: 0, unchanged: 0 },
    hasChanges: Boolean(plan?.changes.length),
    providers,
    unmanaged: plan?.unmanaged.map((o) => `${o.provider}: ${objectText(o)}`) ?? [],
    errors: input.diagnostics.filter((d) => d.severity === 'error'),
    diagnostics: input.diagnostics.map((d) => ({ ...d, icon: d.severity === 'error' ? ':x:' : ':warning:', where: `${d.file}:${d.line}:${d.column}` })),
    violations: input.violations ?? [],
    refusals: (input.verification ?? []).filter((v) => !v.ok).map((v) => ({ provider: v.provider, text: `${v.change.op} ${objectText(v.change.object)}`, message: v.message ?? '' })),
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

function providerSections(plan: Plan) {
  const names = [...new Set(plan.changes.map((c) => c.object.provider))];
  return names.map((name) => {
    const changes = plan.changes.filter((c) => c.object.provider === name);
    return {
      name,
      create: changes.filter((c) => c.op === 'create').length,
      update: changes.filter((c) => c.op === 'update').length,
      delete: changes.filter((c) => c.op === 'delete').length,
      changes: changes.map((c) => ({ ...c, sign: OP_SIGN[c.op], text: objectText(c.object), because: c.because ?? '' })),
    };
  });
}
