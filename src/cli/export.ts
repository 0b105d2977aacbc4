import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FORMATS } from '../export/formats.js';
import { exportRepository, exportTime } from '../export/run.js';
import { loadRepository } from '../repo/load.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { UsageError, oneOf, parseArgs, stringFlag } from './args.js';
import { REPO_FLAGS, dayFlag, repoRoot, type Io } from './common.js';

export const EXPORT_USAGE = `  export     write the desired state of --at for other tools: --format ${Object.keys(EXPORT_FORMATS).join('|')} [--out FILE]
`;

/** `leasekit export`: exit 0 written, 1 invalid records, 2 usage. */
export function runExport(argv: readonly string[], io: Io): number {
  const { flags } = parseArgs(argv, { ...REPO_FLAGS, out: 'string' });
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
