/**
 * The leasekit action's inputs, as the runner hands them over (`INPUT_<NAME>` variables, the
 * name upper-cased, hyphens kept), turned into leasekit's argv. Nothing here goes through a
 * shell: `args` is split into words by the same rules as a shell's quoting, without expansions.
 */
import { neutralise } from '../render/text-safe.js';

export const COMMANDS = ['validate', 'plan', 'apply', 'github', 'propose', 'reconcile'] as const;

export class InputError extends Error {}

export function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function argvFromInputs(env: NodeJS.ProcessEnv): string[] {
  const command = input(env, 'command').split(/\s+/).filter(Boolean);
  // one command, one line: a newline in the input must never reach a log as a workflow command
  if (/[\r\n\u2028\u2029]/.test(input(env, 'command'))) throw new InputError(`input 'command' must be one line; got '${neutralise(input(env, 'command'))}'`);
  if (!(COMMANDS as readonly string[]).includes(command[0] ?? '')) {
    throw new InputError(`input 'command' must start with one of: ${COMMANDS.join(', ')}; got '${neutralise(input(env, 'command'))}'`);
  }
  const argv = [...command, ...splitWords(input(env, 'args'))];
  for (const name of ['repo', 'at', 'format']) {
    const value = input(env, name);
    if (value) argv.push(`--${name}`, value);
  }
  return argv;
}

/** `--note "rack 4" --id 'a b'` -> ['--note', 'rack 4', '--id', 'a b']: quotes group, `\` escapes, nothing expands. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else {
      word = (word ?? '') + (c === '\\' && i + 1 < text.length ? text[++i] : c);
    }
  }
  if (quote) throw new InputError(`input 'args' has an unclosed ${quote}`);
  if (word !== undefined) words.push(word);
  return words;
}
