import path from 'node:path';
import { issueLetters } from '../loa/issue.js';
import type { LetterFormat } from '../loa/render.js';
import { verifyLetter } from '../loa/verify.js';
import { loadRepository } from '../repo/load.js';
import { UsageError, oneOf, parseArgs, stringFlag } from './args.js';
import { dayFlag, repoRoot, type Io } from './common.js';

export const LOA_USAGE = `  loa        a letter of authorisation for a lease's upstreams: LEASE-ID [--to UPSTREAM] [--out FILE.md|.html|.pdf]
             --all --out DIR [--format md|html|pdf] · verify FILE (valid, revoked or unknown)
`;

const EXTENSIONS: Record<string, LetterFormat> = { '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.pdf': 'pdf' };

/** `leasekit loa`: exit 0 written (or valid), 1 refused (or revoked/unknown), 2 usage. */
export async function runLoa(argv: readonly string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(argv, { repo: 'string', at: 'string', to: 'string', out: 'string', all: 'boolean', format: 'string' });
  const at = dayFlag(flags);
  if (positional[0] === 'verify') {
    if (positional.length !== 2) throw new UsageError('usage: leasekit loa verify FILE');
    const check = verifyLetter(loadRepository(repoRoot(flags, io)), path.resolve(io.cwd, positional[1]), at);
    const about = check.letter ? ` (lease ${check.letter.lease}, issued ${check.letter.issued})` : '';
    io.stdout(`${check.status}: ${check.documentId ?? positional[1]}${about}\n${check.reasons.map((r) => `  ${r}\n`).join('')}`);
    return check.status === 'valid' ? 0 : 1;
  }
  const out = stringFlag(flags, 'out');
  const all = flags.all === true;
  if (all ? positional.length !== 0 || !out : positional.length !== 1) throw new UsageError('usage: leasekit loa LEASE-ID [--to UPSTREAM] [--out FILE] | loa --all --out DIR [--format md|html|pdf]');
  const format = all ? (oneOf(stringFlag(flags, 'format'), ['md', 'html', 'pdf'] as const, 'format') ?? 'pdf') : formatOf(out);
  const letters = await issueLetters(loadRepository(repoRoot(flags, io)), {
    leases: all ? 'all' : positional[0],
    at,
    format,
    to: stringFlag(flags, 'to'),
    out: out && path.resolve(io.cwd, out),
    env: io.env,
  });
  if (!out) io.stdout(letters[0].content.toString('utf8'));
  else for (const { letter, file } of letters) io.stderr(`${letter.id}: lease ${letter.lease} -> ${path.relative(io.cwd, file!) || file}\n`);
  if (all && letters.length === 0) io.stderr(`no lease is published on ${at}: no letters written\n`);
  return 0;
}

function formatOf(out: string | undefined): LetterFormat {
  if (out === undefined) return 'md';
  const format = EXTENSIONS[path.extname(out).toLowerCase()];
  if (!format) throw new UsageError(`--out ${out}: the extension chooses the format, one of ${Object.keys(EXTENSIONS).join(', ')}`);
  return format;
}
