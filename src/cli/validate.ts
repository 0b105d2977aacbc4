import { loadRepository } from '../repo/load.js';
import { validate } from '../rules/index.js';
import { diagnosticsGithub, diagnosticsJson, diagnosticsText, validationReport } from '../render/diagnostics.js';
import { parseArgs } from './args.js';
import { REPO_FLAGS, dayFlag, formatFlag, repoRoot, type Io } from './common.js';

const RENDER = { text: diagnosticsText, json: diagnosticsJson, github: diagnosticsGithub };
const FORMATS = ['text', 'json', 'github'] as const;

/** `leasekit validate`: exit 0 clean or warnings only, 1 errors. */
export function runValidate(argv: readonly string[], io: Io): number {
  const { flags } = parseArgs(argv, REPO_FLAGS);
  const format = formatFlag(flags, io, FORMATS, 'text');
  const repo = loadRepository(repoRoot(flags, io));
  const result = validate(repo, dayFlag(flags));
  const report = validationReport(result, repo.records.length);
  io.stdout(RENDER[format](report));
  return report.ok ? 0 : 1;
}
