import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { EXPORT_FORMATS } from '../export/formats.js';
import { exportRepository, exportTime } from '../export/run.js';
import { loadRepository } from '../repo/load.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { oneOf, stringFlag, type CommandSpec, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, repoRoot, type Io } from './common.js';

export const exportCommand: CommandSpec = {
  name: 'export',
  summary: 'write the desired state of --at for other tools (relying parties, routers, IRR, spreadsheets)',
  description:
    'Formats: vrps (rpki-client JSON, loadable by StayRTR), slurm (RFC 8416 assertions for StayRTR or Routinator),\n' +
    'bird (a BIRD 2 roa4 table to include), rpsl (the route objects), csv (one row per lease with state and\n' +
    'monthly price; RFC 4180). The output is ordered by prefix, so it diffs well. docs/export.md describes each format.',
  flags: {
    ...REPO_FLAGS,
    format: { type: 'string', value: Object.keys(EXPORT_FORMATS).join('|'), description: 'what to write (required)' },
    out: { type: 'string', value: 'FILE', description: 'write to FILE', default: 'standard output' },
  },
  env: { SOURCE_DATE_EPOCH: 'seconds since the epoch to stamp as the build time, for reproducible exports' },
  examples: ['leasekit export --format vrps --out vrps.json', 'leasekit export --format slurm --out leasekit.slurm.json', 'leasekit export --format bird --out /etc/bird/leasekit-roas.conf', 'leasekit export --format csv --at 2027-01-01'],
  exitCodes: { 0: 'written', 1: 'records with errors' },
  run: runExport,
};

/** `leasekit export`: exit 0 written, 1 invalid records, 2 usage. */
export function runExport({ flags }: ParsedArgs, io: Io): number {
  const format = oneOf(stringFlag(flags, 'format'), Object.keys(EXPORT_FORMATS), 'format');
  if (!format) throw new UsageError(`--format is required: one of ${Object.keys(EXPORT_FORMATS).join(', ')}`);
  const repo = loadRepository(repoRoot(flags, io));
  const result = exportRepository(repo, dayFlag(flags), format, exportTime(io.env));
  if (result.text === undefined) {
    io.stderr(diagnosticsText(validationReport(result.validation, repo.records.length)));
    return 1;
  }
  const out = stringFlag(flags, 'out');
  if (out) fs.writeFileSync(path.resolve(io.cwd, out), result.text);
  else io.stdout(result.text);
  return 0;
}
