// Files read through the GitHub API for `github conflicts` get the loader's 1 MiB cap, like local files.
import { afterEach, describe, expect, it } from 'vitest';
import type { GitRemote } from '../fakes/git-remote.js';
import type { GithubFake } from '../fakes/github.js';
import { GATE_REPO, githubCli, leaseYaml, openPull, pullEvent, startGithub } from '../helpers/github.js';

let fake: GithubFake | undefined;
let remote: GitRemote;
afterEach(async () => fake?.stop());

describe('github conflicts and oversized files in other pull requests', () => {
  it('does not parse another pull request\'s file over 1 MiB (150k keys), and still finds real overlaps', async () => {
    ({ fake, remote } = await startGithub(GATE_REPO));
    const ours = openPull(fake, remote, 'acme-2', { 'leases/leases/acme-2.yaml': leaseYaml('acme-2', 'c-acme', '185.50.2.0/24', [64501]) });
    const keys = Array.from({ length: 150_000 }, (_, i) => `x${i.toString(36)}: 0`).join('\n');
    const huge = `${leaseYaml('globex-3', 'c-globex', '185.50.2.0/25', [64503])}${keys}\n`;
    expect(Buffer.byteLength(huge)).toBeGreaterThan(1024 * 1024);
    openPull(fake, remote, 'globex-3', { 'leases/leases/globex-3.yaml': huge });
    const overlapping = openPull(fake, remote, 'initech-4', { 'leases/leases/initech-4.yaml': leaseYaml('initech-4', 'c-globex', '185.50.2.128/25', [64503]) });
    const started = Date.now();
    const result = await githubCli(fake, ['conflicts', '--repo', ours.checkout, '--format', 'text'], pullEvent(fake, ours.number));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.stderr).not.toMatch(/internal error|call stack/);
    expect(result.stdout).not.toMatch(/globex-3/); // refused unread, as validate refuses it in its own pull request
    expect(result.stdout).toMatch(new RegExp(`overlaps lease 'initech-4' .*open pull request #${overlapping.number}`));
    expect(result.code).toBe(1);
  }, 60_000);
});
