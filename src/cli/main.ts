import { describeFailure, UsageError } from '../errors.js';
import { neutralise } from '../render/text-safe.js';
import { suggest } from '../util/suggest.js';
import { packageVersion } from '../version.js';
import { runCommand, type CommandSpec } from './command.js';
import type { Io } from './common.js';

/**
 * Every command, in the order help lists them. A command's module is imported only when it
 * runs (or for help), so `validate` never loads Octokit, simple-git, handlebars or the providers.
 */
const COMMAND_MODULES: Record<string, () => Promise<CommandSpec>> = {
  init: async () => (await import('./init.js')).initCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
  explain: async () => (await import('./explain.js')).explainCommand,
  plan: async () => (await import('./plan.js')).planCommand,
  apply: async () => (await import('./apply.js')).applyCommand,
  import: async () => (await import('./import.js')).importCommand,
  providers: async () => (await import('./providers.js')).providersCommand,
  propose: async () => (await import('./propose.js')).proposeCommand,
  reconcile: async () => (await import('./reconcile.js')).reconcileCommand,
  report: async () => (await import('./report.js')).reportCommand,
  github: async () => (await import('./github.js')).githubCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  export: async () => (await import('./export.js')).exportCommand,
  loa: async () => (await import('./loa.js')).loaCommand,
};
const COMMAND_NAMES = Object.keys(COMMAND_MODULES);
const allCommands = () => Promise.all(COMMAND_NAMES.map((name) => COMMAND_MODULES[name]()));

/** Runs one command; every failure becomes a message and an exit code, never a stack trace. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    const failure = describeFailure(err);
    // each line neutralised and marked: a registry's or a record's text never starts a line, so
    // never a workflow command (the runner reads `::` after leading white space too)
    io.stderr(`leasekit: ${failure.message.split('\n').map(neutralise).join('\n  | ')}\n`);
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
    const topic = name === 'help' && rest[0] && Object.hasOwn(COMMAND_MODULES, rest[0]) ? await COMMAND_MODULES[rest[0]]() : undefined;
    if (topic) return runCommand(topic, ['--help'], io);
    io.stdout(globalHelp(await allCommands()));
    return name === undefined ? 2 : 0;
  }
  if (!Object.hasOwn(COMMAND_MODULES, name)) {
    const guess = suggest(name, COMMAND_NAMES);
    throw new UsageError(`unknown command '${name}'${guess ? `; did you mean '${guess}'?` : ''} (leasekit --help lists them)`);
  }
  return runCommand(await COMMAND_MODULES[name](), rest, io);
}

function globalHelp(COMMANDS: CommandSpec[]): string {
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
