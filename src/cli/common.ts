import path from 'node:path';
import { isIsoDay, todayUtc } from '../model/dates.js';
import { UsageError, oneOf, stringFlag, type FlagSpec, type Flags } from './args.js';

/** Flags every repository command takes (docs/format.md#exit-codes). */
export const REPO_FLAGS: FlagSpec = { repo: 'string', at: 'string', format: 'string' };

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  cwd: string;
  /** Asks a question on the terminal; only called when isTTY. */
  prompt?: (question: string) => Promise<string>;
}

export function repoRoot(flags: Flags, io: Io): string {
  return path.resolve(io.cwd, stringFlag(flags, 'repo') ?? '.');
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
