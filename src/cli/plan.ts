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
import { parseArgs, stringFlag } from './args.js';
import { REPO_FLAGS, dayFlag, formatFlag, repoRoot, type Io } from './common.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

/** `leasekit plan`: exit 0 (or, with --detailed-exitcode, 0 none / 2 changes), 1 on errors. */
export async function runPlan(argv: readonly string[], io: Io): Promise<number> {
  const { flags } = parseArgs(argv, { ...REPO_FLAGS, out: 'string', 'detailed-exitcode': 'boolean', verify: 'boolean' });
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
