import fs from 'node:fs';
import { UsageError } from '../errors.js';
import type { Reason, RegistryObject } from '../model/objects.js';
import { schemas } from '../repo/schemas.js';
import type { SafetyViolation } from './safety.js';
import type { Plan, PlannedChange, ScheduledDay } from './types.js';
import type { Verification } from './verify.js';

/**
 * The saved plan, `schema/plan.schema.json`: what `plan --format json` and `--out` write, what
 * `apply --plan` and the fork-comment job read back. Writer and reader live here together so
 * they cannot drift apart (docs/time.md describes the fields).
 */
export interface PlanFileChange {
  op: PlannedChange['op'];
  type: RegistryObject['type'];
  provider: string;
  prefix: string;
  reason: Reason;
  /** An update's maintainers and remarks before it. */
  from?: { mntBy: string[]; remarks: string[] };
  [attribute: string]: unknown;
}

export interface PlanFile {
  at: string;
  fingerprint: string;
  changes: PlanFileChange[];
  summary: Plan['summary'];
  unmanaged: RegistryObject[];
  managedCounts?: Record<string, number>;
  counterparties?: Record<string, string>;
  violations?: SafetyViolation[];
  horizon?: number;
  schedule?: Array<{ day: string; changes: PlanFileChange[] }>;
  verification?: Array<Record<string, unknown>>;
  verifiers?: string[];
}

export interface PlanFileExtras {
  violations?: readonly SafetyViolation[];
  verification?: readonly Verification[];
  /** With --verify: the providers that could check their changes (may be none). */
  verifiers?: readonly string[];
  horizon?: number;
}

/** Not a saved plan, or not readable: a usage error for the person who named the file. */
export class PlanFileError extends UsageError {}

// ---- writer ---------------------------------------------------------------------------------

export function planFileBody(plan: Plan, extras: PlanFileExtras = {}): PlanFile {
  const body: PlanFile = {
    at: plan.at,
    fingerprint: plan.fingerprint,
    changes: plan.changes.map(changeItem),
    summary: plan.summary,
    unmanaged: plan.unmanaged.map(flat),
    managedCounts: plan.managedCounts,
    violations: [...(extras.violations ?? [])],
  };
  if (plan.counterparties && Object.keys(plan.counterparties).length) body.counterparties = plan.counterparties;
  if (extras.horizon !== undefined) body.horizon = extras.horizon;
  if (plan.schedule) body.schedule = plan.schedule.map((d) => ({ day: d.day, changes: d.changes.map(changeItem) }));
  if (extras.verifiers) body.verifiers = [...extras.verifiers];
  if (extras.verification?.length) {
    body.verification = extras.verification.map((v) => ({ op: v.change.op, ...flat(v.change.object), ok: v.ok, ...(v.message ? { message: v.message } : {}) }));
  }
  return body;
}

export function planFileText(plan: Plan, extras: PlanFileExtras = {}): string {
  return JSON.stringify(planFileBody(plan, extras), null, 2) + '\n';
}

function changeItem(c: PlannedChange): PlanFileChange {
  const item: PlanFileChange = { op: c.op, ...flat(c.object), reason: c.reason ?? { event: 'unknown' } };
  if (c.op === 'update' && c.before?.type === 'route') item.from = { mntBy: c.before.mntBy, remarks: c.before.remarks ?? [] };
  return item;
}

/** type and provider first, whatever order the object was built in. */
function flat<T extends RegistryObject>(o: T): T {
  const { type, provider, ...attributes } = o;
  return { type, provider, ...attributes } as T;
}

// ---- reader ---------------------------------------------------------------------------------

/** Reads a plan written by `plan --out`; a PlanFileError when it is not one. */
export function readPlanFile(file: string): PlanFile {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PlanFileError(`cannot read plan ${file}: ${(err as Error).message}`);
  }
  return checkPlanFile(value, file);
}

/** Checks a value against schema/plan.schema.json; anything off it is refused, not repaired. */
export function checkPlanFile(value: unknown, what: string): PlanFile {
  const errors = schemas().validate('plan', value);
  if (errors.length) {
    const first = errors[0];
    throw new PlanFileError(`${what} is not a leasekit plan written by 'leasekit plan --out' (${first.instancePath || '/'} ${first.message ?? 'is invalid'})`);
  }
  return value as PlanFile;
}

/** The plan value back from its file: for rendering a plan another run made. */
export function planFromFile(file: PlanFile): Plan {
  const plan: Plan = {
    at: file.at,
    fingerprint: file.fingerprint,
    changes: file.changes.map(changeOf),
    unmanaged: file.unmanaged,
    summary: file.summary,
    managedCounts: file.managedCounts ?? {},
  };
  if (file.counterparties) plan.counterparties = file.counterparties;
  if (file.schedule) plan.schedule = file.schedule.map((d): ScheduledDay => ({ day: d.day, changes: d.changes.map(changeOf) }));
  return plan;
}

function changeOf(item: PlanFileChange): PlannedChange {
  const { op, reason, from, ...object } = item;
  const registryObject = object as unknown as RegistryObject;
  const change: PlannedChange = { op, object: registryObject, reason };
  if (op === 'delete') change.before = registryObject;
  if (op === 'update' && from && registryObject.type === 'route') change.before = { ...registryObject, mntBy: from.mntBy, remarks: from.remarks };
  return change;
}

/** Why a re-plan differs from the approved one, in words a reviewer can act on. */
export function explainDifference(saved: PlanFile, now: PlanFile): string[] {
  const reasons: string[] = [];
  if (saved.at !== now.at) reasons.push(`the saved plan is for ${saved.at}, this apply is for ${now.at}`);
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const key = (c: PlanFileChange) => `${c.op} ${c.type} ${c.provider} ${c.prefix} ${text(c.asn ?? c.origin ?? c.child)} ${text(c.maxLength)}`.trim();
  const before = new Set(saved.changes.map(key));
  const after = new Set(now.changes.map(key));
  for (const k of after) if (!before.has(k)) reasons.push(`new change not in the approved plan: ${k}`);
  for (const k of before) if (!after.has(k)) reasons.push(`approved change no longer planned: ${k}`);
  if (reasons.length === 0) reasons.push('the registry state or the records changed since the plan was made, though the changes look alike');
  return reasons;
}
