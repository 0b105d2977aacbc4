import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BASE, EXAMPLE_ROOT, cli, tempRepo } from '../helpers/repo.js';

async function reportJson<T>(args: string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
  const result = await cli(['report', ...args, '--format', 'json'], { env });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

describe('report leases', () => {
  it('lists every lease with its state on --at, and filters by counterparty, holding and state', async () => {
    const all = await reportJson<{ at: string; leases: Array<{ id: string; state: string; monthlyPrice: number | null }> }>(['leases', '--repo', EXAMPLE_ROOT, '--at', '2025-12-15']);
    expect(all.at).toBe('2025-12-15');
    expect(Object.fromEntries(all.leases.map((l) => [l.id, l.state]))).toEqual({ 'internal-lab': 'ended', 'acme-1': 'future', 'globex-1': 'published', 'initech-1': 'future' });
    expect(all.leases.find((l) => l.id === 'initech-1')!.monthlyPrice).toBe(153.6); // 0.60 EUR x 256 addresses
    const byName = await reportJson<{ leases: Array<{ id: string }> }>(['leases', '--repo', EXAMPLE_ROOT, '--counterparty', 'Globex Corporation']);
    expect(byName.leases.map((l) => l.id)).toEqual(['globex-1']);
    const byHolding = await reportJson<{ leases: Array<{ id: string }> }>(['leases', '--repo', EXAMPLE_ROOT, '--holding', 'ripe-192-0-2', '--at', '2026-06-01', '--state', 'published']);
    expect(byHolding.leases.map((l) => l.id)).toEqual(['acme-1']);
  });

  it('writes RFC 4180 CSV with a header row, and neutralises spreadsheet formulas in names', async () => {
    const root = tempRepo({ 'leases/parties.yaml': BASE['leases/parties.yaml'].replace('name: Acme', 'name: "=HYPERLINK(\\"x\\"), Inc"'), 'leases/leases/a.yaml': 'kind: lease\nid: a1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]\n' }, undefined);
    for (const [file, text] of Object.entries(BASE)) if (!fs.existsSync(path.join(root, file))) fs.writeFileSync(path.join(root, file), text);
    const result = await cli(['report', 'leases', '--repo', root, '--at', '2026-02-01', '--format', 'csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\r\n');
    const rows = parseCsv(result.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 'a1', prefix: '192.0.2.0/25', addresses: '128', counterparty: 'acme', name: '\'=HYPERLINK("x"), Inc', state: 'published' });
  });

  it('text shows control characters in names as escapes, never raw', async () => {
    const root = tempRepo({ ...BASE, 'leases/parties.yaml': BASE['leases/parties.yaml'].replace('name: Acme', 'name: "Acme\\e[2J"'), 'leases/leases/a.yaml': 'kind: lease\nid: a1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]\n' });
    const result = await cli(['report', 'leases', '--repo', root, '--at', '2026-02-01']);
    expect(result.stdout).toContain('Acme\\u001b[2J');
    expect(result.stdout).not.toContain('\u001b');
  });
});

describe('report expiring', () => {
  const root = () =>
    tempRepo({
      ...BASE,
      'leases/contracts.yaml': [
        'kind: contract\nid: c-acme\ndirection: outbound\ncounterparty: acme\nstart: 2026-01-01\nend: 2026-09-01\nrenewal: { auto: true, periodMonths: 12, noticeDays: 60 }',
        'kind: contract\nid: c-globex\ndirection: outbound\ncounterparty: globex\nstart: 2026-01-01\nend: 2026-08-01\nrenewal: { auto: false, periodMonths: 6, noticeDays: 30 }',
      ].join('\n---\n'),
      'leases/leases/a.yaml': [
        'kind: lease\nid: acme-a\ncontract: c-acme\nprefix: 192.0.2.0/26\norigins: [64501]',
        'kind: lease\nid: acme-early\ncontract: c-acme\nprefix: 192.0.2.64/26\nend: 2026-07-15\norigins: [64501]',
        'kind: lease\nid: globex-a\ncontract: c-globex\nprefix: 192.0.2.128/26\norigins: [64503]',
      ].join('\n---\n'),
    });

  it('lists published leases ending within --days, soonest first, with renewal status and notice deadlines', async () => {
    const report = await reportJson<{ days: number; leases: Array<Record<string, unknown>> }>(['expiring', '--repo', root(), '--at', '2026-06-20', '--days', '90']);
    expect(report.days).toBe(90);
    expect(report.leases).toEqual([
      expect.objectContaining({ id: 'acme-early', end: '2026-07-15', daysLeft: 25, renewal: 'lease-ends-first', renewsTo: null, noticeDeadline: null }),
      expect.objectContaining({ id: 'globex-a', end: '2026-08-01', daysLeft: 42, renewal: 'renewable', noticeDays: 30, noticeDeadline: '2026-07-02', noticePassed: false }),
      expect.objectContaining({ id: 'acme-a', end: '2026-09-01', daysLeft: 73, renewal: 'auto-renews', renewsTo: '2027-09-01', noticeDays: 60, noticeDeadline: '2026-07-03', noticePassed: false }),
    ]);
  });

  it('leaves out leases beyond the horizon and marks passed notice deadlines', async () => {
    const report = await reportJson<{ leases: Array<{ id: string; noticePassed: boolean }> }>(['expiring', '--repo', root(), '--at', '2026-07-10', '--days', '30']);
    expect(report.leases.map((l) => [l.id, l.noticePassed])).toEqual([
      ['acme-early', false],
      ['globex-a', true],
    ]);
    const text = await cli(['report', 'expiring', '--repo', root(), '--at', '2026-07-10', '--days', '30']);
    expect(text.stdout).toMatch(/^globex-a +192\.0\.2\.128\/26 +Globex +2026-08-01 +22 +renewable +- +2026-07-02 +yes$/m);
  });

  it('rejects a --days that is not a whole number', async () => {
    const result = await cli(['report', 'expiring', '--repo', root(), '--days', 'soon']);
    expect(result).toMatchObject({ code: 2, stderr: "leasekit: --days must be a whole number of days, got 'soon'\n" });
  });
});

describe('report free', () => {
  it('splits each holding into leased, internal, quarantine and idle, and lists the largest free aligned blocks', async () => {
    const root = tempRepo({
      ...BASE,
      'leasekit.yaml': 'policy:\n  allowDocumentationSpace: true\n  quarantineDays: 30\n',
      'leases/holdings.yaml': BASE['leases/holdings.yaml'] + '---\nkind: holding\nid: h2\nprefix: 198.51.100.0/24\nregistry: ripe\nsource: allocation\n',
      'leases/contracts.yaml': BASE['leases/contracts.yaml'] + '---\nkind: contract\nid: own\ndirection: internal\ncounterparty: us\nstart: 2020-01-01\n',
      'leases/leases/a.yaml': [
        'kind: lease\nid: leased\ncontract: c-acme\nprefix: 192.0.2.0/26\norigins: [64501]',
        'kind: lease\nid: lab\ncontract: own\nprefix: 192.0.2.64/28\norigins: [64500]',
        'kind: lease\nid: ended\ncontract: c-globex\nprefix: 192.0.2.128/27\nstart: 2026-01-01\nend: 2026-03-20\norigins: [64503]',
        'kind: lease\nid: later\ncontract: c-globex\nprefix: 192.0.2.192/27\nstart: 2026-06-01\norigins: [64503]',
      ].join('\n---\n'),
    });
    const report = await reportJson<{ holdings: Array<Record<string, unknown>> }>(['free', '--repo', root, '--at', '2026-04-01']);
    expect(report.holdings).toEqual([
      { holding: 'h1', prefix: '192.0.2.0/24', source: 'allocation', total: 256, leased: 64, internal: 16, quarantine: 32, idle: 144, free: 112, largestFree: ['192.0.2.96/27', '192.0.2.160/27', '192.0.2.224/27', '192.0.2.80/28'] },
      { holding: 'h2', prefix: '198.51.100.0/24', source: 'allocation', total: 256, leased: 0, internal: 0, quarantine: 0, idle: 256, free: 256, largestFree: ['198.51.100.0/24'] },
    ]);
    // after the quarantine the ended lease's space is free again
    const later = await reportJson<{ holdings: Array<{ quarantine: number; free: number }> }>(['free', '--repo', root, '--at', '2026-04-19']);
    expect(later.holdings[0]).toMatchObject({ quarantine: 0, free: 144 });
  });
});

describe('report revenue', () => {
  it('prorates each price by day, per month and currency', async () => {
    const root = tempRepo({
      ...BASE,
      'leases/contracts.yaml': [
        'kind: contract\nid: c-acme\ndirection: outbound\ncounterparty: acme\nstart: 2026-01-01\nend: 2027-01-01\nprice: { amount: 0.5, currency: EUR, per: ip-month }',
        'kind: contract\nid: c-globex\ndirection: outbound\ncounterparty: globex\nstart: 2026-01-01\nprice: { amount: 100, currency: USD, per: prefix-month }',
        'kind: contract\nid: c-total\ndirection: outbound\ncounterparty: globex\nstart: 2026-01-01\nend: 2026-03-01\nprice: { amount: 590, currency: USD, per: total }',
      ].join('\n---\n'),
      'leases/leases/a.yaml': [
        'kind: lease\nid: acme-a\ncontract: c-acme\nprefix: 192.0.2.0/25\nstart: 2026-02-15\norigins: [64501]',
        'kind: lease\nid: globex-a\ncontract: c-globex\nprefix: 192.0.2.128/26\nstart: 2026-01-01\nend: 2026-02-11\norigins: [64503]',
      ].join('\n---\n'),
    });
    const report = await reportJson<{ months: Array<{ month: string; currency: string; amount: number }> }>(['revenue', '--repo', root, '--from', '2026-01', '--to', '2026-03']);
    expect(report.months.map((r) => [r.month, r.currency, r.amount])).toEqual([
      ['2026-01', 'USD', 100 + (590 * 31) / 59], // a whole month of globex-a, 31 of the total's 59 days
      ['2026-02', 'EUR', 64 * (14 / 28)], // 128 addresses x 0.5 from 15 February: 14 of 28 days
      ['2026-02', 'USD', Math.round((100 * (10 / 28) + (590 * 28) / 59) * 100) / 100],
      ['2026-03', 'EUR', 64],
    ].map(([m, c, a]) => [m, c, Math.round((a as number) * 100) / 100]));
  });

  it('rejects a range that ends before it starts, and months that are not YYYY-MM', async () => {
    expect(await cli(['report', 'revenue', '--repo', EXAMPLE_ROOT, '--from', '2026-05', '--to', '2026-01'])).toMatchObject({ code: 2, stderr: 'leasekit: --to 2026-01 is before --from 2026-05\n' });
    expect(await cli(['report', 'revenue', '--repo', EXAMPLE_ROOT, '--from', '2026-13'])).toMatchObject({ code: 2, stderr: "leasekit: --from must be a month YYYY-MM, got '2026-13'\n" });
  });
});

describe('report site', () => {
  it('writes an entry page and a page per holding, named by holding id', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-site-'));
    const result = await cli(['report', 'site', '--repo', EXAMPLE_ROOT, '--at', '2026-06-01', '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`leasekit: wrote 4 pages to ${out}; open ${path.join(out, 'index.html')}\n`);
    expect(fs.readdirSync(out).sort()).toEqual(['holding-arin-198-51-100.html', 'holding-northwind-203-0-113.html', 'holding-ripe-192-0-2.html', 'index.html']);
    const overview = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(overview).toContain("default-src 'none'");
    // the largest lessees, each with its published leases, addresses, share and monthly price
    expect(overview).toContain('<td>ACME Hosting GmbH</td><td class="n">1</td><td class="n">256</td><td class="n">33.3%</td><td class="n">EUR 128.00</td>');
    expect(overview).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('needs --out, and an --audit file in the shape leasekit audit writes', async () => {
    expect(await cli(['report', 'site', '--repo', EXAMPLE_ROOT])).toMatchObject({ code: 2, stderr: 'leasekit: leasekit report site needs --out DIR\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-audit-'));
    const write = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
    const run = (file: string) => cli(['report', 'site', '--repo', EXAMPLE_ROOT, '--out', path.join(dir, 'site'), '--audit', file]);
    expect(await run(path.join(dir, 'missing.json'))).toMatchObject({ code: 2, stderr: `leasekit: --audit ${path.join(dir, 'missing.json')}: no such file\n` });
    expect((await run(write('bad.json', '{"at":'))).stderr).toMatch(/^leasekit: --audit .*bad\.json: not JSON \(/);
    expect(await run(write('shape.json', '{"at":"2026-06-01","findings":[{"code":"x","message":"m","severity":"fatal"}]}'))).toMatchObject({
      code: 2,
      stderr: `leasekit: --audit ${path.join(dir, 'shape.json')}: findings[0].severity must be "error" or "warning" (the JSON that leasekit audit --format json writes)\n`,
    });
  });
});

describe('report usage', () => {
  it('needs a known subcommand and refuses flags of other subcommands', async () => {
    expect((await cli(['report', '--repo', EXAMPLE_ROOT])).code).toBe(2);
    expect(await cli(['report', 'sums', '--repo', EXAMPLE_ROOT])).toMatchObject({ code: 2 });
    expect(await cli(['report', 'free', '--repo', EXAMPLE_ROOT, '--days', '3'])).toMatchObject({ code: 2, stderr: 'leasekit: unknown option --days (see leasekit report free --help)\n' });
    expect(await cli(['report', 'history', '--repo', EXAMPLE_ROOT, '192.0.2.0/33'])).toMatchObject({ code: 2 });
  });
});

// --- history, against a real git repository -------------------------------------------

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: root, GIT_CONFIG_NOSYSTEM: '1' } }).trim();
}

describe('report history', () => {
  it('finds leases removed from the tree in git history, with the commit that removed them', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-home-'));
    const root = tempRepo({
      ...BASE,
      'leases/contracts.yaml': BASE['leases/contracts.yaml'] + '---\nkind: contract\nid: c-old\ndirection: outbound\ncounterparty: globex\nstart: 2025-01-01\nend: 2025-10-01\n',
      'leases/leases/globex.yaml': [
        'kind: lease\nid: globex-old\ncontract: c-old\nprefix: 192.0.2.0/24\norigins: [64503]',
        'kind: lease\nid: globex-keep\ncontract: c-globex\nprefix: 192.0.2.0/25\nstart: 2026-02-01\norigins: [64503]',
      ].join('\n---\n'),
      'leases/leases/inner.yaml': 'kind: lease\nid: inner-old\ncontract: c-old\nprefix: 192.0.2.128/26\nstart: 2025-01-01\nend: 2025-03-01\norigins: [64503]\n',
    });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'leases of 2025');
    // the expiry pull request: one document out of a file, one whole file, and the old contract
    fs.writeFileSync(path.join(root, 'leases/leases/globex.yaml'), 'kind: lease\nid: globex-keep\ncontract: c-globex\nprefix: 192.0.2.0/25\nstart: 2026-02-01\norigins: [64503]\n');
    fs.rmSync(path.join(root, 'leases/leases/inner.yaml'));
    fs.writeFileSync(path.join(root, 'leases/contracts.yaml'), BASE['leases/contracts.yaml']);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'Remove leases that ended');
    const removal = git(root, 'rev-parse', 'HEAD');
    fs.writeFileSync(path.join(root, 'leases/leases/acme.yaml'), 'kind: lease\nid: acme-new\ncontract: c-acme\nprefix: 198.51.100.0/24\norigins: [64501]\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'acme lease');
    fs.appendFileSync(path.join(root, 'leases/leases/globex.yaml'), 'note: kept\n');
    git(root, 'commit', '-qam', 'note');
    expect(git(root, 'rev-parse', 'HEAD~2')).toBe(removal);

    const env = { PATH: process.env.PATH, HOME: home };
    type History = { prefix: string; on: string | null; searchedGit: boolean; leases: Array<Record<string, unknown> & { removed: null | { commit: string; date: string; subject: string; file: string } }> };
    const on = await reportJson<History>(['history', '192.0.2.0/24', '--on', '2025-06-01', '--repo', root], env);
    expect(on).toMatchObject({ prefix: '192.0.2.0/24', on: '2025-06-01', searchedGit: true });
    expect(on.leases).toEqual([
      {
        id: 'globex-old',
        prefix: '192.0.2.0/24',
        relation: 'equal',
        counterparty: 'globex',
        counterpartyName: 'Globex',
        contract: 'c-old',
        start: '2025-01-01',
        end: '2025-10-01',
        file: 'leases/leases/globex.yaml',
        removed: { commit: removal, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), subject: 'Remove leases that ended', file: 'leases/leases/globex.yaml' },
      },
    ]);
    const ever = await reportJson<History>(['history', '192.0.2.128/25', '--repo', root], env);
    expect(ever.leases.map((l) => [l.id, l.relation, l.removed?.commit ?? null])).toEqual([
      ['globex-old', 'covers', removal],
      ['inner-old', 'inside', removal],
    ]);
    const text = await cli(['report', 'history', '192.0.2.0/24', '--repo', root], { env });
    expect(text.stdout).toMatch(new RegExp(`^globex-old +192\\.0\\.2\\.0/24 +equal +Globex +2025-01-01 +2025-10-01 +${removal.slice(0, 12)} `, 'm'));
    expect(text.stdout).toMatch(/^globex-keep +192\.0\.2\.0\/25 +inside +Globex +2026-02-01 +- +- +- +leases\/leases\/globex.yaml$/m);
  });

  it('outside a git working copy it reports the tree only and says so', async () => {
    const root = tempRepo({ ...BASE, 'leases/leases/a.yaml': 'kind: lease\nid: a1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]\n' });
    const report = await reportJson<{ searchedGit: boolean; leases: Array<{ id: string }> }>(['history', '192.0.2.0/24', '--repo', root], { PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: path.dirname(root) });
    expect(report).toMatchObject({ searchedGit: false, leases: [{ id: 'a1' }] });
  });
});
