import type { Diagnostic } from '../model/diagnostic.js';
import type { SafetyViolation } from '../plan/safety.js';
import type { Plan } from '../plan/types.js';
import { conflictsMarkdown, type ConflictRow } from '../render/conflicts-markdown.js';
import type { ImpactEntry } from '../audit/impact.js';
import { impactMarkdown } from '../render/impact.js';
import { planMarkdown } from '../render/plan-markdown.js';
import { markerOf } from './sticky-comment.js';

/** The sticky comment's name: its first line is `<!-- leasekit:plan -->`. */
export const PLAN_COMMENT = 'leasekit:plan';

export interface ApprovedPlan {
  at: string;
  fingerprint: string;
}

export interface PlanCommentInput {
  at: string;
  plan?: Plan;
  diagnostics: Diagnostic[];
  violations?: SafetyViolation[];
  conflicts?: readonly ConflictRow[];
  /** The plan's impact on the announcements leasekit.yaml's audit.routes names, when the workflow fetched them. */
  impact?: readonly ImpactEntry[];
  /**
   * Made by this repository's own workflow from its own checkout. A plan posted from a fork's
   * artifact is shown, but carries no fingerprint line: the apply gate must not trust it.
   */
  trusted: boolean;
}

const FINGERPRINT_LINE = /^<!-- leasekit:plan-fingerprint at=(\d{4}-\d{2}-\d{2}) fingerprint=(sha256:[0-9a-f]{64}) -->$/m;

/** The whole comment: hidden header lines, the plan (the Handlebars template), then cross-PR overlaps. */
export function planCommentBody(input: PlanCommentInput): string {
  const header = [markerOf(PLAN_COMMENT)];
  if (input.trusted && input.plan) header.push(`<!-- leasekit:plan-fingerprint at=${input.plan.at} fingerprint=${input.plan.fingerprint} -->`);
  const plan = planMarkdown({ at: input.at, plan: input.plan, diagnostics: input.diagnostics, violations: input.violations, marker: header.join('\n') });
  const fork = input.trusted ? '' : "\n> :information_source: Posted from a fork's workflow run. Merging it will not apply this plan: the apply job trusts only plans made by this repository's own workflow.\n";
  return `${plan.trimEnd()}\n${input.impact ? impactMarkdown(input.impact) : ''}${conflictsMarkdown(input.conflicts ?? [])}${fork}`;
}

/** The fingerprint and day a trusted plan comment shows, if it is one. */
export function readApprovedPlan(body: string): ApprovedPlan | undefined {
  const m = FINGERPRINT_LINE.exec(body);
  return m ? { at: m[1], fingerprint: m[2] } : undefined;
}
