import { BranchRefusal } from '../git/branch-commit.js';

/**
 * What went wrong talking to GitHub or git, as one line for the user (exit 2), or undefined for
 * anything else. Octokit's messages carry no token; git's are cut to their first lines.
 */
export function describeFailure(err: unknown): string | undefined {
  const e = err as { status?: unknown; request?: { method?: string; url?: string }; message?: string; task?: unknown };
  if (typeof e?.status === 'number' && e.request) {
    const where = e.request.url ? new URL(e.request.url).pathname : '';
    return `GitHub answered ${e.status} to ${e.request.method ?? ''} ${where}: ${e.message ?? ''}`;
  }
  if (err instanceof Error && err.name === 'GitError') return `git failed: ${err.message.trim().split('\n').slice(0, 3).join(' ')}`;
  return undefined;
}

/** Findings, not failures: exit 1. */
export function isRefusal(err: unknown): boolean {
  return err instanceof BranchRefusal;
}
