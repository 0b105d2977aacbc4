// Opening an input file: gzip and bzip2 recognised by their magic bytes and decompressed as
// the data streams, and the first bytes of the (decompressed) content kept for recognising
// what kind of input it is.
import fs from 'node:fs';
import zlib from 'node:zlib';
import unbzip2 from 'unbzip2-stream';

export type Compression = 'none' | 'gzip' | 'bzip2';

export interface OpenedInput {
  compression: Compression;
  /** The first decompressed chunk (empty for an empty file). */
  head: Uint8Array;
  /** Every decompressed chunk, `head` first. Iterate once. */
  chunks: AsyncIterable<Uint8Array>;
}

const CHUNK_BYTES = 1 << 20;

/** Reads the magic bytes, then streams the file through the decompressor they name. */
export async function openInput(file: string): Promise<OpenedInput> {
  const compression = sniffCompression(await readHead(file, 10));
  const raw = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES });
  const iterator = decompressed(raw, compression)[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array>;
  try {
    first = await iterator.next();
  } catch (err) {
    raw.destroy();
    throw err;
  }
  const head = first.done ? new Uint8Array(0) : first.value;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      if (first.done) return;
      yield head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      raw.destroy(); // stops the read when a consumer gives up early
      await iterator.return?.();
    }
  }
  return { compression, head, chunks: chunks() };
}

export function sniffCompression(magic: Uint8Array): Compression {
  if (magic[0] === 0x1f && magic[1] === 0x8b && magic[2] === 8) return 'gzip';
  // "BZh" + block size '1'-'9' + the first block's magic (pi) or the end-of-stream magic (sqrt(pi))
  const bz = magic[0] === 0x42 && magic[1] === 0x5a && magic[2] === 0x68 && magic[3] >= 0x31 && magic[3] <= 0x39;
  if (bz && ((magic[4] === 0x31 && magic[5] === 0x41 && magic[6] === 0x59) || (magic[4] === 0x17 && magic[5] === 0x72 && magic[6] === 0x45))) return 'bzip2';
  return 'none';
}

function decompressed(raw: fs.ReadStream, compression: Compression): AsyncIterable<Uint8Array> {
  if (compression === 'gzip') {
    const gunzip = zlib.createGunzip({ chunkSize: 256 * 1024 });
    raw.on('error', (err) => gunzip.destroy(err));
    return raw.pipe(gunzip);
  }
  if (compression === 'bzip2') {
    const bunzip = unbzip2();
    raw.on('error', (err) => bunzip.emit('error', err));
    raw.pipe(bunzip);
    return classicChunks(bunzip);
  }
  return raw;
}

/**
 * The chunks of a classic (pre-streams2) stream such as unbzip2-stream's, with back-pressure:
 * it is paused while chunks wait. (`Readable.wrap` closes early on its 'close' after 'end'.)
 */
async function* classicChunks(stream: NodeJS.ReadWriteStream): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => wake?.();
  stream.on('data', (chunk: Uint8Array) => {
    queue.push(chunk);
    if (queue.length > 16) stream.pause();
    notify();
  });
  stream.on('end', () => ((ended = true), notify()));
  stream.on('error', (err: Error) => ((failure = err), notify()));
  for (;;) {
    const chunk = queue.shift();
    if (chunk) {
      if (queue.length < 4) stream.resume();
      yield chunk;
    } else if (failure) throw failure;
    else if (ended) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}

async function readHead(file: string, bytes: number): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
