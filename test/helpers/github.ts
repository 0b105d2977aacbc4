import fs from 'node:fs';
import path from 'node:path';
import { GitRemote } from '../fakes/git-remote.js';
import { GithubFake } from '../fakes/github.js';
import { EXAMPLE_ROOT, cli, type CliResult } from './repo.js';

/** Our client without throttling and with 1 ms back-off units: retries still happen, fast. */
export const FAST_CLIENT = { LEASEKIT_GITHUB_THROTTLE: 'off', LEASEKIT_GITHUB_RETRY_BASE_MS: '1' } as const;

/** The example repository's record files as path -> text, for a GitRemote. */
export function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    const full = path.join(EXAMPLE_ROOT, rel);
    if (fs.statSync(full).isDirectory()) for (const name of fs.readdirSync(full)) walk(path.posix.join(rel, name));
    else files[rel] = fs.readFileSync(full, 'utf8');
  };
  for (const entry of ['leases', 'documents', 'leasekit.yaml']) walk(entry);
  return files;
}

/** A fake GitHub whose repository is a bare git remote holding `files` on main. */
export async function startGithub(files: Record<string, string> = exampleFiles()): Promise<{ fake: GithubFake; remote: GitRemote }> {
  const remote = GitRemote.create(files);
  const fake = new GithubFake({ remote });
  await fake.start();
  return { fake, remote };
}

/** A pull request from a new branch that changes `files`, and the test merge a `pull_request` run checks out. */
export function openPull(fake: GithubFake, remote: GitRemote, branch: string, files: Record<string, string | null>, title = `Add ${branch}`) {
  remote.commit(branch, files, title);
  const pull = fake.openPull({ head: branch, title });
  return { number: pull.number, checkout: remote.checkout(remote.testMerge('main', branch)) };
}

/** `leasekit github …` as a pull_request workflow step of pull request `number` would run it. */
export function githubCli(fake: GithubFake, args: string[], event: { name: string; payload: Record<string, unknown> }, extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const env = { ...fake.eventEnv(event.name, event.payload), ...FAST_CLIENT, ...extraEnv };
  return cli(['github', ...args], { env });
}

export function pullEvent(fake: GithubFake, number: number) {
  return { name: 'pull_request', payload: fake.pullRequestEvent(number) };
}

/** A lease file; `terms` adds start/end lines. */
export function leaseYaml(id: string, contract: string, prefix: string, origins: number[], terms = ''): string {
  return `kind: lease\nid: ${id}\ncontract: ${contract}\nprefix: ${prefix}\norigins: [${origins.join(', ')}]\n${terms}`;
}

/** A small lessor with free space in 185.48.0.0/12 and the local registry: the pull-request tests' repository. */
export const GATE_REPO: Record<string, string> = {
  'leasekit.yaml': 'policy:\n  quarantineDays: 30\n  allowDocumentationSpace: true\nproviders:\n  local:\n    type: local\n    path: state/local-registry.json\n',
  'leases/parties.yaml': [
    'kind: party\nid: us\nname: Us\nself: true\nasns: [64500]\nirrMaintainer: US-MNT',
    'kind: party\nid: acme\nname: Acme\nasns: [64501]',
    'kind: party\nid: globex\nname: Globex\nasns: [64503]',
  ].join('\n---\n') + '\n',
  'leases/holdings.yaml': 'kind: holding\nid: h1\nprefix: 185.48.0.0/12\nregistry: ripe\nsource: allocation\nrpki: { provider: local, as0: true }\nirr: { provider: local, maintainer: US-MNT }\n',
  'leases/contracts.yaml': [
    'kind: contract\nid: c-acme\ndirection: outbound\ncounterparty: acme\nstart: 2026-01-01\nend: 2028-01-01',
    'kind: contract\nid: c-globex\ndirection: outbound\ncounterparty: globex\nstart: 2026-01-01',
  ].join('\n---\n') + '\n',
  'leases/leases/acme.yaml': 'kind: lease\nid: acme-1\ncontract: c-acme\nprefix: 185.50.0.0/24\norigins: [64501]\n',
};
