import type { Diagnostic } from '../model/diagnostic.js';
import type { SafetyViolation } from '../plan/safety.js';
import type { Plan } from '../plan/types.js';
import { conflictsMarkdown, type ConflictRow } from '../render/conflicts-markdown.js';
import type { GanttLease } from '../render/gantt.js';
import type { ImpactEntry } from '../audit/impact.js';
import { impactMarkdown } from '../render/impact.js';
import { planMarkdown } from '../render/plan-markdown.js';
import { CONFIG_NOTE } from './config-change.js';
import { markerOf } from './sticky-comment.js';

/** Days of schedule a pull request's plan comment shows: what its records do over the next three months. */
export const COMMENT_HORIZON_DAYS = 90;

/** The sticky comment's name: its first line is `<!-- leasekit:plan -->`. */
export const PLAN_COMMENT = 'leasekit:plan';

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
  /** The plan's impact on the announcements leasekit.yaml's audit.routes names, when the workflow fetched them. */
  impact?: readonly ImpactEntry[];
  /**
   * Made by this repository's own workflow. A plan posted from a fork's artifact says that
   * merging will not apply it. Either way the comment is for people only: the apply job reads
   * the approval record of the gate's check run (src/github/approval.ts), never a comment.
   */
  trusted: boolean;
  /** The pull request changes leasekit.yaml, which the gate never plans with. */
  configChanged?: boolean;
}

/** The whole comment: hidden header lines, the plan (the Handlebars template), then cross-PR overlaps. */
export function planCommentBody(input: PlanCommentInput): string {
  const plan = planMarkdown({ at: input.at, plan: input.plan, diagnostics: input.diagnostics, violations: input.violations, marker: markerOf(PLAN_COMMENT), horizon: input.horizon, gantt: input.gantt, pullRequest: true });
  const fork = input.trusted ? '' : "\n> :information_source: Posted from a fork's workflow run. Merging it will not apply this plan: the apply job trusts only plans made by this repository's own workflow.\n";
  const config = input.configChanged ? `\n${CONFIG_NOTE}` : '';
  return `${plan.trimEnd()}\n${input.impact ? impactMarkdown(input.impact) : ''}${conflictsMarkdown(input.conflicts ?? [])}${config}${fork}`;
}
