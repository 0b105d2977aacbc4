// `leasekit import --provider NAME`: draft records from the ROAs a registry already holds.
import path from 'node:path';
import { DEFAULT_IMPORT_DIR, importRoas } from '../import/import-roas.js';
import type { Drafts } from '../import/drafts.js';
import { plural } from '../render/objects.js';
import { UsageError } from '../errors.js';
import { stringFlag, type CommandSpec, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, repoRoot, type Io } from './common.js';

export const importCommand: CommandSpec = {
  name: 'import',
  summary: 'draft records from the ROAs a registry already holds (reads only; never writes to a registry)',
  flags: {
    ...REPO_FLAGS,
    provider: { type: 'string', value: 'NAME', description: 'the provider in leasekit.yaml to read (required)' },
    out: { type: 'string', value: 'DIR', description: 'where the drafts are written', default: DEFAULT_IMPORT_DIR },
  },
  env: { 'provider key variables': "the variable named by the provider's apiKeyEnv/tokenEnv (never printed)" },
  examples: ['leasekit import --provider ripe-rpki'],
  exitCodes: { 1: 'the registry refused or could not be reached' },
  run: runImport,
};

/** Exit 0 with drafts (or nothing to import); a registry refusal is exit 1 and usage errors exit 2, through main. */
export async function runImport({ flags }: ParsedArgs, io: Io): Promise<number> {
  const provider = stringFlag(flags, 'provider');
  if (!provider) throw new UsageError('import needs --provider NAME (a provider defined in leasekit.yaml)');
  const root = repoRoot(flags, io);
  const result = await importRoas({
    root,
    at: dayFlag(flags),
    provider,
    out: stringFlag(flags, 'out'),
    env: io.env,
    notice: (line) => io.stderr(`leasekit: note: ${line}\n`),
  });
  io.stdout(summary(result.drafts, result.written.map((f) => path.relative(root, f)), provider));
  if (result.written.length && !result.insideLeases) io.stdout(`note: ${path.relative(root, result.outDir) || '.'} is outside leases/, so validate and plan will not see the drafts until you move them there\n`);
  return 0;
}

function summary(drafts: Drafts, files: string[], provider: string): string {
  const counts = [plural(drafts.holdings.length, 'holding'), `${drafts.parties.length} part${drafts.parties.length === 1 ? 'y' : 'ies'}`, plural(drafts.contracts.length, 'contract'), plural(drafts.leases.length, 'lease')];
  const lines = [`${provider}: ${plural(drafts.explained, 'object')} already explained by the records; drafted ${counts.join(', ')}.`];
  if (files.length) lines.push(`Wrote ${files.join(', ')}: review every TODO, then run validate.`);
  else lines.push('Nothing to draft.');
  if (drafts.skipped.length) lines.push(`Not drafted (${drafts.skipped.length}):`, ...drafts.skipped.map((s) => `  - ${s}`));
  return lines.join('\n') + '\n';
}
