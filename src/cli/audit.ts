import path from 'node:path';
import { reconcileAuditIssue } from '../reconcile/audit-issue.js';
import { auditRepository } from '../audit/run.js';
import { targetRepo } from '../github/target-repo.js';
import { clientFromEnv } from '../github/client.js';
import { DEFAULT_AUTHOR } from '../github/sticky-comment.js';
import { UsageError } from '../errors.js';
import { loadRepository } from '../repo/load.js';
import { auditGithub, auditJson, auditMarkdown, auditText } from '../render/audit.js';
import { diagnosticsText, validationReport } from '../render/diagnostics.js';
import { stringFlag, type CommandSpec, type FlagDef, type Flags, type ParsedArgs } from './command.js';
import { GITHUB_ACTIONS_ENV, REPO_FLAGS, dayFlag, formatFlag, formatFlagDef, repoRoot, type Io } from './common.js';

const RENDER = { text: auditText, json: auditJson, markdown: auditMarkdown, github: auditGithub };
const FORMATS = ['text', 'json', 'markdown', 'github'] as const;

export const ROUTES_FLAG: FlagDef = {
  type: 'string',
  multiple: true,
  value: 'FILE',
  description: 'announcements: an MRT RIB dump (RIPE RIS, RouteViews, BIRD; gzip or bzip2 too), JSON [{"prefix","origin"}] or text "PREFIX ORIGIN" lines; more files may follow',
};
export const VRPS_FLAG: FlagDef = {
  type: 'string',
  value: 'FILE',
  description: 'VRPs: rpki-client or Routinator JSON, or CSV',
  default: "the ROAs the holdings' RPKI providers hold now (read only)",
};

export const auditCommand: CommandSpec = {
  name: 'audit',
  summary: 'hold the records against the routing system: who announces our space, and is it RPKI-valid',
  description:
    'Judges every announcement that overlaps a holding against the leases published on --at (and the ended ones)\n' +
    'and the VRPs: route-after-end, route-idle-space, route-unauthorized-origin, route-too-specific,\n' +
    'route-rpki-invalid, route-rpki-not-found; then lease-not-announced, vrp-missing and vrp-unexpected.\n' +
    'See docs/audit.md.',
  args: '[FILE...]',
  flags: {
    ...REPO_FLAGS,
    routes: ROUTES_FLAG,
    vrps: VRPS_FLAG,
    format: formatFlagDef(FORMATS, 'text'),
    issue: { type: 'boolean', description: 'also keep ONE audit issue on GitHub: opened, updated when the findings change, closed when clean' },
    author: { type: 'string', value: 'LOGIN', description: 'the bot whose audit issue leasekit owns (with --issue)', default: DEFAULT_AUTHOR },
  },
  env: { ...GITHUB_ACTIONS_ENV, GITHUB_TOKEN: 'with --issue: a token that may write issues', GITHUB_REPOSITORY: 'with --issue: owner/repo' },
  examples: ['leasekit audit --routes rib.20261202.0000.bz2 --vrps vrps.json', 'leasekit audit --routes routes.txt --format markdown', 'leasekit audit --issue   # routes from audit.routes in leasekit.yaml'],
  exitCodes: { 0: 'no error findings (warnings allowed)', 1: 'error findings, or records with errors', 2: 'usage error or an unreadable input' },
  run: runAudit,
};

/** `leasekit audit`: exit 0 clean or warnings only, 1 error findings (or invalid records), 2 usage or unreadable input. */
export async function runAudit({ flags, positional }: ParsedArgs, io: Io): Promise<number> {
  const format = formatFlag(flags, io, FORMATS, 'text');
  const at = dayFlag(flags);
  const repo = loadRepository(repoRoot(flags, io));
  // leasekit.yaml's audit section names the files when the flags do not (relative to the repository)
  const configured = repo.config.audit ?? {};
  const fromConfig = stringFlag(flags, 'routes') === undefined && positional.length === 0 && configured.routes?.length;
  const routes = fromConfig ? configured.routes! : routeFiles(flags, positional);
  const vrps = stringFlag(flags, 'vrps') ?? (fromConfig ? configured.vrps : undefined);
  const base = fromConfig ? repo.root : io.cwd;
  const resolve = (f: string) => path.resolve(base, f);
  const byResolved = new Map([...routes, ...(vrps ? [vrps] : [])].map((f) => [resolve(f), f]));
  const result = await auditRepository(repo, at, { routes: routes.map(resolve), vrps: vrps && resolve(vrps), displayName: (f) => byResolved.get(f) ?? f }, io.env);
  if (!result.report) {
    io.stdout(diagnosticsText(validationReport(result.validation, repo.records.length)));
    return 1;
  }
  io.stdout(RENDER[format](result.report));
  if (flags.issue) {
    const github = clientFromEnv(io.env, (line) => io.stderr(`leasekit: ${line}\n`));
    io.stderr(`leasekit: ${await reconcileAuditIssue(github, targetRepo(io.env, undefined), stringFlag(flags, 'author') ?? DEFAULT_AUTHOR, result.report)}\n`);
  }
  return result.report.summary.errors > 0 ? 1 : 0;
}

/** `--routes A B C` and `--routes A --routes B` both name several files. */
export function routeFiles(flags: Flags, positional: string[]): string[] {
  const given = stringFlag(flags, 'routes');
  if (given === undefined) {
    if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}': route files follow --routes`);
    throw new UsageError('--routes FILE is required (or audit.routes in leasekit.yaml): an MRT RIB dump, or a JSON or text list of announcements');
  }
  return [...given.split(','), ...positional];
}
