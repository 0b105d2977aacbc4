import type { Github } from './client.js';
import type { RepoRef } from './context.js';

/** The configuration file a pull request may change but never plans with. */
export const CONFIG_FILE = 'leasekit.yaml';

/**
 * Whether the pull request changes leasekit.yaml, as GitHub lists its files. The gate plans with
 * the base branch's configuration (a pull request's could send registry credentials to any host),
 * so such a pull request is planned against the old settings and its comment says so.
 */
export async function changesConfig(github: Github, repo: RepoRef, pull: number): Promise<boolean> {
  const files = await github.paginate(github.rest.pulls.listFiles, { ...repo, pull_number: pull, per_page: 100 });
  return files.some((f) => f.filename === CONFIG_FILE || f.previous_filename === CONFIG_FILE);
}

export const CONFIG_NOTE =
  "> :warning: This pull request changes `leasekit.yaml`. The plan above was made with the base branch's settings: a pull request's settings are never used with registry credentials. The new settings take effect once merged, and the apply job refuses if they change the plan.\n";
