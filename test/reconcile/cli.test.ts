import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitRemote } from '../fakes/git-remote.js';
import { GithubFake } from '../fakes/github.js';
import { FAST_CLIENT } from '../helpers/github.js';
import { BASE, cli, tempRepo } from '../helpers/repo.js';

/** The edges of `reconcile` and `propose` that come before any pull request. */
const RECORDS = {
  ...BASE,
  'leases/contracts.yaml': BASE['leases/contracts.yaml'].replace('end: 2027-01-01', 'end: 2027-01-01\nrenewal: { auto: true, periodMonths: 12, noticeDays: 30 }'),
  'leases/acme.yaml': 'kind: lease\nid: acme-1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]\n',
};

let fake: GithubFake;
let remote: GitRemote;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-home-'));

beforeAll(async () => {
  remote = GitRemote.create(RECORDS);
  fake = new GithubFake({ remote });
  await fake.start();
});

afterAll(async () => {
  await fake?.stop();
});

const env = (): Record<string, string | undefined> => ({ PATH: process.env.PATH, HOME: home, ...fake.env(), ...FAST_CLIENT });

describe('reconcile', () => {
  it('--dry-run says what it would open and sends nothing', async () => {
    const result = await cli(['reconcile', '--dry-run', '--repo', tempRepo(RECORDS), '--at', '2026-12-15'], { env: {} });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'leasekit: drift: 3 change(s) (would open or update one issue)\n' +
        'leasekit: renewal:c-acme: would open or update a pull request from leasekit/renew/c-acme changing leases/contracts.yaml\n',
    );
  });

  it('opens nothing from records that do not validate (exit 1)', async () => {
    const broken = tempRepo({ ...RECORDS, 'leases/acme.yaml': 'kind: lease\nid: acme-1\ncontract: nope\nprefix: 192.0.2.0/25\norigins: [64501]\n' });
    const result = await cli(['reconcile', '--repo', broken, '--at', '2026-12-15'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error[ref-unknown]');
    expect(fake.issues.size).toBe(0);
  });

  it('refuses a checkout that is not origin\'s base: its edits would undo what the checkout lacks', async () => {
    const stale = remote.checkout('main');
    remote.commit('main', { 'README.md': 'moved on\n' }, 'move main');
    const result = await cli(['reconcile', '--repo', stale, '--at', '2026-12-15'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not origin\/main .*check it out first/);
    expect(fake.issues.size).toBe(0);
    expect(remote.branches()).toEqual(['main']);
  });

  it('needs GITHUB_TOKEN, and says so before touching git', async () => {
    const { GITHUB_TOKEN: _, ...noToken } = env();
    const result = await cli(['reconcile', '--repo', remote.checkout('main'), '--at', '2026-12-15'], { env: noToken });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('GITHUB_TOKEN is not set');
    expect(remote.branches()).toEqual(['main']);
  });
});

describe('propose lease', () => {
  it('refuses a lease file that already exists, and a missing subcommand', async () => {
    const root = tempRepo(RECORDS);
    fs.writeFileSync(path.join(root, 'leases/acme-2.yaml'), 'kind: party\nid: x\nname: X\n');
    const exists = await cli(['propose', 'lease', '--repo', root, '--contract', 'c-acme', '--prefix', '192.0.2.128/25', '--origins', '64501', '--dry-run'], { env: {} });
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain('leases/acme-2.yaml already exists');
    expect((await cli(['propose', '--repo', root], { env: {} })).code).toBe(2);
  });
});
