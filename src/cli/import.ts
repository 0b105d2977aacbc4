// `leasekit import --provider NAME`: draft records from the ROAs a registry already holds.
import path from 'node:path';
import { importRoas } from '../import/import-roas.js';
import type { Drafts } from '../import/drafts.js';
import { plural } from '../render/objects.js';
import { UsageError, parseArgs, stringFlag } from './args.js';
import { dayFlag, repoRoot, type Io } from './common.js';

const IMPORT_FLAGS = { repo: 'string', at: 'string', provider: 'string', out: 'string' } as const;

/** Exit 0 with drafts (or nothing to import); a registry refusal is exit 1 and usage errors exit 2, through main. */
export async function runImport(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positional } = parseArgs(argv, IMPORT_FLAGS);
  if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
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
