import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArtifactError, readArtifact, writeArtifact, type PlanArtifact } from '../../src/github/artifact.js';
import { BOT_LOGIN, type GithubFake } from '../fakes/github.js';
import type { GitRemote } from '../fakes/git-remote.js';
import { GATE_REPO, githubCli, startGithub } from '../helpers/github.js';

let fake: GithubFake;
let remote: GitRemote;

afterEach(async () => fake?.stop());

function artifact(headSha: string, pullRequest: number, overrides: Partial<PlanArtifact> = {}): PlanArtifact {
  return {
    version: 1,
    pullRequest,
    headSha,
    at: '2026-06-01',
    records: 3,
    diagnostics: [{ severity: 'error', code: 'lease-overlap', message: 'x <img src=x onerror=alert(1)> @org/team ```\n# heading', file: 'leases/a.yaml', line: 4, column: 9 }],
    violations: [],
    conflicts: [],
    ...overrides,
  };
}

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-artifact-'));
/** A workflow_run payload as GitHub sends it for a fork's run: no pull_requests, only head sha, branch and repository. */
const runEvent = (headSha: string, branch = 'fork') => ({
  name: 'workflow_run',
  payload: { workflow_run: { head_sha: headSha, head_branch: branch, head_repository: { full_name: 'mallory/leases' }, event: 'pull_request', pull_requests: [] } },
});

describe('plan artifact from a fork: data only', () => {
  it('round-trips and refuses anything off its schema', () => {
    const sha = 'a'.repeat(40);
    const file = writeArtifact(dir(), artifact(sha, 1));
    expect(readArtifact(file).headSha).toBe(sha);
    const tampered = JSON.parse(fs.readFileSync(file, 'utf8'));
    tampered.diagnostics[0].severity = 'info';
    fs.writeFileSync(file, JSON.stringify(tampered));
    expect(() => readArtifact(file)).toThrow(ArtifactError);
    fs.writeFileSync(file, JSON.stringify({ ...artifact(sha, 1), run: 'rm -rf /' }));
    expect(() => readArtifact(file)).toThrow(/not a leasekit plan artifact/);
    fs.writeFileSync(file, '{not json');
    expect(() => readArtifact(file)).toThrow(/cannot read/);
  });

  it('is posted escaped, as the author-checked sticky comment and a check run', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const sha = remote.commit('fork', { 'x.txt': 'x' }, 'fork change');
    const pr = fake.openPull({ head: 'fork', headRepo: 'mallory/leases' });
    const file = writeArtifact(dir(), artifact(sha, pr.number));
    expect((await githubCli(fake, ['comment', '--artifact', file], runEvent(sha))).code).toBe(0);
    const [comment] = fake.commentsOn(pr.number).filter((c) => c.user.login === BOT_LOGIN);
    expect(comment.body).not.toContain('<img');
    expect(comment.body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(comment.body).toContain('@\u200borg/team');
    expect(comment.body.match(/```/g) ?? []).toHaveLength(0);
    expect((await githubCli(fake, ['check', '--artifact', file], runEvent(sha))).code).toBe(0);
    expect(fake.checkRunsFor(sha)[0]).toMatchObject({ conclusion: 'failure' });
  });

  it('is refused when it names another commit than the pull request or the run', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const sha = remote.commit('fork', { 'x.txt': 'x' }, 'fork change');
    const pr = fake.openPull({ head: 'fork', headRepo: 'mallory/leases' });
    const other = remote.commit('other', { 'y.txt': 'y' }, 'other');
    const stale = writeArtifact(dir(), artifact(other, pr.number));
    const wrongPull = await githubCli(fake, ['comment', '--artifact', stale], runEvent(other, 'other'));
    expect(wrongPull.code).toBe(1);
    expect(wrongPull.stderr).toContain(`belongs to 0 open pull requests`);
    const wrongRun = await githubCli(fake, ['comment', '--artifact', writeArtifact(dir(), artifact(sha, pr.number))], runEvent(other));
    expect(wrongRun.code).toBe(1);
    expect(fake.commentsOn(pr.number)).toEqual([]);
  });

  it('summary appends the plan to $GITHUB_STEP_SUMMARY without hidden markers', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const summary = path.join(dir(), 'summary.md');
    const checkout = remote.checkout('main');
    const result = await githubCli(fake, ['summary', '--repo', checkout, '--at', '2026-06-01'], { name: 'push', payload: {} }, { GITHUB_STEP_SUMMARY: summary });
    expect(result.code).toBe(0);
    const text = fs.readFileSync(summary, 'utf8');
    expect(text.startsWith('### leasekit plan for')).toBe(true);
    expect(text).not.toContain('<!--');
  });
});
