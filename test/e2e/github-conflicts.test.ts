import { afterEach, describe, expect, it } from 'vitest';
import { BOT_LOGIN, type GithubFake } from '../fakes/github.js';
import type { GitRemote } from '../fakes/git-remote.js';
import { GATE_REPO, githubCli, leaseYaml, openPull, pullEvent, startGithub } from '../helpers/github.js';
import { cli } from '../helpers/repo.js';

let fake: GithubFake;
let remote: GitRemote;
const AT = '2026-06-01';

afterEach(async () => fake?.stop());

const ACME_2 = { 'leases/leases/acme-2.yaml': leaseYaml('acme-2', 'c-acme', '185.50.2.0/24', [64501], 'start: 2026-07-01\n') };
const GLOBEX_3 = { 'leases/leases/globex-3.yaml': `# more space for Globex\n${leaseYaml('globex-3', 'c-globex', '185.50.2.0/25', [64503])}` };

describe('leasekit github conflicts: overlaps with other open pull requests', () => {
  it('names the other pull request on each side; after the first merges, the second no longer validates', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const acme = openPull(fake, remote, 'acme-2', ACME_2, 'Lease 185.50.2.0/24 to Acme');
    const globex = openPull(fake, remote, 'globex-3', GLOBEX_3, 'Globex wants 185.50.2.0/25');
    for (const pr of [acme, globex]) {
      expect(await cli(['validate', '--repo', pr.checkout, '--at', AT])).toMatchObject({ code: 0 });
    }

    const onAcme = await githubCli(fake, ['conflicts', '--repo', acme.checkout, '--format', 'text'], pullEvent(fake, acme.number));
    expect(onAcme.code).toBe(1);
    expect(onAcme.stdout).toContain(`leases/leases/acme-2.yaml:4:9: error[open-pr-overlap] lease 'acme-2' (185.50.2.0/24, 2026-07-01..2028-01-01) overlaps lease 'globex-3'`);
    expect(onAcme.stdout).toContain(`open pull request #${globex.number} ("Globex wants 185.50.2.0/25")`);
    expect(onAcme.stdout).toContain('related: leases/leases/globex-3.yaml:5:9 (globex-3)');

    const onGlobex = await githubCli(fake, ['conflicts', '--repo', globex.checkout], pullEvent(fake, globex.number));
    expect(onGlobex.code).toBe(1);
    // GITHUB_ACTIONS=true: workflow commands, so the runner shows annotations
    expect(onGlobex.stdout).toMatch(/^::error file=leases\/leases\/globex-3\.yaml,line=5,col=9,title=leasekit open-pr-overlap::lease 'globex-3'/m);
    expect(onGlobex.stdout).toContain(`open pull request #${acme.number} ("Lease 185.50.2.0/24 to Acme")`);

    fake.mergePull(acme.number);
    const rebased = remote.checkout(remote.testMerge('main', 'globex-3'));
    const validate = await cli(['validate', '--repo', rebased, '--at', AT]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/error\[lease-overlap\] lease 'acme-2' .* overlaps lease 'globex-3'/);
    const after = await githubCli(fake, ['conflicts', '--repo', rebased], pullEvent(fake, globex.number));
    expect(after.code).toBe(0); // the other is merged, not open: validate is the gate now
    expect(fake.rejected).toEqual([]);
  });

  it('puts the overlaps in the plan comment and, as warnings, in the check run', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const acme = openPull(fake, remote, 'acme-2', ACME_2, 'Acme **bold** @octocat');
    const globex = openPull(fake, remote, 'globex-3', GLOBEX_3);
    await githubCli(fake, ['comment', '--conflicts', '--repo', globex.checkout, '--at', AT], pullEvent(fake, globex.number));
    const [comment] = fake.commentsOn(globex.number).filter((c) => c.user.login === BOT_LOGIN);
    expect(comment.body).toContain('#### Overlaps with other open pull requests');
    expect(comment.body).toContain(`| #${acme.number} Acme \\*\\*bold\\*\\* @\u200boctocat |`); // title escaped, no mention

    await githubCli(fake, ['check', '--conflicts', '--repo', globex.checkout, '--at', AT], pullEvent(fake, globex.number));
    const [run] = fake.checkRunsFor(remote.sha('globex-3')!).filter((r) => r.name === 'leasekit'); // not the approval record
    expect(run.conclusion).toBe('success'); // its own records are valid
    expect(run.annotations).toContainEqual(expect.objectContaining({ path: 'leases/leases/globex-3.yaml', start_line: 5, annotation_level: 'warning', title: 'leasekit open-pr-overlap' }));
    expect(run.annotations.filter((a) => a.annotation_level === 'failure')).toEqual([]);
  });

  it('resolves the other lease\'s term through a contract its own pull request adds, and ignores space apart in time', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const initech = {
      'leases/contracts/initech.yaml': 'kind: contract\nid: c-initech\ndirection: outbound\ncounterparty: initech\nstart: 2027-03-01\nend: 2027-06-01\n',
      'leases/parties-initech.yaml': 'kind: party\nid: initech\nname: Initech\nasns: [64504]\n',
      'leases/leases/initech.yaml': leaseYaml('initech-1', 'c-initech', '185.50.3.0/24', [64504]),
    };
    const theirs = openPull(fake, remote, 'initech', initech);
    const early = openPull(fake, remote, 'early', { 'leases/leases/early.yaml': leaseYaml('early', 'c-globex', '185.50.3.0/24', [64503], 'start: 2026-06-01\nend: 2027-01-01\n') });
    const late = openPull(fake, remote, 'late', { 'leases/leases/late.yaml': leaseYaml('late', 'c-globex', '185.50.3.0/26', [64503], 'start: 2027-05-01\n') });
    expect((await githubCli(fake, ['conflicts', '--repo', early.checkout], pullEvent(fake, early.number))).code).toBe(0);
    const onLate = await githubCli(fake, ['conflicts', '--repo', late.checkout, '--format', 'text'], pullEvent(fake, late.number));
    expect(onLate.code).toBe(1);
    expect(onLate.stdout).toContain(`lease 'initech-1' (185.50.3.0/24, 2027-03-01..2027-06-01) that open pull request #${theirs.number}`);
  });

  it('asks nothing of the other pull requests when this one adds no lease', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    openPull(fake, remote, 'acme-2', ACME_2);
    const docs = openPull(fake, remote, 'docs', { 'README.md': 'hello\n' });
    const result = await githubCli(fake, ['conflicts', '--repo', docs.checkout], pullEvent(fake, docs.number));
    expect(result.code).toBe(0);
    expect(fake.server.requests.map((r) => r.path)).toEqual([`/repos/example/leases/pulls/${docs.number}/files`]);
  });
});
