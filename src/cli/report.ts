import path from 'node:path';
import { isIsoDay } from '../model/dates.js';
import { Resolved } from '../model/resolved.js';
import { parsePrefix } from '../net/ipv4.js';
import { loadRepository } from '../repo/load.js';
import { readOnlyGit } from '../git/git-client.js';
import { historyReport } from '../report/history.js';
import { isMonth, monthsBetween } from '../report/months.js';
import { LEASE_STATES, expiringReport, freeReport, leasesReport, reportInput, revenueReport } from '../report/reports.js';
import { REPORT_FORMATS, renderExpiring, renderFree, renderHistory, renderLeases, renderRevenue } from '../render/report.js';
import { writeSite } from '../report/site.js';
import { UsageError, oneOf, parseArgs, stringFlag, type Flags } from './args.js';
import { REPO_FLAGS, dayFlag, formatFlag, repoRoot, type Io } from './common.js';

export const REPORT_USAGE = `  report     answer questions from the records on --at [--format text|json|csv]:
               leases [--counterparty ID|NAME] [--holding ID] [--state published|future|ended]
               expiring [--days N]              leases ending within N days (default 90), renewal and notice
               free                             per holding: leased, internal, quarantine, idle, free blocks
               revenue [--from YYYY-MM] [--to YYYY-MM]   per month and currency, prorated by day
               history PREFIX [--on DATE]       every lease that covered or lay inside PREFIX, also removed ones (git)
               site --out DIR [--audit FILE]    a static site with maps and timelines (open DIR/index.html)
`;

const FLAGS = { ...REPO_FLAGS, counterparty: 'string', holding: 'string', state: 'string', days: 'string', from: 'string', to: 'string', on: 'string', out: 'string', audit: 'string' } as const;
const SUBCOMMANDS = ['leases', 'expiring', 'free', 'revenue', 'history', 'site'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

/** Which flags each subcommand takes beyond --repo, --at and --format. */
const OWN_FLAGS: Record<Subcommand, readonly string[]> = {
  leases: ['counterparty', 'holding', 'state'],
  expiring: ['days'],
  free: [],
  revenue: ['from', 'to'],
  history: ['on'],
  site: ['out', 'audit'],
};

/** `leasekit report SUBCOMMAND`: exit 0, or 2 on a usage error. */
export async function runReport(argv: readonly string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(argv, FLAGS);
  const [name, ...rest] = positional;
  const sub = oneOf(name, SUBCOMMANDS, 'report subcommand') ?? usage('report needs a subcommand: ' + SUBCOMMANDS.join(', '));
  for (const flag of Object.keys(flags)) {
    if (!(flag in REPO_FLAGS) && !OWN_FLAGS[sub].includes(flag)) throw new UsageError(`report ${sub} takes no --${flag}`);
  }
  if (sub !== 'history' && rest.length > 0) throw new UsageError(`report ${sub} takes no argument '${rest[0]}'`);
  const at = dayFlag(flags);
  const format = sub === 'site' ? 'text' : formatFlag(flags, io, REPORT_FORMATS, 'text');
  const repo = loadRepository(repoRoot(flags, io));
  const unreadable = repo.diagnostics.filter((d) => d.severity === 'error').length;
  if (unreadable > 0) io.stderr(`leasekit: ${unreadable} loading problem(s); the report leaves those records out (run leasekit validate)\n`);
  const model = new Resolved(repo);
  const input = reportInput(model);
  switch (sub) {
    case 'leases':
      io.stdout(renderLeases(leasesReport(input, at, { counterparty: stringFlag(flags, 'counterparty'), holding: stringFlag(flags, 'holding'), state: oneOf(stringFlag(flags, 'state'), LEASE_STATES, 'state') }), at, format));
      return 0;
    case 'expiring': {
      const days = daysFlag(flags);
      io.stdout(renderExpiring(expiringReport(input, at, days), at, days, format));
      return 0;
    }
    case 'free':
      io.stdout(renderFree(freeReport(input, at), at, format));
      return 0;
    case 'revenue': {
      const from = monthFlag(flags, 'from') ?? at.slice(0, 7);
      const to = monthFlag(flags, 'to') ?? monthsAfter(from, 11);
      if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
      if (monthsBetween(from, to).length > 1200) throw new UsageError('revenue covers at most 100 years');
      io.stdout(renderRevenue(revenueReport(input, from, to), from, to, format));
      return 0;
    }
    case 'history': {
      if (rest.length !== 1) usage('report history needs one PREFIX, e.g. leasekit report history 192.0.2.0/24');
      const parsed = parsePrefix(rest[0]);
      if (!parsed.ok) throw new UsageError(parsed.message);
      const on = stringFlag(flags, 'on');
      if (on !== undefined && !isIsoDay(on)) throw new UsageError(`--on must be a date YYYY-MM-DD, got '${on}'`);
      const git = await readOnlyGit(repo.root, io.env);
      io.stdout(renderHistory(await historyReport(input.leases, model, parsed.prefix, on, git), format));
      return 0;
    }
    case 'site': {
      const out = stringFlag(flags, 'out') ?? usage('report site needs --out DIR');
      const written = writeSite(input, { at, out: repoRootRelative(io, out), audit: stringFlag(flags, 'audit') && repoRootRelative(io, stringFlag(flags, 'audit')!) });
      io.stdout(`wrote ${written.pages} pages to ${written.dir}; open ${written.entry}\n`);
      return 0;
    }
  }
}

function usage(message: string): never {
  throw new UsageError(message);
}

function daysFlag(flags: Flags): number {
  const value = stringFlag(flags, 'days');
  if (value === undefined) return 90;
  if (!/^\d{1,5}$/.test(value)) throw new UsageError(`--days must be a whole number of days, got '${value}'`);
  return Number(value);
}

function monthFlag(flags: Flags, name: 'from' | 'to'): string | undefined {
  const value = stringFlag(flags, name);
  if (value !== undefined && !isMonth(value)) throw new UsageError(`--${name} must be a month YYYY-MM, got '${value}'`);
  return value;
}

function monthsAfter(month: string, count: number): string {
  return monthsBetween(month, `${Number(month.slice(0, 4)) + 10}-12`)[count];
}

function repoRootRelative(io: Io, p: string): string {
  return path.resolve(io.cwd, p);
}
