import { afterEach, describe, expect, it } from 'vitest';
import { partOf } from '../../src/github/sticky-comment.js';
import { BOT_LOGIN, type GithubFake } from '../fakes/github.js';
import type { GitRemote } from '../fakes/git-remote.js';
import { GATE_REPO, githubCli, leaseYaml, openPull, pullEvent, startGithub } from '../helpers/github.js';

let fake: GithubFake;
let remote: GitRemote;
const AT = '2026-06-01';

afterEach(async () => fake?.stop());

const botComments = (number: number) => fake.commentsOn(number).filter((c) => c.user.login === BOT_LOGIN);

/** `count` /24 leases for Globex from 185.52.0.0 on: a plan of 2 changes each (ROA and route object). */
function manyLeases(count: number): string {
  return Array.from({ length: count }, (_, i) => leaseYaml(`bulk-${i}`, 'c-globex', `185.${52 + Math.floor(i / 256)}.${i % 256}.0/24`, [64503])).join('---\n');
}

describe('leasekit github comment: one sticky plan comment per pull request', () => {
  it('run twice leaves exactly one comment, updated in place, with the plan and its fingerprint', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const pr = openPull(fake, remote, 'globex-2', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    const first = await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number));
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('1 created');
    const [comment] = botComments(pr.number);
    expect(comment.body.startsWith('<!-- leasekit:plan -->\n')).toBe(true);
    const fingerprint = /sha256:[0-9a-f]{64}/.exec(comment.body)?.[0];
    expect(fingerprint).toBeDefined();
    // the approval record is data on the gate's check run, not a line of the comment
    const [approval] = fake.checkRunsFor(remote.sha('globex-2')!).filter((r) => r.name === 'leasekit plan');
    expect(JSON.parse(approval.externalId!.replace(/^leasekit-approval\/1 /, ''))).toMatchObject({ at: AT, fingerprint, pull: pr.number, fork: false });
    expect(approval.app?.slug).toBe('github-actions');
    expect(comment.body).toContain('+ roa    185.50.1.0/24 max 24 AS64503');

    const second = await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', '2026-06-02'], pullEvent(fake, pr.number));
    expect(second.stdout).toContain('1 updated');
    expect(fake.commentsOn(pr.number)).toHaveLength(1);
    expect(fake.commentsOn(pr.number)[0]).toMatchObject({ id: comment.id });
    expect(fake.commentsOn(pr.number)[0].body).toContain('plan for 2026\\-06\\-02');
    expect(fake.rejected).toEqual([]);
  });

  it('leaves a spoofed marker comment by someone else alone and posts its own', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const pr = openPull(fake, remote, 'globex-2', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    const fakeFingerprint = `<!-- leasekit:plan -->\n<!-- leasekit:plan-fingerprint at=2026-06-01 fingerprint=sha256:${'0'.repeat(64)} -->\nlooks legit`;
    const spoof = fake.addComment(pr.number, 'mallory', fakeFingerprint);
    const botLookalike = fake.addComment(pr.number, 'github-actions', fakeFingerprint);
    await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number));
    await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number));
    expect(fake.comments.get(spoof.id)!.body).toBe(fakeFingerprint);
    expect(fake.comments.get(botLookalike.id)!.body).toBe(fakeFingerprint);
    expect(fake.commentsOn(pr.number)).toHaveLength(3);
    expect(botComments(pr.number)).toHaveLength(1);
    const writes = fake.server.writes().map((r) => r.path);
    expect(writes.some((p) => p.endsWith(`/comments/${spoof.id}`) || p.endsWith(`/comments/${botLookalike.id}`))).toBe(false);
  });

  it('splits a 3,000-lease plan into parts that each fit, then removes the extra parts when the plan shrinks', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const pr = openPull(fake, remote, 'bulk', { 'leases/leases/bulk.yaml': manyLeases(3000) });
    const big = await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number));
    expect(big.code).toBe(0);
    const parts = botComments(pr.number);
    expect(parts.length).toBeGreaterThan(3);
    expect(fake.rejected).toEqual([]);
    parts.forEach((c, i) => {
      expect(c.body.length).toBeLessThanOrEqual(65_536);
      expect(partOf('leasekit:plan', c.body)).toBe(i + 1);
      expect(c.body.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0); // fences closed in every part
      expect(count(c.body, '<details')).toBe(count(c.body, '</details>'));
    });
    expect(parts.at(-1)!.body).toContain('fingerprint `sha256:');
    const leaseRoas = parts.flatMap((c) => c.body.split('\n').filter((l) => /^\+ roa {4}185\.(5[2-9]|6\d)\./.test(l)));
    expect(leaseRoas).toHaveLength(3000); // every lease's ROA made it into some part

    remote.commit('bulk', { 'leases/leases/bulk.yaml': manyLeases(10) }, 'fewer leases');
    const small = openCheckout(pr.number);
    const after = await githubCli(fake, ['comment', '--repo', small, '--at', AT], pullEvent(fake, pr.number));
    expect(after.stdout).toMatch(/1 part\(s\); 0 created, 1 updated, 0 unchanged, \d+ deleted/);
    expect(botComments(pr.number)).toHaveLength(1);
    expect(botComments(pr.number)[0].id).toBe(parts[0].id);
  });

  it('recovers from 502s and a secondary rate limit on the way', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const pr = openPull(fake, remote, 'globex-2', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    // reads wait out the rate limit at once; writes would be held 1-3 s apart by the throttling queues
    fake.secondaryRateLimitNext(1, { operationId: 'issues/list-comments' });
    fake.failNext(2, 502, { operationId: 'issues/create-comment' });
    const result = await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number), { LEASEKIT_GITHUB_THROTTLE: 'on' });
    expect(result.code).toBe(0);
    expect(botComments(pr.number)).toHaveLength(1);
    expect(result.stderr).toContain('secondary rate limit');
  });

  it('says what went wrong when GitHub refuses, without the token', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const pr = openPull(fake, remote, 'globex-2', { 'leases/leases/globex.yaml': leaseYaml('globex-2', 'c-globex', '185.50.1.0/24', [64503]) });
    fake.failNext(1, 404, { operationId: 'issues/list-comments', message: 'Not Found' });
    const result = await githubCli(fake, ['comment', '--repo', pr.checkout, '--at', AT], pullEvent(fake, pr.number));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/GitHub answered 404 to GET \/repos\/example\/leases\/issues\/\d+\/comments/);
    expect(result.stderr + result.stdout).not.toContain('ghs_fake_bot_token');
  });

  it('does nothing outside a pull request', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const result = await githubCli(fake, ['comment', '--repo', '.'], { name: 'push', payload: fake.pushEvent('main', remote.sha('main')!) });
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('nothing to do');
    expect(fake.server.requests).toHaveLength(0);
  });
});

function openCheckout(number: number): string {
  const pull = fake.issues.get(number)!.pull!;
  return remote.checkout(remote.testMerge(pull.base, pull.head));
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
