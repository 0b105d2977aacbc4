import fs from 'node:fs';
import path from 'node:path';
import { makePlan } from '../plan/make-plan.js';
import { safetyViolations } from '../plan/safety.js';
import { verifyPlan, type Verification } from '../plan/verify.js';
import { loadRepository } from '../repo/load.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { planJson } from '../render/plan-json.js';
import { planMarkdown } from '../render/plan-markdown.js';
import { planText } from '../render/plan-text.js';
import { verificationText } from '../render/verification.js';
import { stringFlag, type CommandSpec, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, formatFlag, formatFlagDef, repoRoot, type Io } from './common.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

export const planCommand: CommandSpec = {
  name: 'plan',
  summary: 'show the registry changes (ROAs, route objects, child-CA resources) the records imply on --at',
  description:
    'Compiles the records published on --at into registry objects, reads what each registry holds, and prints\n' +
    'the difference in make-before-break order: + create, ~ update, - delete. Objects outside your holdings\n' +
    'and route objects without leasekit\'s marker are listed and never touched.',
  flags: {
    ...REPO_FLAGS,
    format: formatFlagDef(FORMATS, 'text', false),
    out: { type: 'string', value: 'FILE', description: 'also save the plan as JSON, for apply --plan FILE' },
    'detailed-exitcode': { type: 'boolean', description: 'exit 0 with no changes, 2 with changes, 1 on failure' },
    verify: { type: 'boolean', description: 'ask registries that support a dry run whether each write would be accepted' },
  },
  env: { 'provider key variables': 'the variables named by apiKeyEnv/tokenEnv in leasekit.yaml (never printed)' },
  examples: ['leasekit plan', 'leasekit plan --at 2027-01-01 --out plan.json', 'leasekit plan --format markdown --detailed-exitcode'],
  exitCodes: { 1: 'validation errors or a registry refusal', 2: 'usage error; with --detailed-exitcode: changes present' },
  run: runPlan,
};

/** `leasekit plan`: exit 0 (or, with --detailed-exitcode, 0 none / 2 changes), 1 on errors. */
export async function runPlan({ flags }: ParsedArgs, io: Io): Promise<number> {
  const format = formatFlag(flags, io, FORMATS, 'text');
  const at = dayFlag(flags);
  const repo = loadRepository(repoRoot(flags, io));
  const { validation, plan, registries } = await makePlan(repo, at, io.env);
  const warnings = validation.diagnostics;
  if (!plan || !registries) {
    io.stdout(format === 'markdown' ? planMarkdown({ at, diagnostics: warnings }) : diagnosticsText(validationReport(validation, repo.records.length)));
    return 1;
  }
  const verification: Verification[] = flags.verify ? await verifyPlan(plan, registries) : [];
  const violations = safetyViolations(plan, repo.config);
  if (format === 'json') io.stdout(planJson(plan, verification));
  else if (format === 'markdown') io.stdout(planMarkdown({ at, plan, diagnostics: warnings, violations, verification }));
  else io.stdout(`${warnings.length ? diagnosticsText(validationReport(validation, repo.records.length)) + '\n' : ''}${planText(plan)}${verificationText(verification)}`);
  const out = stringFlag(flags, 'out');
  if (out) fs.writeFileSync(path.resolve(io.cwd, out), planJson(plan, verification));
  if (verification.some((v) => !v.ok)) return 1;
  if (flags['detailed-exitcode']) return plan.changes.length ? 2 : 0;
  return 0;
}
