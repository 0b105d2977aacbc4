import { explainCode } from '../explain/explain.js';
import type { CommandSpec, ParsedArgs } from './command.js';
import type { Io } from './io.js';

export const explainCommand: CommandSpec = {
  name: 'explain',
  summary: 'say what a finding code means and how to fix it',
  args: 'CODE',
  description: 'Prints the entry for CODE (as in error[CODE] of validate) from docs/format.md.',
  positionals: { min: 1, max: 1 },
  examples: ['leasekit explain lease-overlap'],
  exitCodes: { 0: 'the entry was printed', 2: 'no finding has that code' },
  run: runExplain,
};

/** `leasekit explain CODE`. */
export function runExplain({ positional }: ParsedArgs, io: Io): number {
  io.stdout(explainCode(positional[0]));
  return 0;
}
