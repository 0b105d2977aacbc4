import fs from 'node:fs';
import path from 'node:path';
import { executePlan, type BatchRecord } from '../plan/execute.js';
import { makePlan } from '../plan/make-plan.js';
import { safetyViolations } from '../plan/safety.js';
import { explainDifference, readSavedPlan, SavedPlanError, type SavedPlan } from '../plan/saved-plan.js';
import type { Plan } from '../plan/types.js';
import type { Provider } from '../providers/types.js';
import { loadRepository } from '../repo/load.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { planBody } from '../render/plan-json.js';
import { planText } from '../render/plan-text.js';
import { plural } from '../render/objects.js';
import { Progress } from '../render/progress.js';
import { UsageError } from '../errors.js';
import { stringFlag, type CommandSpec, type Flags, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, repoRoot, type Io } from './common.js';

export const DEFAULT_JOURNAL = 'state/journal.jsonl';
const LARGE_BATCH = 50;

export const applyCommand: CommandSpec = {
  name: 'apply',
  summary: 'carry out the plan: re-plan, check the approved fingerprint and the safety thresholds, then write',
  flags: {
    ...REPO_FLAGS,
    plan: { type: 'string', value: 'FILE', description: 'apply only if re-planning gives the fingerprint of this saved plan (plan --out)' },
    fingerprint: { type: 'string', value: 'sha256:HEX', description: 'apply only if re-planning gives this fingerprint' },
    yes: { type: 'boolean', description: 'confirm without a prompt (needed without a terminal)' },
    'dry-run': { type: 'boolean', description: 'stop before any write' },
    force: { type: 'boolean', description: "pass the safety thresholds of leasekit.yaml and the AS0 delete guard" },
    settle: { type: 'string', value: 'SECONDS', description: 'wait between creates and deletes so relying parties fetch the new objects', default: '0' },
    journal: { type: 'string', value: 'FILE', description: 'where each batch sent and its answer is appended', default: DEFAULT_JOURNAL },
  },
  env: { 'provider key variables': 'the variables named by apiKeyEnv/tokenEnv in leasekit.yaml (never printed)' },
  examples: ['leasekit apply', 'leasekit apply --plan plan.json --yes', 'leasekit apply --dry-run'],
  exitCodes: { 1: 'refused (validation errors, a stale plan, thresholds, no confirmation) or a registry refusal' },
  run: runApply,
};

/** `leasekit apply`: re-plans, checks the approved fingerprint and the safety thresholds, then carries it out. */
export async function runApply({ flags }: ParsedArgs, io: Io): Promise<number> {
  const root = repoRoot(flags, io);
  const at = dayFlag(flags);
  const settleMs = settleFlag(flags);
  const saved = loadSaved(flags, io);
  const repo = loadRepository(root);
  const releases: Array<() => void> = [];
  try {
    const lockAll = (providers: Provider[]) => providers.forEach((p) => p.lock && releases.push(p.lock()));
    const { validation, plan, registries } = await makePlan(repo, at, io.env, lockAll);
    if (!plan || !registries) {
      io.stdout(diagnosticsText(validationReport(validation, repo.records.length)));
      io.stderr('leasekit: apply refused: the records do not validate\n');
      return 1;
    }
    io.stdout(planText(plan));
    const refusal = refuse(plan, saved, flags, repo.config);
    if (refusal) {
      io.stderr(`leasekit: apply refused:\n${refusal.map((r) => `  - ${r}`).join('\n')}\n`);
      return 1;
    }
    if (plan.changes.length === 0 || flags['dry-run']) {
      if (flags['dry-run']) io.stderr('leasekit: dry run: nothing was sent to any registry\n');
      return 0;
    }
    if (!(await confirmed(plan, flags, io))) return 1;
    const journal = path.resolve(root, stringFlag(flags, 'journal') ?? DEFAULT_JOURNAL);
    // a bar only where someone watches a large batch; plain lines in logs
    const progress = new Progress(plan.changes.length, io.stderr, io.isTTY && plan.changes.length > LARGE_BATCH);
    const result = await executePlan(plan, registries, {
      progress: (provider, phase, count) => progress.start(`${provider}: ${phase}`, count),
      settled: (provider, phase, count) => progress.advance(count, `${provider}: ${phase}`),
      record: (batch) => appendJournal(journal, batch),
      settle: () => settle(settleMs, io),
    });
    progress.finish();
    return report(result, io, path.relative(root, journal));
  } finally {
    for (const release of releases.reverse()) release();
  }
}

function settleFlag(flags: Flags): number {
  const value = stringFlag(flags, 'settle');
  if (value === undefined) return 0;
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--settle takes a number of seconds, got '${value}'`);
  return Number(value) * 1000;
}

/** The approved plan: a saved plan file, or just its fingerprint (as shown in the pull request). */
function loadSaved(flags: Flags, io: Io): SavedPlan | undefined {
  const file = stringFlag(flags, 'plan');
  const fingerprint = stringFlag(flags, 'fingerprint');
  if (file && fingerprint) throw new UsageError('give --plan or --fingerprint, not both');
  if (fingerprint) {
    if (!/^sha256:[0-9a-f]{64}$/.test(fingerprint)) throw new UsageError(`--fingerprint must look like sha256:<64 hex digits>, got '${fingerprint}'`);
    return { at: '', fingerprint, changes: [] };
  }
  if (!file) return undefined;
  try {
    return readSavedPlan(path.resolve(io.cwd, file));
  } catch (err) {
    if (err instanceof SavedPlanError) throw new UsageError(err.message);
    throw err;
  }
}

/** Reasons not to go on: a stale approved plan, or thresholds crossed without --force. */
function refuse(plan: Plan, saved: SavedPlan | undefined, flags: Flags, config: Parameters<typeof safetyViolations>[1]): string[] | undefined {
  if (saved && saved.fingerprint !== plan.fingerprint) {
    const details = saved.at ? explainDifference(saved, planBody(plan) as unknown as SavedPlan) : [];
    return [`the plan changed since it was approved (approved ${saved.fingerprint}, now ${plan.fingerprint})`, ...details, 'run plan again and have the new plan reviewed'];
  }
  const violations = safetyViolations(plan, config);
  if (violations.length && !flags.force) return [...violations.map((v) => `${v.provider}: ${v.message}`), 'pass --force if this is intended'];
  return undefined;
}

async function confirmed(plan: Plan, flags: Flags, io: Io): Promise<boolean> {
  if (flags.yes) return true;
  if (!io.isTTY || !io.prompt) {
    io.stderr('leasekit: apply refused: no terminal to confirm on; pass --yes to apply without a prompt\n');
    return false;
  }
  const answer = await io.prompt(`Apply ${plural(plan.changes.length, 'change')}? Only 'yes' is accepted: `);
  if (answer.trim() === 'yes') return true;
  io.stderr('leasekit: apply cancelled\n');
  return false;
}

async function settle(ms: number, io: Io): Promise<void> {
  if (ms <= 0) return;
  io.stderr(`settling ${ms / 1000}s so relying parties fetch the new objects before old ones go…\n`);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function appendJournal(file: string, batch: BatchRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify(batch) + '\n');
}

function report(result: Awaited<ReturnType<typeof executePlan>>, io: Io, journal: string): number {
  const counts = { create: 0, update: 0, delete: 0 };
  for (const r of result.applied) counts[r.change.op]++;
  io.stdout(`Applied: ${counts.create} created, ${counts.update} updated, ${counts.delete} deleted.\n`);
  if (!result.failed.length && !result.error) return 0;
  for (const f of result.failed) io.stderr(`failed: ${f.change.op} ${f.change.object.provider} ${f.change.object.type} ${f.change.object.prefix}: ${f.message ?? 'refused'}\n`);
  if (result.error) io.stderr(`failed: ${result.error}\n`);
  io.stderr(`leasekit: apply stopped: ${plural(result.failed.length, 'change')} refused, ${result.skipped} not attempted. The journal is in ${journal}; run plan to see what is left.\n`);
  return 1;
}
