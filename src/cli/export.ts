import path from 'node:path';
import { EXPORT_FORMATS, exportRepository } from '../export/index.js';
import { writeFileAtomic } from '../providers/atomic-file.js';
import { loadRepository } from '../repo/load.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { UsageError, parseArgs, stringFlag } from './args.js';
import { REPO_FLAGS, dayFlag, formatFlag, repoRoot, type Io } from './common.js';

/** `leasekit export --format F [--at DATE] [--out FILE]`: exit 0, 1 when the records have errors. */
export async function runExport(argv: readonly string[], io: Io): Promise<number> {
  const { flags } = parseArgs(argv, { ...REPO_FLAGS, out: 'string' });
  const format = formatFlag(flags, io, Object.keys(EXPORT_FORMATS), '');
  if (!format) throw new UsageError(`export needs --format, one of: ${Object.keys(EXPORT_FORMATS).join(', ')}`);
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
