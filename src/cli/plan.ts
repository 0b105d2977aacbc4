import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { makePlan } from '../plan/make-plan.js';
import { safetyViolations } from '../plan/safety.js';
import { verifyPlan, type Verified } from '../plan/verify.js';
import { loadRepository } from '../repo/load.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { impactOf, impactSources } from '../audit/plan-impact.js';
import { impactMarkdown, impactText } from '../render/impact.js';
import { planJson } from '../render/plan-json.js';
import { ROUTES_FLAG, VRPS_FLAG, routeFiles } from './audit.js';
import { planMarkdown } from '../render/plan-markdown.js';
import { planText } from '../render/plan-text.js';
import { verificationText } from '../render/verification.js';
import { stringFlag, type CommandSpec, type Flags, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, formatFlag, formatFlagDef, repoRoot, type Io } from './common.js';

const FORMATS = ['text', 'json', 'markdown'] as const;
export const MAX_HORIZON_DAYS = 3660;

export const planCommand: CommandSpec = {
  name: 'plan',
  summary: 'show the registry changes (ROAs, route objects, child-CA resources) the records imply on --at',
  description:
    'Compiles the records published on --at into registry objects, reads what each registry holds, and prints\n' +
    'the difference in make-before-break order: + create, ~ update, - delete, each with why. Objects outside your\n' +
    "holdings and route objects without leasekit's marker are listed and never touched; objects inside them that no\n" +
    "record explains are listed apart (run 'leasekit import' first). --horizon adds what changes on which day ahead.",
  flags: {
    ...REPO_FLAGS,
    format: formatFlagDef(FORMATS, 'text', false),
    out: { type: 'string', value: 'FILE', description: 'also save the plan as JSON, with its day, for apply --plan FILE' },
    horizon: { type: 'string', value: 'DAYS', description: 'add the schedule: the changes of each day in the next DAYS days (not in the fingerprint)', default: '0' },
    'detailed-exitcode': { type: 'boolean', description: 'exit 0 with no changes, 2 with changes, 1 on every failure' },
    verify: { type: 'boolean', description: 'ask registries that support a dry run whether each write would be accepted' },
    routes: { ...ROUTES_FLAG, description: 'show the impact on these announcements (default: audit.routes in leasekit.yaml)' },
    vrps: VRPS_FLAG,
  },
  env: { 'provider key variables': 'the variables named by apiKeyEnv/tokenEnv in leasekit.yaml (never printed)' },
  examples: ['leasekit plan', 'leasekit plan --horizon 90', 'leasekit plan --at 2027-01-01 --out plan.json', 'leasekit plan --format markdown --detailed-exitcode'],
  exitCodes: { 1: 'validation errors or a registry refusal; with --detailed-exitcode: every failure', 2: 'usage error; with --detailed-exitcode: changes present' },
  failuresExitOne: (argv) => argv.includes('--detailed-exitcode'),
  run: runPlan,
};

/** `leasekit plan`: exit 0, 1 on errors; with --detailed-exitcode 0 no changes, 2 changes, 1 every failure. */
export async function runPlan({ flags, positional }: ParsedArgs, io: Io): Promise<number> {
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
  const sources = impactSources(validation.model, { routes: stringFlag(flags, 'routes') ? routeFiles(flags, positional) : [], vrps: stringFlag(flags, 'vrps') }, io.cwd, io.stderr);
  const impact = sources && (await impactOf(validation.model, plan, sources, io.env));
  const extras = { violations, verification: verified?.results, verifiers: verified?.verifiers, ...(horizon ? { horizon } : {}) };
  if (format === 'json') io.stdout(impact ? `${JSON.stringify({ ...(JSON.parse(planJson(plan, extras)) as object), impact }, null, 2)}\n` : planJson(plan, extras));
  else if (format === 'markdown') io.stdout(planMarkdown({ at, plan, diagnostics: warnings, violations, verification: verified?.results, horizon }) + (impact ? impactMarkdown(impact) : ''));
  else io.stdout(`${warnings.length ? diagnosticsText(validationReport(validation, repo.records.length)) + '\n' : ''}${planText(plan, { violations })}${verified ? verificationText(verified.results, verified.verifiers) : ''}${impact ? impactText(impact) : ''}`);
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
