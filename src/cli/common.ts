import path from 'node:path';
import { UsageError } from '../errors.js';
import { isIsoDay, todayUtc } from '../model/dates.js';
import { findRepositoryRoot } from '../repo/root.js';
import { oneOf, stringFlag, type FlagDef, type Flags } from './command.js';
import type { Io } from './io.js';

export type { Io } from './io.js';

export const REPO_FLAG: FlagDef = {
  type: 'string',
  value: 'DIR',
  description: 'the lease repository',
  default: 'the nearest folder, from here upwards, that holds leasekit.yaml',
};
export const AT_FLAG: FlagDef = { type: 'string', value: 'YYYY-MM-DD', description: 'the day to act on', default: 'today, UTC' };

/** --repo and --at, which every command that reads a repository takes. */
export const REPO_FLAGS = { repo: REPO_FLAG, at: AT_FLAG } as const;

export function formatFlagDef(formats: readonly string[], fallback: string, github = formats.includes('github')): FlagDef {
  return {
    type: 'string',
    value: formats.join('|'),
    description: 'output format',
    default: github ? `${fallback}; github when GITHUB_ACTIONS=true` : fallback,
  };
}

export const GITHUB_ACTIONS_ENV = { GITHUB_ACTIONS: 'when "true", the default format is github (workflow-command annotations)' };

/** --repo as given, else the nearest folder upwards holding leasekit.yaml (as git finds .git). */
export function repoRoot(flags: Flags, io: Io): string {
  const given = stringFlag(flags, 'repo');
  return given === undefined ? findRepositoryRoot(io.cwd) : path.resolve(io.cwd, given);
}

export function dayFlag(flags: Flags): string {
  const at = stringFlag(flags, 'at');
  if (at === undefined) return todayUtc();
  if (!isIsoDay(at)) throw new UsageError(`--at must be a date YYYY-MM-DD, got '${at}'`);
  return at;
}

export function formatFlag<T extends string>(flags: Flags, io: Io, allowed: readonly T[], fallback: T): T {
  const chosen = oneOf(stringFlag(flags, 'format'), allowed, 'format');
  if (chosen) return chosen;
  return io.env.GITHUB_ACTIONS === 'true' && (allowed as readonly string[]).includes('github') ? ('github' as T) : fallback;
}
