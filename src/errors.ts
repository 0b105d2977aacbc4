/**
 * The errors a user can cause, each carrying the exit code it ends the run with, and the one
 * mapper that turns any thrown value into a message and an exit code. Every layer throws these;
 * only the CLI catches them, so no layer below it needs to know about the CLI.
 *
 * Exit codes (docs/format.md, "Exit codes"): 0 success, 1 findings or a refusal that fails the
 * run, 2 a usage error, an unreadable repository, or an internal failure.
 */
export abstract class LeasekitError extends Error {
  abstract readonly exitCode: 1 | 2;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line is wrong: an unknown flag, a bad value, a missing argument. Exit 2. */
export class UsageError extends LeasekitError {
  readonly exitCode = 2;
}

/** The repository cannot be read as a lease repository at all. Exit 2. */
export class RepositoryError extends LeasekitError {
  readonly exitCode = 2;
}

/**
 * The run was refused or failed on something the user can fix in their records, a registry or
 * GitHub: a registry refusal, a held lock, a branch that cannot be written. Exit 1.
 */
export class RefusalError extends LeasekitError {
  readonly exitCode = 1;
}

export interface Failure {
  exitCode: 1 | 2;
  message: string;
  /** A bug in leasekit, not a problem with the input: the stack is worth printing on request. */
  internal: boolean;
}

/** What went wrong, as one line for the user and an exit code; never a stack trace. */
export function describeFailure(err: unknown): Failure {
  if (err instanceof LeasekitError) return { exitCode: err.exitCode, message: err.message, internal: false };
  const github = githubFailure(err);
  if (github) return { exitCode: 2, message: github, internal: false };
  if (err instanceof Error && err.name === 'GitError') {
    return { exitCode: 2, message: `git failed: ${err.message.trim().split('\n').slice(0, 3).join(' ')}`, internal: false };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { exitCode: 2, message: `internal error: ${message}`, internal: true };
}

/** Octokit's request errors carry the status and the request, never the token. */
function githubFailure(err: unknown): string | undefined {
  const e = err as { status?: unknown; request?: { method?: string; url?: string }; message?: string };
  if (typeof e?.status !== 'number' || !e.request) return undefined;
  const where = e.request.url ? new URL(e.request.url).pathname : '';
  return `GitHub answered ${e.status} to ${e.request.method ?? ''} ${where}: ${e.message ?? ''}`;
}
