import { simpleGit, type SimpleGit } from 'simple-git';
import { UsageError } from '../errors.js';

/** The identity bot commits carry when neither LEASEKIT_GIT_USER_* nor git's own config names one. */
export const BOT_IDENTITY = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' } as const;

// simple-git 4 strips these from the ambient environment and throws when they are passed to .env()
const GUARDED = /^(GIT_.*|EDITOR|VISUAL|PAGER|PREFIX|SSH_ASKPASS)$/;

export interface GitSession {
  /** A simple-git instance for `dir` with the session's environment and identity. */
  at(dir: string): SimpleGit;
}

/**
 * Git for the working copy at `root`, run with the caller's environment (the CLI's io.env, so a
 * test's temporary HOME isolates it) less the variables simple-git refuses. The commit identity
 * goes in as `-c user.name/user.email` config, never as GIT_AUTHOR_* variables, which simple-git 4 strips.
 */
export async function openGit(root: string, env: NodeJS.ProcessEnv): Promise<GitSession> {
  const childEnv = Object.fromEntries(Object.entries(env).filter(([key, value]) => value !== undefined && !GUARDED.test(key)));
  const plain = simpleGit({ baseDir: root }).env(childEnv);
  if (!(await plain.checkIsRepo().catch(() => false))) throw new UsageError(`${root} is not a git working copy: propose and reconcile commit to branches of its origin`);
  const config = await identityConfig(plain, env);
  return { at: (dir) => simpleGit({ baseDir: dir, config }).env(childEnv) };
}

async function identityConfig(git: SimpleGit, env: NodeJS.ProcessEnv): Promise<string[]> {
  const configured = async (key: string) => (await git.getConfig(key).catch(() => ({ value: null }))).value ?? undefined;
  const name = env.LEASEKIT_GIT_USER_NAME || (await configured('user.name')) || BOT_IDENTITY.name;
  const email = env.LEASEKIT_GIT_USER_EMAIL || (await configured('user.email')) || BOT_IDENTITY.email;
  return [`user.name=${name}`, `user.email=${email}`];
}
