import fs from 'node:fs';
import path from 'node:path';
import { makePlan } from '../plan/make-plan.js';
import { safetyViolations } from '../plan/safety.js';
import { verifyPlan, type Verified } from '../plan/verify.js';
import { LockedError } from '../providers/file-lock.js';
import { ProviderError } from '../providers/types.js';
import { RepositoryError, loadRepository } from '../repo/load.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { planJson } from '../render/plan-json.js';
import { planMarkdown } from '../render/plan-markdown.js';
import { planText } from '../render/plan-text.js';
import { verificationText } from '../render/verification.js';
import { UsageError, parseArgs, stringFlag, type Flags } from './args.js';
import { REPO_FLAGS, dayFlag, formatFlag, repoRoot, type Io } from './common.js';

const FORMATS = ['text', 'json', 'markdown'] as const;
const PLAN_FLAGS = { ...REPO_FLAGS, out: 'string', 'detailed-exitcode': 'boolean', verify: 'boolean', horizon: 'string' } as const;
export const MAX_HORIZON_DAYS = 3660;

/**
 * `leasekit plan`: exit 0, 1 on errors; with --detailed-exitcode 0 no changes, 2 changes, and
 * 1 for every failure (usage, unreadable repository, errors), so 2 can only mean changes.
 */
export async function runPlan(argv: readonly string[], io: Io): Promise<number> {
  if (!argv.includes('--detailed-exitcode')) return plan(argv, io);
  try {
    return await plan(argv, io);
  } catch (err) {
    const known = err instanceof UsageError || err instanceof RepositoryError || err instanceof ProviderError || err instanceof LockedError;
    io.stderr(`leasekit: ${known ? '' : 'internal error: '}${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

async function plan(argv: readonly string[], io: Io): Promise<number> {
  const { flags } = parseArgs(argv, PLAN_FLAGS);
  const format = formatFlag(flags, io, FORMATS, 'text');
  const at = dayFlag(flags);
  const horizon = horizonFlag(flags);
  const repo = loadRepository(repoRoot(flags, io));
  const { validation, plan, registries } = await makePlan(repo, at, io.env, { horizonDays: horizon });
  const warnings = validation.diagnostics;
  if (!plan || !registries) {
    io.stdout(format === 'markdown' ? planMarkdown({ at, diagnostics: warnings }) : diagnosticsText(validationReport(validation, repo.records.length)));
    return 1;
  }
  const verified: Verified | undefined = flags.verify ? await verifyPlan(plan, registries) : undefined;
  const violations = safetyViolations(plan, repo.config);
  const extras = { violations, verification: verified?.results, verifiers: verified?.verifiers, ...(horizon ? { horizon } : {}) };
  if (format === 'json') io.stdout(planJson(plan, extras));
  else if (format === 'markdown') io.stdout(planMarkdown({ at, plan, diagnostics: warnings, violations, verification: verified?.results, horizon }));
  else io.stdout(`${warnings.length ? diagnosticsText(validationReport(validation, repo.records.length)) + '\n' : ''}${planText(plan, { violations })}${verified ? verificationText(verified.results, verified.verifiers) : ''}`);
  if (format === 'markdown' && verified && verified.verifiers.length === 0) io.stdout(`\n${verificationText([], [])}`);
  const out = stringFlag(flags, 'out');
  if (out) fs.writeFileSync(path.resolve(io.cwd, out), planJson(plan, extras));
  if (verified?.results.some((v) => !v.ok)) return 1;
  if (flags['detailed-exitcode']) return plan.changes.length ? 2 : 0;
  return 0;
}

function horizonFlag(flags: Flags): number {
  const value = stringFlag(flags, 'horizon');
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value) || Number(value) > MAX_HORIZON_DAYS) throw new UsageError(`--horizon takes a whole number of days up to ${MAX_HORIZON_DAYS}, got '${value}'`);
  return Number(value);
}
