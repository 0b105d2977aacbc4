import { parseArgs as nodeParseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { suggest } from '../util/suggest.js';
import type { Io } from './io.js';

/** One flag: its type, what it does, its value's name in help, and its default in words. */
export interface FlagDef {
  type: 'string' | 'boolean';
  description: string;
  /** How the value is shown in help (`--at YYYY-MM-DD`); string flags only. */
  value?: string;
  /** The default, in words, for help only: commands apply their own defaults. */
  default?: string;
  /** May be given more than once; the values arrive joined by commas in `flags`. */
  multiple?: boolean;
}

export type FlagDefs = Record<string, FlagDef>;
export type Flags = Record<string, string | boolean | undefined>;

export interface ParsedArgs {
  positional: string[];
  flags: Flags;
}

/**
 * A command (`leasekit plan`) or a group of subcommands (`leasekit github comment`). Everything
 * help prints comes from here, so help cannot drift from what the parser accepts.
 */
export interface CommandSpec {
  name: string;
  /** One line, for the command list. */
  summary: string;
  /** Positional arguments as shown in usage, e.g. `LEASE-ID`. */
  args?: string;
  /** Longer explanation, printed under the usage line. */
  description?: string;
  flags?: FlagDefs;
  /** Environment variables the command reads, and what for. */
  env?: Record<string, string>;
  examples?: string[];
  /** Exit codes when they differ from the usual 0/1/2. */
  exitCodes?: Record<number, string>;
  /** How many positional arguments are allowed (default: none, unless `args` is set). */
  positionals?: { min?: number; max?: number };
  run?: (args: ParsedArgs, io: Io) => number | Promise<number>;
  subcommands?: CommandSpec[];
}

const HELP_FLAGS = new Set(['--help', '-h']);
const EXIT_CODES: Record<number, string> = {
  0: 'success (warnings allowed)',
  1: 'findings that fail the run, or a refusal',
  2: 'usage error, unreadable repository, or internal failure',
};

/** Runs `spec` on `argv`: help when asked, else the parsed flags go to its `run`. */
export async function runCommand(spec: CommandSpec, argv: readonly string[], io: Io, path: string[] = [spec.name]): Promise<number> {
  if (spec.subcommands?.length) {
    const [first, ...rest] = argv;
    const sub = first === undefined ? undefined : spec.subcommands.find((s) => s.name === first);
    if (sub) return runCommand(sub, rest, io, [...path, sub.name]);
    if (first === undefined || HELP_FLAGS.has(first) || !spec.run) {
      if (first !== undefined && !HELP_FLAGS.has(first)) throw unknownSubcommand(spec, path, first);
      io.stdout(commandHelp(spec, path));
      return first === undefined ? 2 : 0;
    }
  }
  if (argv.some((a) => HELP_FLAGS.has(a))) {
    io.stdout(commandHelp(spec, path));
    return 0;
  }
  if (!spec.run) throw new UsageError(`${path.join(' ')} needs a subcommand`);
  return spec.run(parseFlags(spec, argv, path), io);
}

/** Strict parsing: an unknown flag is a usage error with a suggestion, never ignored. */
export function parseFlags(spec: CommandSpec, argv: readonly string[], path: string[] = [spec.name]): ParsedArgs {
  const defs = spec.flags ?? {};
  for (const arg of argv) {
    if (arg === '--') break;
    if (!arg.startsWith('--')) continue;
    const name = arg.slice(2).split('=')[0];
    if (!Object.hasOwn(defs, name)) throw unknownFlag(name, defs, path);
  }
  const options = Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, { type: def.type, multiple: def.multiple ?? false }]));
  let parsed;
  try {
    parsed = nodeParseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(`${usageMessage(err as Error)} (see leasekit ${path.join(' ')} --help)`);
  }
  const flags: Flags = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    flags[name] = Array.isArray(value) ? value.map(String).join(',') : value;
  }
  checkPositionals(spec, parsed.positionals, path);
  return { positional: parsed.positionals, flags };
}

function checkPositionals(spec: CommandSpec, positional: string[], path: string[]): void {
  const max = spec.positionals?.max ?? (spec.args ? Infinity : 0);
  const min = spec.positionals?.min ?? 0;
  if (positional.length > max) throw new UsageError(`unexpected argument '${positional[max]}' (see leasekit ${path.join(' ')} --help)`);
  if (positional.length < min) throw new UsageError(`leasekit ${path.join(' ')} needs ${spec.args ?? `${min} argument(s)`}`);
}

/** node:util's messages name the option but speak of "option"; ours speak of flags. */
function usageMessage(err: Error): string {
  const code = (err as { code?: string }).code;
  const option = /'(-[^']*)'/.exec(err.message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(err.message) || /ambiguous/.test(err.message) ? `${option.split(' ')[0]} needs a value` : `${option.split(' ')[0]} takes no value`;
  }
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  return err.message;
}

function unknownFlag(name: string, defs: FlagDefs, path: string[]): UsageError {
  const guess = suggest(name, Object.keys(defs));
  const hint = guess ? `; did you mean --${guess}?` : '';
  return new UsageError(`unknown option --${name}${hint} (see leasekit ${path.join(' ')} --help)`);
}

function unknownSubcommand(spec: CommandSpec, path: string[], name: string): UsageError {
  const names = spec.subcommands?.map((s) => s.name) ?? [];
  const guess = suggest(name, names);
  return new UsageError(`unknown subcommand '${path.join(' ')} ${name}'${guess ? `; did you mean '${guess}'?` : ''} (one of: ${names.join(', ')})`);
}

/** The help of one command: usage, description, subcommands, flags with defaults, environment, examples, exit codes. */
export function commandHelp(spec: CommandSpec, path: string[] = [spec.name]): string {
  const lines: string[] = [];
  const usage = [`leasekit ${path.join(' ')}`];
  if (spec.subcommands?.length) usage.push('<subcommand>');
  if (spec.args) usage.push(spec.args);
  if (Object.keys(spec.flags ?? {}).length) usage.push('[options]');
  lines.push(`usage: ${usage.join(' ')}`, '', spec.description ?? spec.summary);
  if (spec.subcommands?.length) {
    lines.push('', 'subcommands:');
    lines.push(...table(spec.subcommands.map((s) => [s.name, s.summary])));
    lines.push('', `leasekit ${path.join(' ')} <subcommand> --help shows each one's options.`);
  }
  const flags: string[][] = Object.entries(spec.flags ?? {}).map(([name, def]) => [flagLabel(name, def), flagText(def)]);
  lines.push('', 'options:', ...table([...flags, ['-h, --help', 'show this help']]));
  if (spec.env && Object.keys(spec.env).length) {
    lines.push('', 'environment:');
    lines.push(...table(Object.entries(spec.env)));
  }
  if (spec.examples?.length) {
    lines.push('', 'examples:');
    lines.push(...spec.examples.map((e) => `  ${e}`));
  }
  if (spec.run) {
    lines.push('', 'exit codes:');
    lines.push(...table(Object.entries({ ...EXIT_CODES, ...spec.exitCodes }).map(([code, text]) => [code, text])));
  }
  return `${lines.join('\n')}\n`;
}

function flagLabel(name: string, def: FlagDef): string {
  return def.type === 'string' ? `--${name} ${def.value ?? 'VALUE'}` : `--${name}`;
}

function flagText(def: FlagDef): string {
  const notes = [def.multiple ? 'may be repeated' : '', def.default ? `default: ${def.default}` : ''].filter(Boolean);
  return notes.length ? `${def.description} (${notes.join('; ')})` : def.description;
}

/** Two columns, the second aligned; long first cells put the text on the next line. */
function table(rows: string[][]): string[] {
  const width = Math.min(28, Math.max(...rows.map(([a]) => a.length)) + 2);
  return rows.flatMap(([left, right]) =>
    left.length + 2 > width ? [`  ${left}`, `  ${' '.repeat(width)}${right}`] : [`  ${left.padEnd(width)}${right}`],
  );
}

/** A string flag's value, or undefined. */
export function stringFlag(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** A value that must be one of `allowed`, or a usage error that lists them. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const guess = suggest(value, allowed);
  throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}`);
}
