import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/repo/load.js';
import { GitRemote } from '../fakes/git-remote.js';
import { BOT_LOGIN, GithubFake, type StoredIssue } from '../fakes/github.js';
import { FAST_CLIENT } from '../helpers/github.js';
import { cli, type CliResult } from '../helpers/repo.js';

/**
 * The whole loop against the fake GitHub and a bare git remote: a lease proposed in a pull
 * request, merged and applied; drift noticed once; renewals and expiries proposed once and kept
 * up to date as the days go by.
 */

const T0 = '2026-06-01'; // the proposal, the merge and the apply
const T1 = '2026-06-20'; // c-acme's notice period has begun; old-1 is past its quarantine
const T2 = '2026-07-05'; // old-2 is past its quarantine too

const CONTRACTS = `# Contracts. Reconcile must keep these comments and this layout.
kind: contract
id: c-acme
direction: outbound
counterparty: acme
start: 2026-01-01
end: 2026-08-01   # renews on its own unless notice is given
renewal: { auto: true, periodMonths: 12, noticeDays: 60 }
---
kind: contract
id: c-globex
direction: outbound
counterparty: globex
start: 2026-01-01
`;

const FILES: Record<string, string> = {
  'leasekit.yaml': 'policy:\n  quarantineDays: 30\n  allowDocumentationSpace: true\nproviders:\n  local:\n    type: local\n    path: state/local-registry.json\n',
  'leases/parties.yaml': [
    'kind: party\nid: us\nname: Us\nself: true\nasns: [64500]\nirrMaintainer: US-MNT',
    'kind: party\nid: acme\nname: Acme\nasns: [64501]',
    'kind: party\nid: globex\nname: Globex\nasns: [64503]\nirrMaintainer: GLOBEX-MNT',
  ].join('\n---\n') + '\n',
  'leases/holdings.yaml': 'kind: holding\nid: h1\nprefix: 185.50.0.0/16\nregistry: ripe\nsource: allocation\nrpki: { provider: local, as0: true }\nirr: { provider: local, maintainer: US-MNT }\n',
  'leases/contracts.yaml': CONTRACTS,
  'leases/leases/acme.yaml': [
    '# ACME: the first follows its contract, the second ends with it by its own end.\nkind: lease\nid: acme-1\ncontract: c-acme\nprefix: 185.50.0.0/24\norigins: [64501]',
    'kind: lease\nid: acme-2\ncontract: c-acme\nprefix: 185.50.8.0/24\nend: 2026-08-01\norigins: [64501]',
  ].join('\n---\n') + '\n',
  'leases/leases/globex-old.yaml': [
    'kind: lease\nid: old-1\ncontract: c-globex\nprefix: 185.50.9.0/24\nend: 2026-05-10\norigins: [64503]',
    'kind: delegation\nid: old-1-mnt\nlease: old-1\ntype: irr-maintainer\nto: globex\nmaintainer: GLOBEX-MNT',
  ].join('\n---\n') + '\n',
  'leases/leases/mixed.yaml': [
    '# Globex, current and past.\nkind: lease\nid: globex-a\ncontract: c-globex\nprefix: 185.50.20.0/24\norigins: [64503]',
    '# ended in May\nkind: lease\nid: old-2\ncontract: c-globex\nprefix: 185.50.21.0/24\nend: 2026-05-30\norigins: [64503]',
  ].join('\n---\n') + '\n',
};

const NOTE = 'Rack 4: cage "B" # not a comment\nsecond line, with \'quotes\'';

let remote: GitRemote;
let fake: GithubFake;
let home: string;
let work: string;

beforeAll(async () => {
  remote = GitRemote.create(FILES);
  fake = new GithubFake({ remote });
  await fake.start();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-home-'));
  work = remote.checkout('main');
});

afterAll(async () => {
  await fake?.stop();
});

/** The environment a workflow step (or a person's shell) gives the CLI: a throwaway HOME, no git config of ours. */
function env(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, ...fake.env(), ...FAST_CLIENT };
}

function leasekit(args: string[]): Promise<CliResult> {
  return cli([...args, '--repo', work], { env: env() });
}

function git(args: string[], cwd = work): string {
  return execFileSync('git', args, { cwd, env: { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: '1' }, encoding: 'utf8' });
}

/** What the apply workflow's checkout would be after a merge: origin's main, detached. */
function syncToMain(): void {
  git(['fetch', '--quiet', 'origin', '+refs/heads/main:refs/remotes/origin/main']);
  git(['checkout', '--quiet', '--detach', 'origin/main']);
}

function pulls(): StoredIssue[] {
  return [...fake.issues.values()].filter((i) => i.pull);
}

function openPullFrom(branch: string): StoredIssue {
  const found = pulls().filter((i) => i.state === 'open' && i.pull!.head === branch);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('propose lease', () => {
  it('opens a pull request whose branch holds exactly the new lease file and whose body shows the plan', async () => {
    const result = await leasekit(['propose', 'lease', '--contract', 'c-globex', '--prefix', '185.50.1.0/24', '--origins', '64503', '--note', NOTE, '--at', T0]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pull request #1');

    const pull = openPullFrom('leasekit/propose/globex-1');
    expect(pull.user.login).toBe(BOT_LOGIN);
    expect(pull.labels).toEqual(['leasekit']);
    expect(remote.changedFiles('main', 'leasekit/propose/globex-1')).toEqual([{ filename: 'leases/leases/globex-1.yaml', status: 'added', additions: 6, deletions: 0 }]);
    expect(pull.body).toMatch(/^<!-- leasekit:propose:globex-1 -->\n/);
    expect(pull.body).toContain('### leasekit plan for 2026\\-06\\-01');
    expect(pull.body).toContain('roa    185.50.1.0/24 max 24 AS64503');
    expect(pull.body).toMatch(/fingerprint `sha256:[0-9a-f]{64}`/);

    // the note survives the trip through the template, git and the loader exactly
    const checkout = remote.checkout('leasekit/propose/globex-1');
    const lease = loadRepository(checkout).byKind.lease.find((l) => l.id === 'globex-1')!;
    expect(lease.fields).toEqual({ kind: 'lease', id: 'globex-1', contract: 'c-globex', prefix: '185.50.1.0/24', origins: [64503], note: NOTE });

    // committed as the bot through git config, pushed without touching the checkout
    expect(git(['log', '-1', '--format=%an <%ae>', 'leasekit/propose/globex-1'], remote.bare)).toBe('github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>\n');
    expect(git(['status', '--porcelain'])).toBe('');
    expect(git(['worktree', 'list']).trim().split('\n')).toHaveLength(1);
  });

  it('refuses a lease that overlaps another, with the diagnostics, before touching git or GitHub', async () => {
    const branches = remote.branches();
    const issues = fake.issues.size;
    const result = await leasekit(['propose', 'lease', '--contract', 'c-globex', '--prefix', '185.50.0.0/24', '--origins', '64503', '--at', T0]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error[lease-overlap]');
    expect(result.stderr).toContain('refusing to propose lease globex-1');
    expect(remote.branches()).toEqual(branches);
    expect(fake.issues.size).toBe(issues);
    expect(git(['status', '--porcelain'])).toBe('');
  });

  it('refuses to propose the same lease again while its branch exists', async () => {
    const head = remote.sha('leasekit/propose/globex-1');
    const result = await leasekit(['propose', 'lease', '--contract', 'c-globex', '--prefix', '185.50.1.0/24', '--origins', '64503', '--at', T0]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('leasekit: branch leasekit/propose/globex-1 already exists on origin\n');
    expect(remote.sha('leasekit/propose/globex-1')).toBe(head);
    expect(pulls()).toHaveLength(1);
  });

  it('--dry-run prints the file and the plan, and sends nothing', async () => {
    const branches = remote.branches();
    const result = await leasekit(['propose', 'lease', '--contract', 'c-globex', '--prefix', '185.50.2.0/24', '--origins', '64503', '--id', 'globex-dry', '--dry-run', '--at', T0]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('# leases/leases/globex-dry.yaml\nkind: lease\nid: globex-dry\n');
    expect(result.stdout).toContain('+ roa    185.50.2.0/24 max 24 AS64503');
    expect(remote.branches()).toEqual(branches);
    expect(fs.existsSync(path.join(work, 'leases/leases/globex-dry.yaml'))).toBe(false);
  });
});

describe('reconcile', () => {
  it('opens nothing once the proposal is merged and applied', async () => {
    fake.mergePull(1);
    syncToMain();
    const applied = await leasekit(['apply', '--yes', '--at', T0]);
    expect(applied.code, applied.stderr).toBe(0);
    const issues = fake.issues.size;
    const result = await leasekit(['reconcile', '--at', T0]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('drift: none');
    expect(fake.issues.size).toBe(issues);
    expect(remote.branches().filter((b) => b.startsWith('leasekit/renew') || b.startsWith('leasekit/expire'))).toEqual([]);
  });

  it('opens one drift issue for an object changed behind its back, keeps it single, and closes it once applied', async () => {
    const stateFile = path.join(work, 'state/local-registry.json');
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    const before = state.roas.length;
    state.roas = state.roas.filter((r: { prefix: string }) => r.prefix !== '185.50.1.0/24');
    expect(state.roas.length).toBe(before - 1);
    fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));

    const first = await leasekit(['reconcile', '--at', T0]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/drift: opened issue #\d+ \(1 change\(s\)\)/);
    const drift = () => [...fake.issues.values()].filter((i) => !i.pull && i.body?.startsWith('<!-- leasekit:drift -->\n'));
    expect(drift()).toHaveLength(1);
    expect(drift()[0].body).toContain('+ roa    185.50.1.0/24 max 24 AS64503');
    expect(drift()[0].labels).toEqual(['leasekit']);

    const again = await leasekit(['reconcile', '--at', '2026-06-02']);
    expect(again.stdout).toContain('already describes it');
    expect(drift()).toHaveLength(1);

    expect((await leasekit(['apply', '--yes', '--at', T0])).code).toBe(0);
    const healed = await leasekit(['reconcile', '--at', T0]);
    expect(healed.stdout).toMatch(/drift: none any more; closed issue #\d+/);
    expect(drift()[0].state).toBe('closed');
    expect(fake.commentsOn(drift()[0].number).at(-1)?.body).toContain('match the records again');
  });

  it('opens one renewal and one expiry pull request as the days pass, then updates them instead of opening more', async () => {
    const before = pulls().length;
    const first = await leasekit(['reconcile', '--at', T1]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('drift: none');
    expect(pulls()).toHaveLength(before + 2);

    const renewal = openPullFrom('leasekit/renew/c-acme');
    expect(renewal.title).toBe('Renew contract c-acme to 2027-08-01');
    expect(remote.changedFiles('main', 'leasekit/renew/c-acme').map((f) => f.filename)).toEqual(['leases/contracts.yaml', 'leases/leases/acme.yaml']);
    // only the values changed: comments, flow mappings and spacing are as they were
    expect(remote.readFile('leasekit/renew/c-acme', 'leases/contracts.yaml')).toBe(CONTRACTS.replace('end: 2026-08-01   #', 'end: 2027-08-01   #'));
    expect(remote.readFile('leasekit/renew/c-acme', 'leases/leases/acme.yaml')).toBe(FILES['leases/leases/acme.yaml'].replace('end: 2026-08-01', 'end: 2027-08-01'));
    expect(renewal.body).toContain('lease acme\\-2');

    const expiry = openPullFrom('leasekit/expire/past-quarantine');
    expect(expiry.title).toBe('Remove lease old-1, past its quarantine');
    expect(remote.changedFiles('main', 'leasekit/expire/past-quarantine')).toMatchObject([{ filename: 'leases/leases/globex-old.yaml', status: 'removed' }]);

    for (const branch of ['leasekit/renew/c-acme', 'leasekit/expire/past-quarantine']) {
      expect((await cli(['validate', '--repo', remote.checkout(branch), '--at', T1])).code).toBe(0);
    }

    const same = await leasekit(['reconcile', '--at', T1]);
    expect(same.stdout).toContain(`renewal:c-acme: unchanged pull request #${renewal.number}`);
    expect(same.stdout).toContain(`expiry: unchanged pull request #${expiry.number}`);
    expect(pulls()).toHaveLength(before + 2);

    // main moves on, and one more lease comes out of quarantine
    remote.commit('main', { 'README.md': 'leases of Example Networks\n' }, 'Describe the repository');
    syncToMain();
    const renewalHead = remote.sha('leasekit/renew/c-acme');
    const later = await leasekit(['reconcile', '--at', T2]);
    expect(later.code, later.stderr).toBe(0);
    expect(pulls()).toHaveLength(before + 2);
    expect(later.stdout).toContain(`renewal:c-acme: updated pull request #${renewal.number} (branch rebuilt and force-pushed)`);
    expect(later.stdout).toContain(`expiry: updated pull request #${expiry.number}`);
    expect(remote.sha('leasekit/renew/c-acme')).not.toBe(renewalHead);
    expect(remote.isAncestor(remote.sha('main')!, remote.sha('leasekit/renew/c-acme')!)).toBe(true);

    expect(openPullFrom('leasekit/expire/past-quarantine').title).toBe('Remove 2 leases past their quarantine');
    expect(remote.changedFiles('main', 'leasekit/expire/past-quarantine').map((f) => [f.filename, f.status])).toEqual([
      ['leases/leases/globex-old.yaml', 'removed'],
      ['leases/leases/mixed.yaml', 'modified'],
    ]);
    expect(remote.readFile('leasekit/expire/past-quarantine', 'leases/leases/mixed.yaml')).toBe(FILES['leases/leases/mixed.yaml'].split('\n---\n')[0] + '\n');
  });

  it('does not open a renewal again that a person closed unmerged', async () => {
    const renewal = openPullFrom('leasekit/renew/c-acme');
    renewal.state = 'closed';
    const before = pulls().length;
    const result = await leasekit(['reconcile', '--at', T2]);
    expect(result.stdout).toContain(`renewal:c-acme: closed unmerged in #${renewal.number}; not opening it again`);
    expect(pulls()).toHaveLength(before);
  });

  it('closes its pull request when the records no longer call for it', async () => {
    const expiry = openPullFrom('leasekit/expire/past-quarantine');
    remote.commit('main', { 'leases/leases/globex-old.yaml': null, 'leases/leases/mixed.yaml': FILES['leases/leases/mixed.yaml'].split('\n---\n')[0] + '\n' }, 'Remove old leases by hand');
    syncToMain();
    const result = await leasekit(['reconcile', '--at', T2]);
    expect(result.stdout).toContain(`closed pull request #${expiry.number} (leasekit/expire/past-quarantine): no longer needed`);
    expect(expiry.state).toBe('closed');
    expect(expiry.body).not.toContain('<!-- leasekit:key');
    expect(fake.commentsOn(expiry.number).at(-1)?.body).toContain('no longer needed');
  });

  it('sent GitHub only requests its API description accepts', () => {
    expect(fake.rejected).toEqual([]);
  });
});
