import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_LOGIN, type GithubFake } from '../fakes/github.js';
import type { GitRemote } from '../fakes/git-remote.js';
import { GATE_REPO, githubCli, leaseYaml, openPull, pullEvent, startGithub } from '../helpers/github.js';

let fake: GithubFake;
let remote: GitRemote;
const AT = '2026-06-01';

afterEach(async () => fake?.stop());

const pushEvent = (sha: string) => ({ name: 'push', payload: fake.pushEvent('main', sha) });
const registry = (checkout: string) => path.join(checkout, 'state/local-registry.json');
const applyComments = (number: number) => fake.commentsOn(number).filter((c) => c.user.login === BOT_LOGIN && c.body.startsWith('<!-- leasekit:apply -->'));

/** A pull request whose plan comment is posted, as its workflow would. */
async function reviewedPull(branch: string, files: Record<string, string>) {
  const pr = openPull(fake, remote, branch, files);
  const posted = await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number));
  expect(posted.code).toBe(0);
  return pr;
}

describe('leasekit github apply: on push to main, apply only the plan the pull request showed', () => {
  it('applies the merged pull request\'s plan when re-planning gives the fingerprint its comment shows', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const pr = await reviewedPull('globex-2', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    const merge = fake.mergePull(pr.number);
    const main = remote.checkout(merge);
    const result = await githubCli(fake, ['apply', '--repo', main], pushEvent(merge));
    expect(result.stderr).toContain(`applying the plan shown in #${pr.number}`);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Applied: ');
    expect(fs.readFileSync(registry(main), 'utf8')).toContain('185.50.1.0/24');
    expect(applyComments(pr.number)).toEqual([]);
  });

  it('refuses, fails and says why on the merged pull request when the plan changed between approval and merge', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const first = await reviewedPull('globex-2', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    const second = await reviewedPull('acme-3', { 'leases/leases/acme-3.yaml': leaseYaml('acme-3', 'c-acme', '185.50.4.0/24', [64501]) });
    fake.mergePull(second.number); // another merge came first: the first's approved plan is stale
    const merge = fake.mergePull(first.number);
    const main = remote.checkout(merge);
    const result = await githubCli(fake, ['apply', '--repo', main], pushEvent(merge));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the plan changed since it was approved');
    expect(fs.existsSync(registry(main))).toBe(false);
    const [refusal] = applyComments(first.number);
    expect(refusal.body).toContain(`leasekit did not apply this merge (${merge.slice(0, 12)})`);
    expect(refusal.body).toContain('the plan changed since it was approved');
    expect(refusal.body).toContain('+ roa    185.50.4.0/24 max 24 AS64501'); // what main would apply now

    const again = await githubCli(fake, ['apply', '--repo', main], pushEvent(merge)); // a re-run updates its comment
    expect(again.code).toBe(1);
    expect(applyComments(first.number)).toHaveLength(1);
  });

  it('refuses when the registry changed behind the plan\'s back', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const pr = await reviewedPull('globex-2', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    const merge = fake.mergePull(pr.number);
    const main = remote.checkout(merge);
    fs.mkdirSync(path.dirname(registry(main)), { recursive: true });
    fs.writeFileSync(registry(main), JSON.stringify({ roas: [{ prefix: '185.50.1.0/24', maxLength: 24, asn: 64503 }], routes: [], childResources: [] }));
    const result = await githubCli(fake, ['apply', '--repo', main], pushEvent(merge));
    expect(result.code).toBe(1);
    expect(applyComments(pr.number)).toHaveLength(1);
  });

  it('refuses a direct push that has no reviewed plan, unless there is nothing to apply', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const quiet = remote.commit('main', { 'README.md': 'docs\n' }, 'docs only');
    const applied = remote.checkout(quiet);
    fs.mkdirSync(path.join(applied, 'state'));
    const first = await githubCli(fake, ['apply', '--repo', applied, '--at', AT], pushEvent(quiet));
    expect(first.code).toBe(1); // the initial records were never planned in a pull request
    expect(first.stderr).toContain('a direct push has no reviewed plan');

    const pr = await reviewedPull('globex-2', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    const merge = fake.mergePull(pr.number);
    const main = remote.checkout(merge);
    expect((await githubCli(fake, ['apply', '--repo', main], pushEvent(merge))).code).toBe(0);
    const docs = remote.commit('main', { 'README.md': 'more docs\n' }, 'docs again');
    const later = remote.checkout(docs);
    fs.cpSync(path.join(main, 'state'), path.join(later, 'state'), { recursive: true });
    const nothing = await githubCli(fake, ['apply', '--repo', later, '--at', AT], pushEvent(docs));
    expect(nothing).toMatchObject({ code: 0 });
    expect(nothing.stdout).toContain('nothing to apply');
  });

  it('does not trust a plan comment posted from a fork\'s artifact', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    remote.commit('fork-lease', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) }, 'from a fork');
    const pr = fake.openPull({ head: 'fork-lease', headRepo: 'mallory/leases' });
    const checkout = remote.checkout(remote.testMerge('main', 'fork-lease'));
    const out = fs.mkdtempSync(path.join(checkout, 'artifact-'));
    const made = await githubCli(fake, ['artifact', '--repo', checkout, '--at', AT, '--out', out], pullEvent(fake, pr.number));
    expect(made.code).toBe(0);
    const runEvent = { name: 'workflow_run', payload: fake.workflowRunEvent(pr.number) };
    expect((await githubCli(fake, ['comment', '--artifact', path.join(out, 'leasekit-plan.json')], runEvent)).code).toBe(0);
    const [comment] = fake.commentsOn(pr.number);
    expect(comment.body).toContain("Posted from a fork's workflow run");
    expect(comment.body).not.toContain('leasekit:plan-fingerprint');

    const merge = fake.mergePull(pr.number);
    const result = await githubCli(fake, ['apply', '--repo', remote.checkout(merge)], pushEvent(merge));
    expect(result.code).toBe(1);
    expect(applyComments(pr.number)[0].body).toContain("a fork's plan is not trusted");
  });
});
