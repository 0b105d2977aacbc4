import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_LOGIN, type GithubFake } from '../fakes/github.js';
import { FakeRipeRpki } from '../fakes/ripe-rpki.js';
import { SECRET } from '../providers/rpki/harness.js';
import type { GitRemote } from '../fakes/git-remote.js';
import { GATE_REPO, githubCli, leaseYaml, openPull, pullEvent, startGithub } from '../helpers/github.js';
import { cli } from '../helpers/repo.js';

/**
 * Leases start and end on their days: a pull request shows what happens on which day, and the
 * daily run of the apply workflow (schedule, workflow_dispatch) applies main's plan for each day,
 * keeping one issue open while it is refused.
 */
let fake: GithubFake;
let remote: GitRemote;
afterEach(async () => fake?.stop());

const DAY0 = '2026-06-01';
const DAY = (n: number) => new Date(Date.parse(`${DAY0}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const REPO: Record<string, string> = { ...GATE_REPO, 'leasekit.yaml': GATE_REPO['leasekit.yaml'].replace('quarantineDays: 30\n', 'quarantineDays: 30\n  publishLeadDays: 1\n') };
const ACME_FILE = 'leases/leases/acme.yaml';
const GLOBEX_FILE = 'leases/leases/globex.yaml';

const repository = () => fake.pushEvent('main', '0'.repeat(40)).repository as Record<string, unknown>;
const scheduleEvent = () => ({ name: 'schedule', payload: { schedule: '7 0 * * *', repository: repository() } });
const dispatchEvent = (ref = 'refs/heads/main') => ({ name: 'workflow_dispatch', payload: { ref, inputs: {}, repository: repository() } });
const roasIn = (checkout: string) =>
  (JSON.parse(fs.readFileSync(path.join(checkout, 'state/local-registry.json'), 'utf8')) as { roas: Array<{ prefix: string; asn: number }> }).roas.map((r) => `${r.prefix} AS${r.asn}`);
const failureIssues = () => [...fake.issues.values()].filter((i) => !i.pull && i.user.login === BOT_LOGIN && (i.body ?? '').startsWith('<!-- leasekit:apply-failure -->'));

/** The default branch as the apply job checks it out, with the registry state the last run left. */
function checkoutMain(previous?: string): string {
  const dir = remote.checkout('main');
  if (previous) fs.cpSync(path.join(previous, 'state'), path.join(dir, 'state'), { recursive: true });
  return dir;
}

async function scheduledRun(checkout: string, day: string, event: { name: string; payload: Record<string, unknown> } = scheduleEvent()) {
  const result = await githubCli(fake, ['apply', '--repo', checkout, '--at', day], event);
  const applied = /Applied: (\d+) created, (\d+) updated, (\d+) deleted\./.exec(result.stdout);
  return { ...result, applied: applied ? applied.slice(1).map(Number) : undefined };
}

describe('scheduled apply: leases start and end on their days', () => {
  it('shows the days in the pull request, then applies each day\'s changes exactly once, and keeps one issue while refused', async () => {
    ({ fake, remote } = await startGithub(REPO));
    let main = checkoutMain();
    expect((await cli(['apply', '--repo', main, '--at', DAY0, '--yes'])).code).toBe(0); // acme-1 is live before the pull request

    // a pull request adds a lease that starts in 10 days and ends acme-1 in 20
    const pr = openPull(fake, remote, 'dates', {
      [GLOBEX_FILE]: leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503], `start: ${DAY(10)}\n`),
      [ACME_FILE]: leaseYaml('acme-1', 'c-acme', '185.50.0.0/24', [64501], `end: ${DAY(20)}\n`),
    });
    fs.cpSync(path.join(main, 'state'), path.join(pr.checkout, 'state'), { recursive: true }); // the registries it plans against
    expect((await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', DAY0], pullEvent(fake, pr.number))).code).toBe(0);
    const [comment] = fake.commentsOn(pr.number);
    expect(comment.body).toContain('#### What merging applies now (2026-06-01)');
    expect(comment.body).toContain(':white_check_mark: No changes');
    expect(comment.body).toContain('#### What happens on which day (next 90 days)');
    const day9 = comment.body.indexOf('##### 2026\\-06\\-10');
    const day20 = comment.body.indexOf('##### 2026\\-06\\-21');
    expect(day9).toBeGreaterThan(0);
    expect(day20).toBeGreaterThan(day9);
    expect(comment.body.slice(day9, day20)).toContain('| + | local | roa    185\\.50\\.1\\.0/24 max 24 AS64503 | lease globex\\-2 \\(Globex\\) starts |');
    expect(comment.body.slice(day20)).toContain('| - | local | roa    185\\.50\\.0\\.0/24 max 24 AS64501 | lease acme\\-1 \\(Acme\\) ended on 2026\\-06\\-21 |');
    expect(comment.body).toMatch(/```mermaid\ngantt\n[^`]*section Acme\n {2}acme-1 : 2026-01-01, 2026-06-21\n {2}section Globex\n {2}globex-2 \(open-ended\) : 2026-06-11, 2026-08-30\n```/);

    fake.mergePull(pr.number);
    const runs: Array<[number, number[] | undefined]> = [];
    for (const n of [0, 0, 9, 9, 20, 20]) {
      main = checkoutMain(main);
      const run = await scheduledRun(main, DAY(n), n === 9 ? dispatchEvent() : scheduleEvent());
      expect(run.code, run.stderr).toBe(0);
      runs.push([n, run.applied]);
    }
    // day 0: nothing; day 9 (publishLeadDays 1): the create; day 20: the delete; a second run the same day: nothing
    expect(runs).toEqual([[0, undefined], [0, undefined], [9, [2, 0, 0]], [9, undefined], [20, [0, 0, 2]], [20, undefined]]);
    expect(roasIn(main)).toEqual(['185.48.0.0/12 AS0', '185.50.1.0/24 AS64503']);
    expect(failureIssues()).toEqual([]);

    // globex-2 ends on day 30, and a direct change sets thresholds it crosses: refused, one issue
    remote.commit('main', { [GLOBEX_FILE]: leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503], `start: ${DAY(10)}\nend: ${DAY(30)}\n`), 'leasekit.yaml': `${REPO['leasekit.yaml']}thresholds:\n  minObjects: 1\n` }, 'globex-2 ends');
    for (const n of [30, 31]) {
      main = checkoutMain(main);
      const refused = await scheduledRun(main, DAY(n));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('2 of 3 managed objects would be deleted (66.7% > maxDeletePercent 25)');
    }
    expect(roasIn(main)).toContain('185.50.1.0/24 AS64503');
    const [issue] = failureIssues();
    expect(failureIssues()).toHaveLength(1);
    expect(issue).toMatchObject({ state: 'open', title: 'leasekit: the scheduled apply for 2026-07-02 did not go through' });
    expect(issue.body).toContain('2 of 3 managed objects would be deleted');
    expect(issue.body).toContain('- roa    185.50.1.0/24 max 24 AS64503  (lease globex-2 (Globex) ended on 2026-07-01)');

    // the thresholds are raised: the next run goes through and closes the issue
    remote.commit('main', { 'leasekit.yaml': `${REPO['leasekit.yaml']}thresholds:\n  minObjects: 1\n  maxDeletePercent: 100\n` }, 'allow the end of globex-2');
    main = checkoutMain(main);
    const good = await scheduledRun(main, DAY(32));
    expect(good.code, good.stderr).toBe(0);
    expect(good.applied).toEqual([0, 0, 2]);
    expect(good.stdout).toContain(`closed issue #${issue.number}`);
    expect(fake.issues.get(issue.number)!.state).toBe('closed');
    expect(fake.commentsOn(issue.number).at(-1)!.body).toContain('The scheduled apply for 2026-07-03 went through');
    const journal = fs.readFileSync(path.join(main, 'state/journal.jsonl'), 'utf8').trim().split('\n');
    expect(journal.length).toBeGreaterThanOrEqual(4);
  });

  it('opens the failure issue when main does not validate, says why, and closes it once it does', async () => {
    ({ fake, remote } = await startGithub(REPO));
    remote.commit('main', { 'leases/leases/rogue.yaml': leaseYaml('rogue', 'c-acme', '185.50.0.0/25', [64501]) }, 'an overlapping lease, pushed directly');
    let main = checkoutMain();
    const refused = await scheduledRun(main, DAY0, dispatchEvent());
    expect(refused.code).toBe(1);
    const [issue] = failureIssues();
    expect(issue.body).toContain('the records on the default branch do not validate');
    expect(issue.body).toContain('lease-overlap');
    remote.commit('main', { 'leases/leases/rogue.yaml': null }, 'remove it');
    main = checkoutMain();
    const good = await scheduledRun(main, DAY0);
    expect(good.code, good.stderr).toBe(0);
    expect(good.applied).toEqual([3, 0, 0]);
    expect(fake.issues.get(issue.number)!.state).toBe('closed');
  });

  it('opens the failure issue when a registry fails, without its key, and closes it on the next good day', async () => {
    const ripe = new FakeRipeRpki({ apiKey: SECRET, resources: ['185.48.0.0/12'] });
    await ripe.start();
    try {
      // RIPE refuses documentation ASNs (validate's origin-refused): a public ASN instead of AS64501
      const publicAsn = Object.fromEntries(Object.entries(REPO).map(([file, text]) => [file, text.replaceAll('64501', '200501')]));
      const files = {
        ...publicAsn,
        'leasekit.yaml': `${REPO['leasekit.yaml']}  rpki:\n    type: ripe-rpki\n    baseUrl: '${ripe.baseUrl}'\n    apiKeyEnv: RPKI_KEY\n`,
        'leases/holdings.yaml': REPO['leases/holdings.yaml'].replace('rpki: { provider: local, as0: true }', 'rpki: { provider: rpki, as0: true }'),
      };
      ({ fake, remote } = await startGithub(files));
      const env = { RPKI_KEY: SECRET, LEASEKIT_RETRY_BASE_MS: '1', LEASEKIT_HTTP_TIMEOUT_MS: '2000' };
      const main = checkoutMain();
      ripe.server.failNext(1, 400, { method: 'POST' }); // the registry refuses the publish
      const failed = await githubCli(fake, ['apply', '--repo', main, '--at', DAY0], scheduleEvent(), env);
      expect(failed.code).toBe(1);
      const [issue] = failureIssues();
      expect(issue.body).toContain('apply stopped');
      expect(issue.body).toMatch(/rpki: publish 2 ROA creates .*400/);
      expect(issue.body).not.toContain(SECRET);
      expect(ripe.list()).toEqual([]);
      const good = await githubCli(fake, ['apply', '--repo', main, '--at', DAY(1)], scheduleEvent(), env);
      expect(good.code, good.stderr).toBe(0);
      expect(ripe.list().map((r) => `${r.prefix} AS${r.asn}`).sort()).toEqual(['185.48.0.0/12 AS0', '185.50.0.0/24 AS200501']);
      expect(fake.issues.get(issue.number)!.state).toBe('closed');
    } finally {
      await ripe.stop();
    }
  });

  it('refuses a workflow_dispatch on another branch than the default', async () => {
    ({ fake, remote } = await startGithub(REPO));
    const result = await scheduledRun(checkoutMain(), DAY0, dispatchEvent('refs/heads/evil'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not on the default branch main');
  });
});
