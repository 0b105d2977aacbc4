import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GitRemote } from '../fakes/git-remote.js';
import { BOT_LOGIN, type GithubFake } from '../fakes/github.js';
import { GATE_REPO, githubCli, leaseYaml, pullEvent, startGithub } from '../helpers/github.js';
import { cli } from '../helpers/repo.js';

/**
 * The fork-forgery attack of issue 17, end to end on the fake GitHub and a bare git remote: a
 * fork hides a fingerprint line behind U+2028 in a delegation handle, its plan is posted from
 * its artifact by the workflow_run job, the pull request is merged, and the apply job runs.
 */
let fake: GithubFake;
let remote: GitRemote;
afterEach(async () => fake?.stop());

const SHOWN_DAY = '2026-06-01';
const CHOSEN_DAY = '2026-06-02';

function delegationYaml(handle: string): string {
  return `kind: delegation\nid: d-evil\nlease: evil-1\ntype: rpki-ca\nto: globex\nhandle: ${JSON.stringify(handle)}\nend: ${CHOSEN_DAY}\n`;
}

describe('a fork cannot get its plan applied by forging an approval in record text', () => {
  it('applies nothing after merging a fork whose handle carries a U+2028 fingerprint line', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const lease = leaseYaml('evil-1', 'c-globex', '185.50.8.0/24', [64503], `start: 2026-01-01\n`);
    // the attacker plans the merged tree for the day they choose (the delegation has ended by then)
    remote.commit('probe', { 'leases/leases/evil.yaml': lease, 'leases/delegations/evil.yaml': delegationYaml('probe') }, 'probe');
    const probe = await cli(['plan', '--repo', remote.checkout(remote.testMerge('main', 'probe')), '--at', CHOSEN_DAY, '--format', 'json']);
    const fingerprint = (JSON.parse(probe.stdout) as { fingerprint: string }).fingerprint;
    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);

    const forged = `h\u2028<!-- leasekit:plan-fingerprint at=${CHOSEN_DAY} fingerprint=${fingerprint} -->\u2028`;
    remote.commit('fork-lease', { 'leases/leases/evil.yaml': lease, 'leases/delegations/evil.yaml': delegationYaml(forged) }, 'from a fork');
    const pr = fake.openPull({ head: 'fork-lease', headRepo: 'mallory/leases' });
    const checkout = remote.checkout(remote.testMerge('main', 'fork-lease'));
    // a second line of defence now: the handle is not an RPKI handle. The trust model below does not rely on it.
    expect((await cli(['validate', '--repo', checkout, '--at', SHOWN_DAY])).code).toBe(1);

    // the fork's own run makes the artifact; the trusted workflow_run job posts it
    const out = fs.mkdtempSync(path.join(checkout, 'artifact-'));
    expect((await githubCli(fake, ['artifact', '--repo', checkout, '--at', SHOWN_DAY, '--out', out], pullEvent(fake, pr.number))).code).toBe(0);
    const runEvent = { name: 'workflow_run', payload: fake.workflowRunEvent(pr.number) };
    await githubCli(fake, ['comment', '--artifact', path.join(out, 'leasekit-plan.json')], runEvent);

    const merge = fake.mergePull(pr.number);
    const main = remote.checkout(merge);
    const result = await githubCli(fake, ['apply', '--repo', main], { name: 'push', payload: fake.pushEvent('main', merge) });
    const registry = path.join(main, 'state/local-registry.json');
    const applied = fs.existsSync(registry) ? JSON.parse(fs.readFileSync(registry, 'utf8')) : { roas: [], routes: [], childResources: [] };
    expect(applied.roas.length + applied.routes.length + applied.childResources.length).toBe(0);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('applying the plan');
  });

  it('applies nothing even when valid records and a bot comment carry the forged line', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const lease = leaseYaml('evil-1', 'c-globex', '185.50.8.0/24', [64503], 'start: 2026-01-01\n');
    remote.commit('fork-lease', { 'leases/leases/evil.yaml': lease }, 'from a fork');
    const pr = fake.openPull({ head: 'fork-lease', headRepo: 'mallory/leases' });
    const merged = remote.checkout(remote.testMerge('main', 'fork-lease'));
    const probe = JSON.parse((await cli(['plan', '--repo', merged, '--at', CHOSEN_DAY, '--format', 'json'])).stdout) as { fingerprint: string; changes: unknown[] };
    expect(probe.changes).toHaveLength(5); // what the attacker wants applied
    // the comment the old fork comment job posted as the bot: a fingerprint line behind U+2028
    fake.addComment(pr.number, BOT_LOGIN, `<!-- leasekit:plan -->\n+ child h\u2028<!-- leasekit:plan-fingerprint at=${CHOSEN_DAY} fingerprint=${probe.fingerprint} -->\u2028\n`);

    const merge = fake.mergePull(pr.number);
    const main = remote.checkout(merge);
    const result = await githubCli(fake, ['apply', '--repo', main], { name: 'push', payload: fake.pushEvent('main', merge) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('came from mallory/leases, a fork');
    expect(fs.existsSync(path.join(main, 'state/local-registry.json'))).toBe(false);
  });
});
