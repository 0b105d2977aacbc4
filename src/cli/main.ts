import { RepositoryError } from '../repo/load.js';
import { LockedError } from '../providers/file-lock.js';
import { ProviderError } from '../providers/types.js';
import { UsageError } from './args.js';
import { LoaRefused } from '../loa/facts.js';
import { RegisterError } from '../loa/register.js';
import { TemplateError } from '../loa/render.js';
import type { Io } from './common.js';
import { runApply } from './apply.js';
import { runExport } from './export.js';
import { GITHUB_USAGE, runGithub } from './github.js';
import { runImport } from './import.js';
import { LOA_USAGE, runLoa } from './loa.js';
import { runPlan } from './plan.js';
import { PROPOSE_USAGE, runPropose } from './propose.js';
import { RECONCILE_USAGE, runReconcile } from './reconcile.js';
import { runValidate } from './validate.js';

type Command = (argv: readonly string[], io: Io) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: runValidate,
  plan: runPlan,
  apply: runApply,
  github: runGithub,
  import: runImport,
  propose: runPropose,
  reconcile: runReconcile,
  export: runExport,
  loa: runLoa,
};

const USAGE = `usage: leasekit <command> [--repo DIR] [--at YYYY-MM-DD] [--format FORMAT]

commands:
  validate   check the lease records (exit 0 ok, 1 findings, 2 usage)
  plan       show the registry changes the records imply on --at
             [--format text|json|markdown] [--out FILE] [--detailed-exitcode] [--verify]
  apply      carry out the plan [--plan FILE | --fingerprint SHA] [--yes] [--dry-run] [--force] [--settle SECONDS]
  export     the desired state of --at for routers and finance: --format slurm|bird|rpsl|csv [--out FILE]
  import     draft records from the ROAs a registry already holds: --provider NAME [--out DIR]
${GITHUB_USAGE}${PROPOSE_USAGE}${RECONCILE_USAGE}${LOA_USAGE}`;

/** Runs one command; every failure becomes a message and an exit code, never a stack trace. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout(USAGE);
    return 0;
  }
  if (!command) {
    io.stderr(`leasekit: unknown command '${name}'\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    return reportFailure(err, io);
  }
}

function reportFailure(err: unknown, io: Io): number {
  if (err instanceof UsageError || err instanceof RepositoryError || err instanceof RegisterError || err instanceof TemplateError) {
    io.stderr(`leasekit: ${err.message}\n`);
    return 2;
  }
  if (err instanceof ProviderError || err instanceof LockedError || err instanceof LoaRefused) {
    io.stderr(`leasekit: ${err.message}\n`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr(`leasekit: internal error: ${message}\n`);
  if (io.env.LEASEKIT_DEBUG) io.stderr(`${(err as Error)?.stack ?? ''}\n`);
  return 2;
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
