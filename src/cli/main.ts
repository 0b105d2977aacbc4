import { describeFailure, UsageError } from '../errors.js';
import { suggest } from '../util/suggest.js';
import { packageVersion } from '../version.js';
import { applyCommand } from './apply.js';
import { exportCommand } from './export.js';
import { runCommand, type CommandSpec } from './command.js';
import type { Io } from './common.js';
import { githubCommand } from './github.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { loaCommand } from './loa.js';
import { planCommand } from './plan.js';
import { proposeCommand } from './propose.js';
import { reconcileCommand } from './reconcile.js';
import { validateCommand } from './validate.js';

/** Every command, in the order help lists them. */
const COMMANDS: CommandSpec[] = [initCommand, validateCommand, planCommand, applyCommand, importCommand, proposeCommand, reconcileCommand, githubCommand, exportCommand, loaCommand];

/** Runs one command; every failure becomes a message and an exit code, never a stack trace. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    const failure = describeFailure(err);
    io.stderr(`leasekit: ${failure.message}\n`);
    if (failure.internal && io.env.LEASEKIT_DEBUG) io.stderr(`${(err as Error)?.stack ?? ''}\n`);
    return failure.exitCode;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(`leasekit ${packageVersion()}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (topic) return runCommand(topic, ['--help'], io);
    io.stdout(globalHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const guess = suggest(name, COMMANDS.map((c) => c.name));
    throw new UsageError(`unknown command '${name}'${guess ? `; did you mean '${guess}'?` : ''} (leasekit --help lists them)`);
  }
  return runCommand(command, rest, io);
}

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  return [
    'usage: leasekit <command> [options]',
    '',
    'Lease-as-code for IPv4 space: validate lease records, plan and apply ROA and IRR route-object changes.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'leasekit <command> --help shows its options, environment variables and examples.',
    'leasekit --version prints the version.',
    '',
  ].join('\n');
}

export function processIo(): Io {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    cwd: process.cwd(),
    prompt: async (question) => {
      const readline = await import('node:readline/promises');
      const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
}
