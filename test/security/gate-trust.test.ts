import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approvalExternalId, parseApprovalExternalId, publishApproval, type ApprovalRecord } from '../../src/github/approval.js';
import { writeArtifact, type PlanArtifact } from '../../src/github/artifact.js';
import { createGithubClient } from '../../src/github/client.js';
import type { GitRemote } from '../fakes/git-remote.js';
import { BOT_LOGIN, BOT_TOKEN, type GithubFake } from '../fakes/github.js';
import { GATE_REPO, githubCli, leaseYaml, openPull, pullEvent, startGithub } from '../helpers/github.js';

let fake: GithubFake;
let remote: GitRemote;
afterEach(async () => fake?.stop());

const AT = '2026-06-01';
const LEASE = { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) };
const registryOf = (checkout: string) => path.join(checkout, 'state/local-registry.json');
const pushEvent = (sha: string) => ({ name: 'push', payload: fake.pushEvent('main', sha) });
const bot = () => createGithubClient({ token: BOT_TOKEN, baseUrl: fake.url, throttle: false, retryBaseMs: 1 });
const repoRef = () => ({ owner: fake.owner, repo: fake.repo });

/** The fingerprint main will plan after merging `branch`, as an attacker could compute it. */
async function fingerprintAfterMerge(branch: string): Promise<string> {
  const { cli } = await import('../helpers/repo.js');
  const out = await cli(['plan', '--repo', remote.checkout(remote.testMerge('main', branch)), '--at', AT, '--format', 'json']);
  return (JSON.parse(out.stdout) as { fingerprint: string }).fingerprint;
}

function record(pull: number, head: string, fingerprint: string): ApprovalRecord {
  const base = remote.sha('main')!;
  return { at: AT, fingerprint, pull, head, base, merge: base, fork: false };
}

describe('the approval record: structured data only trusted code writes', () => {
  it('parses only its own exact shape', () => {
    const good: ApprovalRecord = { at: AT, fingerprint: `sha256:${'a'.repeat(64)}`, pull: 3, head: 'b'.repeat(40), base: 'c'.repeat(40), merge: 'd'.repeat(40), fork: false };
    expect(parseApprovalExternalId(approvalExternalId(good))).toEqual(good);
    expect(parseApprovalExternalId(approvalExternalId({ ...good, fork: true as false }))).toBeUndefined();
    expect(parseApprovalExternalId(approvalExternalId({ ...good, at: `${AT}\u2028` }))).toBeUndefined();
    expect(parseApprovalExternalId(approvalExternalId({ ...good, extra: 1 } as ApprovalRecord))).toBeUndefined();
    expect(parseApprovalExternalId(approvalExternalId({ ...good, pull: 0 }))).toBeUndefined();
    expect(parseApprovalExternalId(`x${approvalExternalId(good)}`)).toBeUndefined();
    expect(parseApprovalExternalId(null)).toBeUndefined();
  });

  it('the apply job asks GitHub whether the pull request came from a fork, whatever record exists', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    remote.commit('fork-lease', LEASE, 'from a fork');
    const pr = fake.openPull({ head: 'fork-lease', headRepo: 'mallory/leases' });
    // even a well-formed record by the bot on the fork's head commit is not enough
    await publishApproval(bot(), repoRef(), record(pr.number, remote.sha('fork-lease')!, await fingerprintAfterMerge('fork-lease')));
    const merge = fake.mergePull(pr.number);
    const main = remote.checkout(merge);
    const result = await githubCli(fake, ['apply', '--repo', main, '--at', AT], pushEvent(merge));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('came from mallory/leases, a fork');
    expect(fs.existsSync(registryOf(main))).toBe(false);
  });

  it('ignores records written by anyone but the gate\'s app, or for another pull request or commit', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const pr = openPull(fake, remote, 'globex-2', LEASE);
    const head = remote.sha('globex-2')!;
    const fingerprint = await fingerprintAfterMerge('globex-2');
    const mallory = createGithubClient({ token: fake.addToken('ghp_mallory', 'mallory'), baseUrl: fake.url, throttle: false, retryBaseMs: 1 });
    const other = createGithubClient({ token: fake.addToken('ghs_other', 'other-app[bot]', { type: 'Bot' }), baseUrl: fake.url, throttle: false, retryBaseMs: 1 });
    await publishApproval(mallory, repoRef(), record(pr.number, head, fingerprint));
    await publishApproval(other, repoRef(), record(pr.number, head, fingerprint));
    await publishApproval(bot(), repoRef(), record(pr.number + 1, head, fingerprint));
    const merge = fake.mergePull(pr.number);
    const main = remote.checkout(merge);
    const result = await githubCli(fake, ['apply', '--repo', main, '--at', AT], pushEvent(merge));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`#${pr.number} has no approval record`);
    expect(fs.existsSync(registryOf(main))).toBe(false);
  });

  it('a comment that looks like leasekit\'s, by the bot itself, approves nothing', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const pr = openPull(fake, remote, 'globex-2', LEASE);
    const fingerprint = await fingerprintAfterMerge('globex-2');
    fake.addComment(pr.number, BOT_LOGIN, `<!-- leasekit:plan -->\n<!-- leasekit:plan-fingerprint at=${AT} fingerprint=${fingerprint} -->\n`);
    const merge = fake.mergePull(pr.number);
    const result = await githubCli(fake, ['apply', '--repo', remote.checkout(merge), '--at', AT], pushEvent(merge));
    expect(result.code).toBe(1);
  });

  it('the gate writes a record for a same-repository pull request, the fork comment job never does', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const same = openPull(fake, remote, 'globex-2', LEASE);
    expect((await githubCli(fake, ['comment', '--repo', same.checkout, '--at', AT], pullEvent(fake, same.number))).code).toBe(0);
    expect(fake.checkRunsFor(remote.sha('globex-2')!).filter((r) => r.name === 'leasekit plan')).toHaveLength(1);

    remote.commit('fork-lease', { 'leases/leases/acme-3.yaml': leaseYaml('acme-3', 'c-acme', '185.50.4.0/24', [64501]) }, 'fork');
    const fork = fake.openPull({ head: 'fork-lease', headRepo: 'mallory/leases' });
    const checkout = remote.checkout(remote.testMerge('main', 'fork-lease'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-artifact-'));
    expect((await githubCli(fake, ['comment', '--repo', checkout, '--at', AT], pullEvent(fake, fork.number))).stdout).toContain('nothing to do');
    expect((await githubCli(fake, ['artifact', '--repo', checkout, '--at', AT, '--out', out], pullEvent(fake, fork.number))).code).toBe(0);
    const runEvent = { name: 'workflow_run', payload: fake.workflowRunEvent(fork.number) };
    expect((await githubCli(fake, ['comment', '--artifact', path.join(out, 'leasekit-plan.json')], runEvent)).code).toBe(0);
    expect((await githubCli(fake, ['check', '--artifact', path.join(out, 'leasekit-plan.json')], runEvent)).code).toBe(0);
    const runs = fake.checkRunsFor(remote.sha('fork-lease')!);
    expect(runs.map((r) => r.name)).toEqual(['leasekit']);
    expect(runs[0].externalId).toBeNull();
  });
});

describe('a pull request that changes leasekit.yaml', () => {
  it('is planned with the base settings and its comment says so', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const evil = `${GATE_REPO['leasekit.yaml']}  ripe:\n    type: ripe-rpki\n    baseUrl: http://198.51.100.7/\n`;
    const pr = openPull(fake, remote, 'config', { 'leasekit.yaml': evil, ...LEASE });
    const plain = openPull(fake, remote, 'plain', { 'leases/leases/acme-3.yaml': leaseYaml('acme-3', 'c-acme', '185.50.4.0/24', [64501]) });
    await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number));
    await githubCli(fake, ['comment', '--repo', plain.checkout, '--at', AT], pullEvent(fake, plain.number));
    expect(fake.commentsOn(pr.number)[0].body).toContain("This pull request changes `leasekit.yaml`. The plan above was made with the base branch's settings");
    expect(fake.commentsOn(plain.number)[0].body).not.toContain('changes `leasekit.yaml`');
  });
});

describe('the fork comment job: posts only to its own run\'s pull request, within bounds', () => {
  function artifact(headSha: string, pullRequest: number, diagnostics: PlanArtifact['diagnostics'] = []): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-artifact-'));
    return writeArtifact(dir, { version: 1, pullRequest, headSha, at: AT, records: 1, diagnostics, violations: [], conflicts: [] });
  }

  it('refuses an artifact that names another pull request on the same commit', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const trusted = openPull(fake, remote, 'shared', LEASE);
    expect((await githubCli(fake, ['comment', '--repo', trusted.checkout, '--at', AT], pullEvent(fake, trusted.number))).code).toBe(0);
    const before = fake.commentsOn(trusted.number).map((c) => c.body);
    // a fork opens a pull request from the very same commit and its artifact names the trusted one
    const fork = fake.openPull({ head: 'shared', headRepo: 'mallory/leases' });
    const runEvent = { name: 'workflow_run', payload: fake.workflowRunEvent(fork.number) };
    const result = await githubCli(fake, ['comment', '--artifact', artifact(remote.sha('shared')!, trusted.number)], runEvent);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the run belongs to #${fork.number}`);
    expect(fake.commentsOn(trusted.number).map((c) => c.body)).toEqual(before);
    const check = await githubCli(fake, ['check', '--artifact', artifact(remote.sha('shared')!, trusted.number)], runEvent);
    expect(check.code).toBe(1);
  });

  it('bounds the requests one artifact of 20,000 findings can cause', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    remote.commit('fork-lease', LEASE, 'fork');
    const fork = fake.openPull({ head: 'fork-lease', headRepo: 'mallory/leases' });
    const message = 'm'.repeat(300);
    const diagnostics = Array.from({ length: 20_000 }, (_, i) => ({ severity: 'error' as const, code: 'schema', message: `${message} ${i}`, file: 'leases/a.yaml', line: i + 1, column: 1 }));
    const file = artifact(remote.sha('fork-lease')!, fork.number, diagnostics);
    const runEvent = { name: 'workflow_run', payload: fake.workflowRunEvent(fork.number) };
    const writesBefore = fake.server.writes().length;
    expect((await githubCli(fake, ['check', '--artifact', file], runEvent)).code).toBe(0);
    expect((await githubCli(fake, ['comment', '--artifact', file], runEvent)).code).toBe(0);
    const [run] = fake.checkRunsFor(remote.sha('fork-lease')!);
    expect(run.annotationBatches.length).toBeLessThanOrEqual(5);
    expect(run.output.summary).toContain('more finding(s) are not annotated here');
    expect(fake.commentsOn(fork.number).length).toBeLessThanOrEqual(3);
    expect(fake.server.writes().length - writesBefore).toBeLessThanOrEqual(8);
  }, 60_000);
});
