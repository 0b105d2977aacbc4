import fs from 'node:fs';
import { UsageError } from '../errors.js';

interface SavedChange {
  op: string;
  type: string;
  provider: string;
  prefix: string;
  [attribute: string]: unknown;
}

export interface SavedPlan {
  at: string;
  fingerprint: string;
  changes: SavedChange[];
}

/** Reads a plan written by `plan --out`; a usage error when it is not one. */
export function readSavedPlan(file: string): SavedPlan {
  let value: Partial<SavedPlan>;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SavedPlan>;
  } catch (err) {
    throw new SavedPlanError(`cannot read plan ${file}: ${(err as Error).message}`);
  }
  if (typeof value.fingerprint !== 'string' || typeof value.at !== 'string' || !Array.isArray(value.changes)) {
    throw new SavedPlanError(`${file} is not a leasekit plan (written by 'leasekit plan --out')`);
  }
  return value as SavedPlan;
}

/** A file given as a saved plan that is not one: a usage error. */
export class SavedPlanError extends UsageError {}

/** Why a re-plan differs from the approved one, in words a reviewer can act on. */
export function explainDifference(saved: SavedPlan, now: SavedPlan): string[] {
  const reasons: string[] = [];
  if (saved.at !== now.at) reasons.push(`the saved plan is for ${saved.at}, this apply is for ${now.at}`);
  const key = (c: SavedChange) => `${c.op} ${c.type} ${c.provider} ${c.prefix} ${scalar(c.asn ?? c.origin ?? c.child)} ${scalar(c.maxLength)}`.trim();
  const before = new Set(saved.changes.map(key));
  const after = new Set(now.changes.map(key));
  for (const k of after) if (!before.has(k)) reasons.push(`new change not in the approved plan: ${k}`);
  for (const k of before) if (!after.has(k)) reasons.push(`approved change no longer planned: ${k}`);
  if (reasons.length === 0) reasons.push('the registry state or the records changed since the plan was made, though the changes look alike');
  return reasons;
}

/** A number or string attribute of a saved change as text; '' when absent. */
function scalar(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}
