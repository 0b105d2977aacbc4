import { afterEach, describe, expect, it } from 'vitest';
import type { GithubFake } from '../fakes/github.js';
import type { GitRemote } from '../fakes/git-remote.js';
import { GATE_REPO, githubCli, leaseYaml, openPull, pullEvent, startGithub } from '../helpers/github.js';

let fake: GithubFake;
let remote: GitRemote;
const AT = '2026-06-01';

afterEach(async () => fake?.stop());

describe('leasekit github check: the check run branch protection requires', () => {
  it('fails on an overlap, with the annotation at the overlapping lease\'s file and line, on the head commit', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const overlap = `# Globex wants part of Acme's space\n${leaseYaml('globex-2', 'c-globex', '185.50.0.128/25', [64503])}`;
    const pr = openPull(fake, remote, 'globex-2', { 'leases/leases/globex.yaml': overlap });
    const result = await githubCli(fake, ['check', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const headSha = remote.sha('globex-2')!;
    const [run] = fake.checkRunsFor(headSha);
    expect(run).toMatchObject({ name: 'leasekit', status: 'completed', conclusion: 'failure' });
    expect(run.output.title).toBe('1 validation error(s)');
    const annotation = run.annotations.find((a) => a.title === 'leasekit lease-overlap')!;
    expect(annotation).toMatchObject({ path: 'leases/leases/globex.yaml', start_line: 5, end_line: 5, start_column: 9, annotation_level: 'failure' });
    expect(annotation.message).toContain("lease 'globex-2' (185.50.0.128/25");
    expect(annotation.message).toContain('see leases/leases/acme.yaml:4 (acme-1)');
    expect(fake.rejected).toEqual([]);
  });

  it('succeeds on a clean pull request', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const pr = openPull(fake, remote, 'globex-2', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    await githubCli(fake, ['check', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number));
    expect(fake.checkRunsFor(remote.sha('globex-2')!)[0]).toMatchObject({ conclusion: 'success', annotations: [] });
  });

  it('sends annotations 50 at a time and keeps the summary within 65,535 characters', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const leases = Array.from({ length: 130 }, (_, i) => leaseYaml(`g-${i}`, 'c-globex', `185.50.0.${i}/32`, [64503])).join('---\n');
    const pr = openPull(fake, remote, 'many', { 'leases/leases/many.yaml': leases });
    const result = await githubCli(fake, ['check', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number));
    const [run] = fake.checkRunsFor(remote.sha('many')!);
    expect(run.annotations.length).toBeGreaterThan(100);
    expect(run.annotationBatches.every((n) => n <= 50)).toBe(true);
    expect(run.annotationBatches.reduce((a, b) => a + b, 0)).toBe(run.annotations.length);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.output.summary!.length).toBeLessThanOrEqual(65_535);
    expect(result.stdout).toMatch(new RegExp(`${run.annotations.length} annotation\\(s\\) in ${run.annotationBatches.length} request\\(s\\)`));
    expect(fake.rejected).toEqual([]);
  });

  it('checks the merge group head on merge_group events', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const sha = remote.commit('gh-readonly-queue/main/pr-1', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) }, 'queue');
    const checkout = remote.checkout(sha);
    const event = { name: 'merge_group', payload: { action: 'checks_requested', merge_group: { head_sha: sha, head_ref: 'refs/heads/gh-readonly-queue/main/pr-1', base_ref: 'refs/heads/main' } } };
    const result = await githubCli(fake, ['check', '--repo', checkout, '--at', AT], event);
    expect(result.code).toBe(0);
    expect(fake.checkRunsFor(sha)[0]).toMatchObject({ name: 'leasekit', conclusion: 'success' });
  });
});
