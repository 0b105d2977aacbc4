import { afterEach, describe, expect, it } from 'vitest';
import { createGithubClient, type Github } from '../../src/github/client.js';
import { BOT_TOKEN, LIMITS, type GithubFake } from '../fakes/github.js';
import type { GitRemote } from '../fakes/git-remote.js';
import { GATE_REPO, startGithub } from '../helpers/github.js';

let fake: GithubFake;
let remote: GitRemote;
let github: Github;
const repo = { owner: 'example', repo: 'leases' };

async function setUp(): Promise<void> {
  ({ fake, remote } = await startGithub(GATE_REPO));
  github = createGithubClient({ token: BOT_TOKEN, baseUrl: fake.url, throttle: false, retryBaseMs: 1, retries: 0 });
}

afterEach(async () => fake?.stop());

const status = async (p: Promise<unknown>) => p.then(() => 200, (err: { status: number }) => err.status);

describe('fake GitHub: validation against the OpenAPI extract and the unwritten limits', () => {
  it('refuses a comment over 65,536 characters with GitHub\'s 422, and accepts one at the limit', async () => {
    await setUp();
    remote.commit('b', { 'x.txt': 'x' }, 'x');
    const pr = fake.openPull({ head: 'b' });
    const at = await github.rest.issues.createComment({ ...repo, issue_number: pr.number, body: 'a'.repeat(LIMITS.commentBody) });
    expect(at.status).toBe(201);
    const over = await github.rest.issues.createComment({ ...repo, issue_number: pr.number, body: 'a'.repeat(LIMITS.commentBody + 1) }).catch((e) => e);
    expect(over.status).toBe(422);
    expect(over.message).toContain('Body is too long (maximum is 65536 characters)');
  });

  it('refuses 51 annotations, a 65,536-character summary and a bad conclusion (the schema\'s own limits)', async () => {
    await setUp();
    const sha = remote.sha('main')!;
    const annotation = { path: 'a', start_line: 1, end_line: 1, annotation_level: 'warning' as const, message: 'm' };
    const output = (n: number, summary = 's') => ({ title: 't', summary, annotations: Array.from({ length: n }, () => annotation) });
    expect(await status(github.rest.checks.create({ ...repo, name: 'x', head_sha: sha, output: output(50) }))).toBe(200);
    expect(await status(github.rest.checks.create({ ...repo, name: 'x', head_sha: sha, output: output(51) }))).toBe(422);
    expect(await status(github.rest.checks.create({ ...repo, name: 'x', head_sha: sha, output: output(1, 's'.repeat(65_536)) }))).toBe(422);
    expect(await status(github.rest.checks.create({ ...repo, name: 'x', head_sha: sha, conclusion: 'great' as never }))).toBe(422);
    expect(fake.rejected.map((r) => r.status)).toEqual([422, 422, 422]);
  });

  it('refuses a commit status description over 140 characters', async () => {
    await setUp();
    const sha = remote.sha('main')!;
    expect(await status(github.rest.repos.createCommitStatus({ ...repo, sha, state: 'success', description: 'd'.repeat(140) }))).toBe(200);
    expect(await status(github.rest.repos.createCommitStatus({ ...repo, sha, state: 'success', description: 'd'.repeat(141) }))).toBe(422);
    expect(await status(github.rest.repos.createCommitStatus({ ...repo, sha, state: 'fine' as never }))).toBe(422);
  });

  it('answers 401 without a known token and 404 for routes it does not know', async () => {
    await setUp();
    const stranger = createGithubClient({ token: 'nope', baseUrl: fake.url, throttle: false, retries: 0 });
    expect(await status(stranger.rest.repos.get(repo))).toBe(401);
    expect(await status(github.request('GET /repos/{owner}/{repo}/releases', repo))).toBe(404);
    expect(await status(github.rest.repos.get({ owner: 'other', repo: 'leases' }))).toBe(404);
  });

  it('paginates with Link headers that octokit.paginate follows', async () => {
    await setUp();
    remote.commit('b', { 'x.txt': 'x' }, 'x');
    const pr = fake.openPull({ head: 'b' });
    for (let i = 0; i < 7; i++) fake.addComment(pr.number, 'someone', `comment ${i}`);
    const page = await github.rest.issues.listComments({ ...repo, issue_number: pr.number, per_page: 3 });
    expect(page.data).toHaveLength(3);
    expect(page.headers.link).toContain('rel="next"');
    const all = await github.paginate(github.rest.issues.listComments, { ...repo, issue_number: pr.number, per_page: 3 });
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 7 }, (_, i) => `comment ${i}`));
  });

  it('serves content, pull-request files, refs and merges from the bare git remote', async () => {
    await setUp();
    remote.commit('feature', { 'leases/leases/new.yaml': 'kind: lease\n', 'leases/leases/acme.yaml': null }, 'change');
    const pr = await github.rest.pulls.create({ ...repo, head: 'feature', base: 'main', title: 'Feature' });
    const files = await github.paginate(github.rest.pulls.listFiles, { ...repo, pull_number: pr.data.number, per_page: 1 });
    expect(files.map((f) => [f.filename, f.status]).sort()).toEqual([['leases/leases/acme.yaml', 'removed'], ['leases/leases/new.yaml', 'added']]);
    const raw = await github.rest.repos.getContent({ ...repo, path: 'leases/leases/new.yaml', ref: pr.data.head.sha, mediaType: { format: 'raw' } });
    expect(raw.data).toBe('kind: lease\n');
    const json = await github.rest.repos.getContent({ ...repo, path: 'leases/leases/acme.yaml' });
    expect(Buffer.from((json.data as { content: string }).content, 'base64').toString()).toBe(GATE_REPO['leases/leases/acme.yaml']);
    expect(await status(github.rest.repos.getContent({ ...repo, path: 'leases/leases/acme.yaml', ref: 'feature' }))).toBe(404);
    const dir = await github.rest.repos.getContent({ ...repo, path: 'leases' });
    expect((dir.data as Array<{ name: string }>).map((e) => e.name).sort()).toEqual(['contracts.yaml', 'holdings.yaml', 'leases', 'parties.yaml']);
    expect(await status(github.rest.pulls.create({ ...repo, head: 'feature', base: 'main', title: 'again' }))).toBe(422);

    const merge = fake.mergePull(pr.data.number);
    const associated = await github.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: merge });
    expect(associated.data.map((p) => [p.number, p.merge_commit_sha])).toEqual([[pr.data.number, merge]]);
    expect((await github.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha).toBe(merge);

    await github.rest.git.createRef({ ...repo, ref: 'refs/heads/copy', sha: merge });
    expect(await status(github.rest.git.createRef({ ...repo, ref: 'refs/heads/copy', sha: merge }))).toBe(422);
    expect(remote.branches()).toContain('copy');
  });

  it('keeps issues, labels and pull-request updates for the automation that opens them', async () => {
    await setUp();
    const issue = await github.rest.issues.create({ ...repo, title: 'drift', body: 'b', labels: ['leasekit:drift'] });
    await github.rest.issues.update({ ...repo, issue_number: issue.data.number, body: 'b2' });
    const found = await github.rest.issues.listForRepo({ ...repo, labels: 'leasekit:drift' });
    expect(found.data.map((i) => [i.number, i.body])).toEqual([[issue.data.number, 'b2']]);
    await github.rest.issues.addLabels({ ...repo, issue_number: issue.data.number, labels: ['x'] });
    expect(fake.issues.get(issue.data.number)!.labels).toEqual(['leasekit:drift', 'x']);
    expect(await status(github.rest.issues.addLabels({ ...repo, issue_number: issue.data.number, labels: [] }))).toBe(422);
  });

  it('fails the next requests on demand, for retry tests', async () => {
    await setUp();
    fake.failNext(1, 502, { operationId: 'repos/get' });
    expect(await status(github.rest.repos.get(repo))).toBe(502);
    expect(await status(github.rest.repos.get(repo))).toBe(200);
  });
});
