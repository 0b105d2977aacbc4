// Announcements from route inputs (MRT RIB dumps, JSON lists, text lists), recognised by
// content and de-duplicated by (prefix, origin) across every file.
import { openInput } from '../input/open.js';
import { InputFileError } from '../input/errors.js';
import { MrtError, emptyStats, readMrt } from '../mrt/index.js';
import { asnField, prefixField } from './fields.js';
import { linesOf, textOf } from './lines.js';
import { recogniseInput } from './recognise.js';
import { RouteSet } from './route-set.js';

export interface RouteInputs {
  routes: RouteSet;
  skipped: { mrtRecords: number; ipv6: number };
}

const JSON_LIMIT_BYTES = 512 * 1024 * 1024;

export async function readRoutes(files: readonly string[], displayName: (file: string) => string = (f) => f): Promise<RouteInputs> {
  const result: RouteInputs = { routes: new RouteSet(), skipped: { mrtRecords: 0, ipv6: 0 } };
  for (const file of files) await readOne(file, displayName(file), result);
  return result;
}

async function readOne(file: string, name: string, into: RouteInputs): Promise<void> {
  const input = await opened(file, name);
  try {
    const kind = recogniseInput(input.head);
    if (kind === 'mrt') await readMrtRoutes(input.chunks, into);
    else if (kind === 'json-array') readJsonRoutes(await textOf(input.chunks, JSON_LIMIT_BYTES, () => tooLarge(name)), name, into);
    else if (kind === 'text') await readTextRoutes(input.chunks, name, into);
    else if (kind === 'json-object' || kind === 'csv') throw new InputFileError(name, 'this looks like a VRP file; route inputs are MRT RIB dumps, JSON [{"prefix", "origin"}] or text lines "PREFIX ORIGIN"');
    else throw new InputFileError(name, 'not a recognised route input: expected an MRT RIB dump (optionally gzip or bzip2), JSON [{"prefix", "origin"}], or text lines "PREFIX ORIGIN"');
  } catch (err) {
    throw inputError(err, name, input.compression);
  }
}

export async function opened(file: string, name: string) {
  try {
    return await openInput(file);
  } catch (err) {
    throw inputError(err, name, 'none');
  }
}

/** Every failure while reading names the file; decompression failures say which decompressor. */
export function inputError(err: unknown, name: string, compression: string): Error {
  if (err instanceof InputFileError) return err;
  if (err instanceof MrtError) return new InputFileError(name, `${err.message}${compression === 'none' ? '' : ` of the ${compression}-decompressed data`}`);
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new InputFileError(name, 'no such file');
  if (code === 'EISDIR') return new InputFileError(name, 'is a directory, not a file');
  const message = err instanceof Error ? err.message : String(err);
  if (compression !== 'none') return new InputFileError(name, `${compression} data is truncated or corrupt (${message})`);
  return new InputFileError(name, `cannot read: ${message}`);
}

function tooLarge(name: string): never {
  throw new InputFileError(name, `JSON input over ${JSON_LIMIT_BYTES / 2 ** 20} MiB; use text lines or MRT for inputs this large`);
}

async function readMrtRoutes(chunks: AsyncIterable<Uint8Array>, into: RouteInputs): Promise<void> {
  const stats = emptyStats();
  const routes = into.routes;
  for await (const batch of readMrt(chunks, stats)) {
    for (const r of batch) routes.add(r.network, r.length, r.origin);
  }
  into.skipped.mrtRecords += stats.skippedRecords;
  into.skipped.ipv6 += stats.ipv6;
}

/** `PREFIX ORIGIN` or `PREFIX ASORIGIN` per line, `#` to the end of a line is a comment. */
async function readTextRoutes(chunks: AsyncIterable<Uint8Array>, name: string, into: RouteInputs): Promise<void> {
  for await (const { text, line } of linesOf(chunks)) {
    const hash = text.indexOf('#');
    const fields = (hash < 0 ? text : text.slice(0, hash)).trim().split(/\s+/);
    if (fields[0] === '') continue;
    if (fields.length !== 2) throw new InputFileError(name, `expected "PREFIX ORIGIN" such as "192.0.2.0/24 64501", got ${JSON.stringify(text.trim())}`, line);
    const prefix = prefixField(fields[0]);
    if (!prefix.ok && prefix.ipv6) {
      into.skipped.ipv6++;
      continue;
    }
    if (!prefix.ok) throw new InputFileError(name, `prefix: ${prefix.message}`, line);
    const origin = asnField(fields[1], true);
    if (!origin.ok) throw new InputFileError(name, `origin: ${origin.message}`, line);
    into.routes.add(prefix.value.start, prefix.value.length, origin.value);
  }
}

function readJsonRoutes(text: string, name: string, into: RouteInputs): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputFileError(name, `JSON syntax: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new InputFileError(name, 'expected a JSON array of {"prefix", "origin"}');
  data.forEach((item: unknown, i) => {
    const at = `entry ${i}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new InputFileError(name, `${at}: expected an object {"prefix", "origin"}`);
    const { prefix: p, origin: o } = item as Record<string, unknown>;
    const prefix = prefixField(p);
    if (!prefix.ok && prefix.ipv6) {
      into.skipped.ipv6++;
      return;
    }
    if (!prefix.ok) throw new InputFileError(name, `${at}: prefix: ${prefix.message}`);
    const origin = asnField(o, false);
    if (!origin.ok) throw new InputFileError(name, `${at}: origin: ${origin.message}`);
    into.routes.add(prefix.value.start, prefix.value.length, origin.value);
  });
}
