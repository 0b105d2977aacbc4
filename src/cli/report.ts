import path from 'node:path';
import { UsageError } from '../errors.js';
import { readOnlyGit } from '../git/git-client.js';
import { isIsoDay } from '../model/dates.js';
import { Resolved } from '../resolve/resolved.js';
import { parsePrefix } from '../net/ipv4.js';
import { REPORT_FORMATS, renderExpiring, renderFree, renderHistory, renderLeases, renderRevenue } from '../render/report.js';
import { loadRepository } from '../repo/load.js';
import { historyReport } from '../report/history.js';
import { isMonth, monthsBetween } from '../report/months.js';
import { LEASE_STATES, expiringReport, freeReport, leasesReport, reportInput, revenueReport, type ReportInput } from '../report/reports.js';
import { writeSite } from '../report/site.js';
import { oneOf, stringFlag, type CommandSpec, type FlagDefs, type Flags, type ParsedArgs } from './command.js';
import { REPO_FLAG, REPO_FLAGS, dayFlag, formatFlag, formatFlagDef, repoRoot, type Io } from './common.js';

const FLAGS: FlagDefs = { ...REPO_FLAGS, format: formatFlagDef(REPORT_FORMATS, 'text', false) };

/** The records resolved once for a report; records that could not be loaded are left out, and said so. */
function loadInput(flags: Flags, io: Io): ReportInput {
  const repo = loadRepository(repoRoot(flags, io));
  const unreadable = repo.diagnostics.filter((d) => d.severity === 'error').length;
  if (unreadable > 0) io.stderr(`leasekit: ${unreadable} loading problem(s); the report leaves those records out (run leasekit validate)\n`);
  return reportInput(new Resolved(repo));
}

const leases: CommandSpec = {
  name: 'leases',
  summary: 'who has what: every lease with its state on --at (published, future, ended)',
  flags: {
    ...FLAGS,
    counterparty: { type: 'string', value: 'ID|NAME', description: 'only leases of this counterparty (its id or its name)' },
    holding: { type: 'string', value: 'ID', description: 'only leases inside this holding' },
    state: { type: 'string', value: LEASE_STATES.join('|'), description: 'only leases in this state on --at' },
  },
  examples: ['leasekit report leases --state published', 'leasekit report leases --counterparty acme --format csv'],
  run: ({ flags }: ParsedArgs, io: Io) => {
    const at = dayFlag(flags);
    const format = formatFlag(flags, io, REPORT_FORMATS, 'text');
    const state = oneOf(stringFlag(flags, 'state'), LEASE_STATES, 'state');
    const rows = leasesReport(loadInput(flags, io), at, { counterparty: stringFlag(flags, 'counterparty'), holding: stringFlag(flags, 'holding'), state });
    io.stdout(renderLeases(rows, at, format));
    return 0;
  },
};

const expiring: CommandSpec = {
  name: 'expiring',
  summary: 'leases published on --at that end within --days, with renewal status and notice deadlines',
  flags: { ...FLAGS, days: { type: 'string', value: 'N', description: 'how far ahead to look', default: '90' } },
  examples: ['leasekit report expiring --days 90'],
  run: ({ flags }: ParsedArgs, io: Io) => {
    const at = dayFlag(flags);
    const format = formatFlag(flags, io, REPORT_FORMATS, 'text');
    const days = daysFlag(flags);
    io.stdout(renderExpiring(expiringReport(loadInput(flags, io), at, days), at, days, format));
    return 0;
  },
};

const free: CommandSpec = {
  name: 'free',
  summary: 'per holding: addresses leased, internal, in quarantine and idle, and the largest free aligned blocks',
  flags: FLAGS,
  examples: ['leasekit report free'],
  run: ({ flags }: ParsedArgs, io: Io) => {
    const at = dayFlag(flags);
    const format = formatFlag(flags, io, REPORT_FORMATS, 'text');
    io.stdout(renderFree(freeReport(loadInput(flags, io), at), at, format));
    return 0;
  },
};

const revenue: CommandSpec = {
  name: 'revenue',
  summary: 'revenue per month and currency from outbound contract prices, prorated by day',
  description:
    'A lease earns its price times (its days in the month / the days of the month): ip-month prices per address,\n' +
    'prefix-month per lease. A total price is spread evenly over its contract\'s days (an open-ended contract\'s\n' +
    'total counts in its first month). See docs/report.md.',
  flags: {
    ...FLAGS,
    from: { type: 'string', value: 'YYYY-MM', description: 'first month', default: 'the month of --at' },
    to: { type: 'string', value: 'YYYY-MM', description: 'last month', default: '11 months after --from' },
  },
  examples: ['leasekit report revenue --from 2026-01 --to 2026-12'],
  run: ({ flags }: ParsedArgs, io: Io) => {
    const at = dayFlag(flags);
    const format = formatFlag(flags, io, REPORT_FORMATS, 'text');
    const from = monthFlag(flags, 'from') ?? at.slice(0, 7);
    const to = monthFlag(flags, 'to') ?? monthsBetween(from, `${Number(from.slice(0, 4)) + 1}-12`)[11];
    if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
    if (monthsBetween(from, to).length > 1200) throw new UsageError('--from and --to span at most 100 years');
    io.stdout(renderRevenue(revenueReport(loadInput(flags, io), from, to), from, to, format));
    return 0;
  },
};

const history: CommandSpec = {
  name: 'history',
  summary: 'every lease that covered or lay inside PREFIX, also those removed from the tree (from git history)',
  args: 'PREFIX',
  positionals: { min: 1, max: 1 },
  // the whole timeline, so no --at: --on picks a day
  flags: { repo: REPO_FLAG, format: FLAGS.format, on: { type: 'string', value: 'YYYY-MM-DD', description: 'only leases whose term includes this day', default: 'every lease, ever' } },
  examples: ['leasekit report history 192.0.2.0/24 --on 2025-06-01'],
  run: async ({ flags, positional }: ParsedArgs, io: Io) => {
    const format = formatFlag(flags, io, REPORT_FORMATS, 'text');
    const parsed = parsePrefix(positional[0]);
    if (!parsed.ok) throw new UsageError(parsed.message);
    const on = stringFlag(flags, 'on');
    if (on !== undefined && !isIsoDay(on)) throw new UsageError(`--on must be a date YYYY-MM-DD, got '${on}'`);
    const input = loadInput(flags, io);
    const git = await readOnlyGit(input.model.repo.root, io.env);
    io.stdout(renderHistory(await historyReport(input.leases, input.model, parsed.prefix, on, git), format));
    return 0;
  },
};

const site: CommandSpec = {
  name: 'site',
  summary: 'a static site: overview, and per holding a Hilbert map of its space and a lease timeline',
  description: 'Writes DIR/index.html and one page per holding; everything is inline, so the pages open from file:// with no network.',
  flags: {
    ...REPO_FLAGS,
    out: { type: 'string', value: 'DIR', description: 'where to write the site (required)' },
    audit: { type: 'string', value: 'FILE', description: 'show the findings of this leasekit audit --format json report' },
  },
  examples: ['leasekit report site --out site', 'leasekit audit --routes rib.mrt --format json > audit.json && leasekit report site --out site --audit audit.json'],
  run: ({ flags }: ParsedArgs, io: Io) => {
    const out = stringFlag(flags, 'out');
    if (out === undefined) throw new UsageError('leasekit report site needs --out DIR');
    const audit = stringFlag(flags, 'audit');
    const written = writeSite(loadInput(flags, io), { at: dayFlag(flags), out: path.resolve(io.cwd, out), ...(audit ? { audit: path.resolve(io.cwd, audit) } : {}) });
    io.stdout(`leasekit: wrote ${written.pages} pages to ${written.dir}; open ${written.entry}\n`);
    return 0;
  },
};

export const reportCommand: CommandSpec = {
  name: 'report',
  summary: 'answer the lessor\'s questions: leases, expiring, free space, revenue, history, and a static site',
  subcommands: [leases, expiring, free, revenue, history, site],
};

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
