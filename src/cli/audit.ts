import path from 'node:path';
import { auditRepository } from '../audit/run.js';
import { loadRepository } from '../repo/load.js';
import { auditGithub, auditJson, auditMarkdown, auditText } from '../render/audit.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { UsageError, parseArgs, stringFlag } from './args.js';
import { REPO_FLAGS, dayFlag, formatFlag, repoRoot, type Io } from './common.js';

const RENDER = { text: auditText, json: auditJson, markdown: auditMarkdown, github: auditGithub };
const FORMATS = ['text', 'json', 'markdown', 'github'] as const;

export const AUDIT_USAGE = `  audit      hold the records against announcements: --routes FILE... [--vrps FILE]
             [--format text|json|markdown|github] (exit 0 clean or warnings, 1 errors)
`;

/** `leasekit audit`: exit 0 clean or warnings only, 1 error findings (or invalid records), 2 usage or unreadable input. */
export async function runAudit(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positional } = parseArgs(argv, { ...REPO_FLAGS, routes: 'string', vrps: 'string' });
  const routes = routesFlag(argv, flags, positional);
  const format = formatFlag(flags, io, FORMATS, 'text');
  const at = dayFlag(flags);
  const repo = loadRepository(repoRoot(flags, io));
  const vrps = stringFlag(flags, 'vrps');
  const resolve = (f: string) => path.resolve(io.cwd, f);
  const byResolved = new Map([...routes, ...(vrps ? [vrps] : [])].map((f) => [resolve(f), f]));
  const result = await auditRepository(repo, at, { routes: routes.map(resolve), vrps: vrps && resolve(vrps), displayName: (f) => byResolved.get(f) ?? f }, io.env);
  if (!result.report) {
    io.stdout(diagnosticsText(validationReport(result.validation, repo.records.length)));
    return 1;
  }
  io.stdout(RENDER[format](result.report));
  return result.report.summary.errors > 0 ? 1 : 0;
}

/** `--routes A B C` and `--routes A --routes B` both name several files. */
export function routesFlag(argv: readonly string[], flags: Record<string, unknown>, positional: string[]): string[] {
  if (stringFlag(flags as never, 'routes') === undefined) {
    if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
    throw new UsageError('--routes FILE is required: an MRT RIB dump, or a JSON or text list of announcements');
  }
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--routes') {
      for (i++; i < argv.length && !argv[i].startsWith('--'); i++) files.push(argv[i]);
      i--;
    } else if (argv[i].startsWith('--routes=')) files.push(argv[i].slice('--routes='.length));
  }
  return files;
}
