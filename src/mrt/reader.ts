// Streaming MRT: whole records are parsed out of the chunks as they arrive, so memory stays
// at one chunk plus one record however large the dump is.
import * as T from './constants.js';
import { MrtError } from './errors.js';
import { MrtParser, emptyStats, type MrtRoute, type MrtStats } from './parse.js';

/** No real record comes near this (a RIB record for one prefix seen by every RIS peer is ~200 KB). */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * The IPv4 unicast RIB entries of an MRT stream, a batch per input chunk. `stats` fills in as
 * the stream is read. Throws MrtError on truncated or corrupt input.
 */
export async function* readMrt(chunks: AsyncIterable<Uint8Array>, stats: MrtStats = emptyStats()): AsyncGenerator<MrtRoute[]> {
  const parser = new MrtParser(stats);
  let held: Uint8Array[] = []; // an incomplete record, split over chunks
  let heldBytes = 0;
  let need = T.MRT_HEADER_BYTES;
  let base = 0; // absolute offset of the first held byte
  for await (const chunk of chunks) {
    held.push(chunk);
    heldBytes += chunk.length;
    if (heldBytes < need) continue;
    const buf = held.length === 1 ? held[0] : Buffer.concat(held, heldBytes);
    const out: MrtRoute[] = [];
    let p = 0;
    for (;;) {
      need = MrtParser.recordSize(buf, p);
      if (need > MAX_RECORD_BYTES) throw new MrtError(base + p, `corrupt MRT header: record length ${need - T.MRT_HEADER_BYTES} bytes`);
      if (buf.length - p < need) break;
      parser.record(buf, p, base, out);
      p += need;
    }
    base += p;
    held = p < buf.length ? [buf.subarray(p)] : [];
    heldBytes = buf.length - p;
    if (out.length) yield out;
  }
  if (heldBytes > 0) {
    const what = heldBytes < T.MRT_HEADER_BYTES ? `an MRT header of ${T.MRT_HEADER_BYTES} bytes` : `a record of ${need} bytes`;
    throw new MrtError(base, `truncated MRT input: ${heldBytes} bytes left where ${what} starts`);
  }
}
