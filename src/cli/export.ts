import path from 'node:path';
import { UsageError } from '../errors.js';
import { EXPORT_FORMATS, exportRepository } from '../export/index.js';
import { writeFileAtomic } from '../providers/atomic-file.js';
import { loadRepository } from '../repo/load.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { oneOf, stringFlag, type CommandSpec, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, repoRoot, type Io } from './common.js';

const FORMATS = Object.keys(EXPORT_FORMATS);

export const exportCommand: CommandSpec = {
  name: 'export',
  summary: 'write the desired state of --at for routers, relying parties and finance',
  description:
    'Validates the records, compiles the objects they imply on --at (as plan does) and writes them in one format:\n' +
    '  slurm  RFC 8416 locally added assertions (StayRTR, Routinator)\n' +
    '  bird   a BIRD 2 roa4 table and static protocol to include\n' +
    '  rpsl   the route objects\n' +
    '  csv    one row per lease with its state and monthly price (RFC 4180)\n' +
    'docs/export.md describes each format.',
  flags: {
    ...REPO_FLAGS,
    format: { type: 'string', value: FORMATS.join('|'), description: 'the export format (required)' },
    out: { type: 'string', value: 'FILE', description: 'write to FILE (atomically) instead of standard output' },
  },
  examples: ['leasekit export --format slurm --out leasekit.slurm.json', 'leasekit export --format bird --out /etc/bird/leasekit-roas.conf', 'leasekit export --format csv --at 2027-01-01'],
  exitCodes: { 1: 'validation errors: nothing is written' },
  run: runExport,
};

/** `leasekit export --format F [--at DATE] [--out FILE]`: exit 0, 1 when the records have errors. */
export function runExport({ flags }: ParsedArgs, io: Io): number {
  const format = oneOf(stringFlag(flags, 'format'), FORMATS, 'format');
  if (!format) throw new UsageError(`export needs --format, one of: ${FORMATS.join(', ')}`);
  const repo = loadRepository(repoRoot(flags, io));
  const { validation, text } = exportRepository(repo, dayFlag(flags), format);
  if (text === undefined) {
    io.stderr(diagnosticsText(validationReport(validation, repo.records.length)));
    return 1;
  }
  const out = stringFlag(flags, 'out');
  if (out) writeFileAtomic(path.resolve(io.cwd, out), text);
  else io.stdout(text);
  return 0;
}
