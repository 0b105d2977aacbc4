import { afterEach, describe, expect, it } from 'vitest';
import { BOT_LOGIN, type GithubFake } from '../fakes/github.js';
import { GATE_REPO, githubCli, leaseYaml, openPull, pullEvent, startGithub } from '../helpers/github.js';

let fake: GithubFake | undefined;
afterEach(async () => fake?.stop());

// the workflow has fetched the routes leasekit.yaml names; the VRPs are what relying parties see now
const AUDITED_REPO: Record<string, string> = {
  ...GATE_REPO,
  'leasekit.yaml': GATE_REPO['leasekit.yaml'] + 'audit:\n  routes: [routes/rib.txt]\n  vrps: routes/vrps.csv\n',
  'routes/rib.txt': '185.50.0.0/24 64501\n185.50.1.0/24 64503\n',
  'routes/vrps.csv': 'ASN,IP Prefix,Max Length,Trust Anchor\nAS0,185.48.0.0/12,32,ripe\nAS64501,185.50.0.0/24,24,ripe\n',
};

describe('the pull-request plan comment shows the impact on the announcements leasekit.yaml names', () => {
  it('lists the announcement the new lease makes valid (the registry is empty: nothing is deleted)', async () => {
    const started = await startGithub(AUDITED_REPO);
    fake = started.fake;
    const pr = openPull(fake, started.remote, 'swap', { 'leases/leases/acme.yaml': null, 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    const r = await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', '2026-06-01'], pullEvent(fake, pr.number));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [comment] = fake.commentsOn(pr.number).filter((c) => c.user.login === BOT_LOGIN);
    const impact = comment.body.slice(comment.body.indexOf('#### Impact on announcements'));
    expect(impact).toContain('| prefix | origin | before | after |\n|---|---|---|---|\n| 185\\.50\\.1\\.0/24 | AS64503 | invalid | valid |\n');
    expect(impact).not.toContain('185\\.50\\.0\\.0/24'); // acme's ROA is not in the registry, so its removal changes nothing
  });

  it('without audit.routes the comment has no impact section', async () => {
    const started = await startGithub(GATE_REPO);
    fake = started.fake;
    const pr = openPull(fake, started.remote, 'g2', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', '2026-06-01'], pullEvent(fake, pr.number));
    const [comment] = fake.commentsOn(pr.number).filter((c) => c.user.login === BOT_LOGIN);
    expect(comment.body).not.toContain('Impact on announcements');
  });
});
