// Real programs as test judges: find them (fail in CI when missing, skip with a reason
// elsewhere), start them on 127.0.0.1, wait with a bound, stop them by pid.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const TOOLS = { bird: '/usr/sbin/bird', birdc: '/usr/sbin/birdc', stayrtr: '/usr/bin/stayrtr', bgpdump: '/usr/bin/bgpdump' } as const;

/** Why the tools cannot run here, or undefined when they can. In CI a missing tool is a failure, not a skip. */
export function missingTools(names: ReadonlyArray<keyof typeof TOOLS>): string | undefined {
  const missing = names.filter((n) => !fs.existsSync(TOOLS[n]));
  if (missing.length === 0) return undefined;
  const reason = `${missing.map((n) => TOOLS[n]).join(', ')} not installed (Debian: apt-get install bird2 stayrtr bgpdump)`;
  if (process.env.CI) throw new Error(`CI is set and ${reason}`);
  return reason;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Processes started by one test file, stopped by their pids. */
export class Processes {
  readonly #children: ChildProcess[] = [];

  start(command: string, args: string[], cwd: string, logName: string): ChildProcess {
    const log = fs.openSync(path.join(cwd, logName), 'a');
    const child = spawn(command, args, { cwd, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    this.#children.push(child);
    return child;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.#children.map((c) => stop(c)));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Polls `check` until it returns a value, for at most `ms`; the error says what never happened. */
export async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function run(command: string, args: string[], timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 1 << 28 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(command)} ${args.join(' ')}: ${err.message} ${stderr}`));
      else resolve(stdout);
    });
  });
}

export function birdc(socket: string, command: string): Promise<string> {
  return run(TOOLS.birdc, ['-s', socket, command]);
}

/** Starts BIRD in the foreground with its own socket and pid file in `dir`. */
export function startBird(processes: Processes, dir: string, name: string, config: string): string {
  fs.writeFileSync(path.join(dir, `${name}.conf`), config);
  const socket = path.join(dir, `${name}.sock`);
  processes.start(TOOLS.bird, ['-f', '-c', `${name}.conf`, '-s', socket, '-P', `${name}.pid`], dir, `${name}.log`);
  return socket;
}

/** The prefixes `birdc show route` lists (the first route line of each network). */
export function listedPrefixes(output: string): string[] {
  return [...output.matchAll(/^(\d+\.\d+\.\d+\.\d+\/\d+)\s/gm)].map((m) => m[1]);
}
