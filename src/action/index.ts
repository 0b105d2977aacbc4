import { main, processIo } from '../cli/main.js';
import { InputError, argvFromInputs, input } from './inputs.js';
import { neutralise } from '../render/text-safe.js';

/**
 * Entry of the leasekit GitHub Action (action.yml, bundled into action/dist/index.js): runs one
 * leasekit command from the action's inputs and exits with its exit code.
 */
async function run(): Promise<number> {
  const token = input(process.env, 'github-token');
  if (token) {
    // one mask per line: a token with a newline must not smuggle a second workflow command
    for (const line of token.split(/\r?\n|\r/)) if (line.trim()) process.stdout.write(`::add-mask::${line}\n`);
    process.env.GITHUB_TOKEN ||= token;
  }
  let argv: string[];
  try {
    argv = argvFromInputs(process.env);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`::error::leasekit action: ${neutralise(err.message)}\n`);
    return 2;
  }
  return main(argv, processIo());
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`::error::leasekit action: internal error: ${neutralise(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 2;
  },
);
