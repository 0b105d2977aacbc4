import { loadRepository } from '../repo/load.js';
import { validate } from '../rules/index.js';
import { diagnosticsGithub, diagnosticsJson, diagnosticsText, validationReport } from '../render/diagnostics.js';
import type { CommandSpec, ParsedArgs } from './command.js';
import { GITHUB_ACTIONS_ENV, REPO_FLAGS, dayFlag, formatFlag, formatFlagDef, repoRoot, type Io } from './common.js';

const RENDER = { text: diagnosticsText, json: diagnosticsJson, github: diagnosticsGithub };
const FORMATS = ['text', 'json', 'github'] as const;

export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'check the lease records: schema, references, overlaps in space and time, terms, ASNs',
  description:
    'Reads every record under leases/, runs every rule, and reports every finding at file:line:column.\n' +
    'leasekit explain CODE says what a finding means and how to fix it.',
  flags: { ...REPO_FLAGS, format: formatFlagDef(FORMATS, 'text') },
  env: { ...GITHUB_ACTIONS_ENV, LEASEKIT_CACHE_DIR: 'a folder (relative to the repository) for the parse cache, e.g. .leasekit-cache; unchanged files are not parsed again' },
  examples: ['leasekit validate', 'leasekit validate --at 2027-01-01 --format json'],
  exitCodes: { 0: 'no errors (warnings allowed)', 1: 'validation errors' },
  run: runValidate,
};

/** `leasekit validate`: exit 0 clean or warnings only, 1 errors. */
export function runValidate({ flags }: ParsedArgs, io: Io): number {
  const format = formatFlag(flags, io, FORMATS, 'text');
  const repo = loadRepository(repoRoot(flags, io), { cacheDir: io.env.LEASEKIT_CACHE_DIR || undefined, env: io.env });
  const result = validate(repo, dayFlag(flags));
  const report = validationReport(result, repo.records.length);
  io.stdout(RENDER[format](report));
  return report.ok ? 0 : 1;
}
