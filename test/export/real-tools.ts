import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { describe, it } from 'vitest';

/**
 * Runs `body` as a describe block when `program` is installed. Missing in CI (`CI` set) is
 * a failure, not a skip: the interop checks are the point of these tests.
 */
export function describeWithProgram(program: string, title: string, body: () => void): void {
  if (fs.existsSync(program)) {
    describe(title, body);
    return;
  }
  if (process.env.CI) {
    describe(title, () => {
      it(`needs ${program}`, () => {
        throw new Error(`${program} is not installed; .ci/run installs it (Debian bird2, stayrtr, poppler-utils)`);
      });
    });
    return;
  }
  describe.skip(`${title} (skipped: ${program} is not installed)`, body);
}

export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion with a bounded wait; never throws on a non-zero exit. */
export function run(program: string, args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd: options.cwd, timeout: options.timeoutMs ?? 10_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** A long-running program whose combined output is collected; stop() kills it by its pid. */
export interface Daemon {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  stop: () => Promise<void>;
}

export function startDaemon(program: string, args: string[], cwd?: string): Daemon {
  const child = spawn(program, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d) => (text += String(d)));
  child.stderr!.on('data', (d) => (text += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => text,
    waitFor: async (pattern, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(text);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${program} did not print ${pattern} (exit ${child.exitCode}):\n${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      process.kill(child.pid, 'SIGTERM');
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
      if (!killed) process.kill(child.pid, 'SIGKILL');
    },
  };
}

/** Polls until `check` holds, within a bounded time. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
