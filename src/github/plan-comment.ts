import type { Diagnostic } from '../model/diagnostic.js';
import type { SafetyViolation } from '../plan/safety.js';
import type { Plan } from '../plan/types.js';
import { conflictsMarkdown, type ConflictRow } from '../render/conflicts-markdown.js';
import type { GanttLease } from '../render/gantt.js';
import { planMarkdown } from '../render/plan-markdown.js';
import { markerOf } from './sticky-comment.js';

/** Days of schedule a pull request's plan comment shows: what its records do over the next three months. */
export const COMMENT_HORIZON_DAYS = 90;

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
  /** Days of schedule in the plan: the comment's second part, what happens on which day. */
  horizon?: number;
  /** The pull request's own leases, drawn on a timeline. */
  gantt?: GanttLease[];
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
  const plan = planMarkdown({ at: input.at, plan: input.plan, diagnostics: input.diagnostics, violations: input.violations, marker: header.join('\n'), horizon: input.horizon, gantt: input.gantt, pullRequest: true });
  const fork = input.trusted ? '' : "\n> :information_source: Posted from a fork's workflow run. Merging it will not apply this plan: the apply job trusts only plans made by this repository's own workflow.\n";
  return `${plan.trimEnd()}\n${conflictsMarkdown(input.conflicts ?? [])}${fork}`;
}

/** The fingerprint and day a trusted plan comment shows, if it is one. */
export function readApprovedPlan(body: string): ApprovedPlan | undefined {
  const m = FINGERPRINT_LINE.exec(body);
  return m ? { at: m[1], fingerprint: m[2] } : undefined;
}
