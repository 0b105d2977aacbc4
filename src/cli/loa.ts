import path from 'node:path';
import { UsageError } from '../errors.js';
import { issueLetters } from '../loa/issue.js';
import type { LetterFormat } from '../loa/render.js';
import { verifyLetter } from '../loa/verify.js';
import { loadRepository } from '../repo/load.js';
import { oneOf, stringFlag, type CommandSpec, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, repoRoot, type Io } from './common.js';

const EXTENSIONS: Record<string, LetterFormat> = { '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.pdf': 'pdf' };

const verifyCommand: CommandSpec = {
  name: 'verify',
  summary: 'say whether a letter still matches the records: valid, revoked or unknown',
  args: 'FILE',
  positionals: { min: 1, max: 1 },
  description: 'Finds the document id in a Markdown, HTML or PDF letter and checks it against state/loa-register.json and the records on --at.',
  flags: { ...REPO_FLAGS },
  examples: ['leasekit loa verify loa-acme-1.pdf'],
  exitCodes: { 0: 'valid', 1: 'revoked (the lease ended, changed or is gone) or unknown (not issued here, or altered)' },
  run: runVerify,
};

export const loaCommand: CommandSpec = {
  name: 'loa',
  summary: "write a letter of authorisation for a lease's upstream providers (md, html, pdf), or verify one",
  args: 'LEASE-ID',
  positionals: { max: 1 },
  description:
    'Writes the letter from templates/loa.md.hbs (Markdown and PDF) or templates/loa.html.hbs; the lease\n' +
    "repository's own templates/ wins over leasekit's. --out's extension chooses the format; without --out the\n" +
    'Markdown goes to standard output. Each letter is recorded in state/loa-register.json. docs/loa.md has the detail.',
  flags: {
    ...REPO_FLAGS,
    to: { type: 'string', value: 'UPSTREAM', description: 'the addressee, e.g. "Transit Co (AS64496)"', default: "the lessee's upstream providers" },
    out: { type: 'string', value: 'FILE|DIR', description: 'the letter (.md, .html, .pdf); with --all, the folder' },
    all: { type: 'boolean', description: 'a letter for every lease published on --at' },
    format: { type: 'string', value: 'md|html|pdf', description: 'with --all: the format of the letters', default: 'pdf' },
  },
  examples: ['leasekit loa acme-1 --to "Transit Co (AS64496)" --out loa-acme-1.pdf', 'leasekit loa --all --out letters/', 'leasekit loa verify loa-acme-1.pdf'],
  exitCodes: { 1: 'refused: no such lease, no origins, not published on --at, or validation errors' },
  run: runLoa,
  subcommands: [verifyCommand],
};

/** `leasekit loa LEASE-ID | --all`: exit 0 written, 1 refused, 2 usage. */
export async function runLoa({ positional, flags }: ParsedArgs, io: Io): Promise<number> {
  const out = stringFlag(flags, 'out');
  const all = flags.all === true;
  if (all && (positional.length !== 0 || !out)) throw new UsageError('loa --all writes into a folder: leasekit loa --all --out DIR (and no LEASE-ID)');
  if (!all && positional.length !== 1) throw new UsageError('leasekit loa needs LEASE-ID (or --all --out DIR)');
  if (!all && flags.format !== undefined) throw new UsageError("--format goes with --all; for one letter --out's extension chooses the format");
  const format = all ? (oneOf(stringFlag(flags, 'format'), ['md', 'html', 'pdf'] as const, 'format') ?? 'pdf') : formatOf(out);
  const letters = await issueLetters(loadRepository(repoRoot(flags, io)), {
    all,
    lease: positional[0],
    at: dayFlag(flags),
    format,
    to: stringFlag(flags, 'to'),
    out: out && path.resolve(io.cwd, out),
    env: io.env,
  });
  if (!out) io.stdout(letters[0].content.toString('utf8'));
  else for (const { letter, file } of letters) io.stderr(`${letter.id}: lease ${letter.lease} -> ${path.relative(io.cwd, file!) || file}\n`);
  if (all && letters.length === 0) io.stderr('no lease is published on that day: no letters written\n');
  return 0;
}

/** `leasekit loa verify FILE`: exit 0 valid, 1 revoked or unknown. */
export function runVerify({ positional, flags }: ParsedArgs, io: Io): number {
  const check = verifyLetter(loadRepository(repoRoot(flags, io)), path.resolve(io.cwd, positional[0]), dayFlag(flags));
  const about = check.letter ? ` (lease ${check.letter.lease}, issued ${check.letter.issued})` : '';
  io.stdout(`${check.status}: ${check.documentId ?? positional[0]}${about}\n${check.reasons.map((r) => `  ${r}\n`).join('')}`);
  return check.status === 'valid' ? 0 : 1;
}

function formatOf(out: string | undefined): LetterFormat {
  if (out === undefined) return 'md';
  const format = EXTENSIONS[path.extname(out).toLowerCase()];
  if (!format) throw new UsageError(`--out ${out}: the extension chooses the format, one of ${Object.keys(EXTENSIONS).join(', ')}`);
  return format;
}
