// `leasekit export` without the argument parsing: validate, compile the day's desired state, render.
import { compileDesired } from '../compile/desired.js';
import type { Repository } from '../repo/load.js';
import { validate, type Validation } from '../rules/index.js';
import { EXPORT_FORMATS } from './formats.js';

export interface Exported {
  validation: Validation;
  /** Absent when validation found errors. */
  text?: string;
}

/** `SOURCE_DATE_EPOCH` (seconds) pins the build time, for reproducible exports. */
export function exportTime(env: NodeJS.ProcessEnv, now = new Date()): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now;
}

export function exportRepository(repo: Repository, at: string, format: string, now: Date): Exported {
  const validation = validate(repo, at);
  if (validation.errors > 0) return { validation };
  const desired = compileDesired(validation.model, at);
  return { validation, text: EXPORT_FORMATS[format].render({ model: validation.model, at, desired, now }) };
}
