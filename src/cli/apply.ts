import path from 'node:path';
import { harmful } from '../audit/impact.js';
import { impactOf, impactSources } from '../audit/plan-impact.js';
import { applyRepository, type Approved, type ApplyOutcome, type ApplyRequest } from '../plan/apply.js';
import { impactText } from '../render/impact.js';
import { ROUTES_FLAG, VRPS_FLAG, routeFiles } from './audit.js';
import { DEFAULT_JOURNAL } from '../plan/journal.js';
import { readPlanFile } from '../plan/plan-file.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { planText } from '../render/plan-text.js';
import { plural } from '../render/objects.js';
import { Progress } from '../render/progress.js';
import { UsageError } from '../errors.js';
import { stringFlag, type CommandSpec, type Flags, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, repoRoot, type Io } from './common.js';
import { neutralise } from '../render/text-safe.js';

export { DEFAULT_JOURNAL };
const LARGE_BATCH = 50;

export const applyCommand: CommandSpec = {
  name: 'apply',
  summary: 'carry out the plan: re-plan, check the approved fingerprint and the safety thresholds, then write',
  description:
    'Plans as `plan` would and carries it out in make-before-break order, naming each step and when it is done.\n' +
    'It refuses a saved plan that no longer matches, crossed safety thresholds, and deletes of objects no record\n' +
    "explains (run 'leasekit import' first) unless --force. A saved plan carries its day: --plan uses it unless --at is given.",
  flags: {
    ...REPO_FLAGS,
    at: { ...REPO_FLAGS.at, default: "the saved plan's day with --plan, else today, UTC" },
    plan: { type: 'string', value: 'FILE', description: 'apply only if re-planning gives the fingerprint of this saved plan (plan --out)' },
    fingerprint: { type: 'string', value: 'sha256:HEX', description: 'apply only if re-planning gives this fingerprint' },
    yes: { type: 'boolean', description: 'confirm without a prompt (needed without a terminal)' },
    'dry-run': { type: 'boolean', description: 'stop before any write' },
    force: { type: 'boolean', description: 'pass the safety thresholds of leasekit.yaml, the AS0 delete guard, the impact guard, and delete objects no record explains' },
    routes: { ...ROUTES_FLAG, description: 'refuse a plan that turns a valid announcement among these invalid or not-found (default: audit.routes in leasekit.yaml)' },
    vrps: VRPS_FLAG,
    settle: { type: 'string', value: 'SECONDS', description: 'wait between creates and deletes so relying parties fetch the new objects', default: '0' },
    journal: { type: 'string', value: 'FILE', description: 'where each batch sent and its answer is appended', default: DEFAULT_JOURNAL },
  },
  env: { 'provider key variables': 'the variables named by apiKeyEnv/tokenEnv in leasekit.yaml (never printed)' },
  examples: ['leasekit apply', 'leasekit apply --plan plan.json --yes', 'leasekit apply --dry-run'],
  exitCodes: { 1: 'refused (validation errors, a stale plan, thresholds, unknown objects, no confirmation) or a registry refusal' },
  run: runApply,
};

/** `leasekit apply`: parses the flags, runs applyRepository, prints what happened. */
export async function runApply({ flags, positional }: ParsedArgs, io: Io): Promise<number> {
  const root = repoRoot(flags, io);
  const journal = path.resolve(root, stringFlag(flags, 'journal') ?? DEFAULT_JOURNAL);
  let progress: Progress | undefined;
  const outcome = await applyRepository(
    {
      root,
      at: stringFlag(flags, 'at') === undefined ? undefined : dayFlag(flags),
      approved: approvedFlag(flags, io),
      force: flags.force === true,
      dryRun: flags['dry-run'] === true,
      settleMs: settleFlag(flags),
      journal,
      env: io.env,
      guard: flags.force === true ? undefined : impactGuard(flags, positional, io),
    },
    {
      planned: (plan, violations) => io.stdout(planText(plan, { violations })),
      confirm: async (plan) => {
        if (!(await confirmed(plan.changes.length, flags, io))) return false;
        // a bar only where someone watches a large batch; plain lines in logs
        progress = new Progress(plan.changes.length, io.stderr, io.isTTY && plan.changes.length > LARGE_BATCH);
        return true;
      },
      stepStarted: (provider, phase, count) => progress?.start(provider, phase, count),
      stepDone: (provider, phase, count) => progress?.advance(provider, phase, count),
      settling: (ms) => io.stderr(`settling ${ms / 1000}s so relying parties fetch the new objects before old ones go…\n`),
    },
  );
  progress?.finish();
  return report(outcome, io, path.relative(root, journal));
}

/** Prints an apply's outcome; the exit code: 0 applied or nothing to do, 1 otherwise. */
export function report(outcome: ApplyOutcome, io: Io, journal: string): number {
  switch (outcome.status) {
    case 'invalid':
      io.stdout(diagnosticsText(validationReport(outcome.validation, outcome.repo.records.length)));
      io.stderr('leasekit: apply refused: the records do not validate\n');
      return 1;
    case 'refused':
      io.stderr(`leasekit: apply refused:\n${outcome.reasons.map((r) => `  - ${neutralise(r)}`).join('\n')}\n`);
      return 1;
    case 'nothing':
      return 0;
    case 'dry-run':
      io.stderr('leasekit: dry run: nothing was sent to any registry\n');
      return 0;
    case 'cancelled':
      return 1;
  }
  const { result } = outcome;
  const counts = { create: 0, update: 0, delete: 0 };
  for (const r of result.applied) counts[r.change.op]++;
  io.stdout(`Applied: ${counts.create} created, ${counts.update} updated, ${counts.delete} deleted.\n`);
  if (outcome.status === 'applied') return 0;
  for (const f of result.failed) io.stderr(`failed: ${f.change.op} ${neutralise(`${f.change.object.provider} ${f.change.object.type} ${f.change.object.prefix}: ${f.message ?? 'refused'}`)}\n`);
  if (result.error) io.stderr(`failed: ${neutralise(result.error)}\n`);
  io.stderr(`leasekit: apply stopped: ${plural(result.failed.length, 'change')} refused, ${result.skipped} not attempted. The journal is in ${journal}; run plan to see what is left.\n`);
  return 1;
}

/** With routes (flags or audit.routes), the announcements the plan would turn from valid to invalid or not-found. */
function impactGuard(flags: Flags, positional: string[], io: Io): ApplyRequest['guard'] {
  return async (model, plan) => {
    const sources = impactSources(model, { routes: stringFlag(flags, 'routes') ? routeFiles(flags, positional) : [], vrps: stringFlag(flags, 'vrps') }, io.cwd, io.stderr);
    const impact = sources && (await impactOf(model, plan, sources, io.env));
    if (!impact) return [];
    io.stdout(impactText(impact));
    const hurt = harmful(impact);
    if (!hurt.length) return [];
    const shown = hurt.slice(0, 3).map((e) => `${e.prefix} AS${e.origin}: ${e.after}`).join(', ');
    return [`the plan turns ${plural(hurt.length, 'valid announcement')} invalid or not-found (${shown}${hurt.length > 3 ? ', ...' : ''})`, 'pass --force if this is intended'];
  };
}

function settleFlag(flags: Flags): number {
  const value = stringFlag(flags, 'settle');
  if (value === undefined) return 0;
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--settle takes a number of seconds, got '${value}'`);
  return Number(value) * 1000;
}

/** The approved plan: a saved plan file, or just its fingerprint (as shown in the pull request). */
function approvedFlag(flags: Flags, io: Io): Approved | undefined {
  const file = stringFlag(flags, 'plan');
  const fingerprint = stringFlag(flags, 'fingerprint');
  if (file && fingerprint) throw new UsageError('give --plan or --fingerprint, not both');
  if (fingerprint) {
    if (!/^sha256:[0-9a-f]{64}$/.test(fingerprint)) throw new UsageError(`--fingerprint must look like sha256:<64 hex digits>, got '${fingerprint}'`);
    return { fingerprint };
  }
  return file === undefined ? undefined : { file: readPlanFile(path.resolve(io.cwd, file)) };
}

async function confirmed(changes: number, flags: Flags, io: Io): Promise<boolean> {
  if (flags.yes) return true;
  if (!io.isTTY || !io.prompt) {
    io.stderr('leasekit: apply refused: no terminal to confirm on; pass --yes to apply without a prompt\n');
    return false;
  }
  const answer = await io.prompt(`Apply ${plural(changes, 'change')}? Only 'yes' is accepted: `);
  if (answer.trim() === 'yes') return true;
  io.stderr('leasekit: apply cancelled\n');
  return false;
}
