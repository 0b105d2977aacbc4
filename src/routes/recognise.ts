// What an input file holds, from its first (decompressed) bytes, never from its name.
import { KNOWN_TYPES } from '../mrt/index.js';

export type InputKind = 'mrt' | 'json-array' | 'json-object' | 'csv' | 'text' | 'unknown';

export function recogniseInput(head: Uint8Array): InputKind {
  if (head.length >= 12 && head[4] === 0 && KNOWN_TYPES.has(head[5]) && head[6] === 0) return 'mrt';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0; // UTF-8 byte order mark
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x5b) return 'json-array';
  if (head[i] === 0x7b) return 'json-object';
  const sample = Buffer.from(head.subarray(0, 4096)).toString('latin1');
  if (/[\x00-\x08\x0e-\x1f]/.test(sample)) return 'unknown';
  const firstLine = sample.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#')) ?? '';
  return /^\s*"?ASN"?\s*,/i.test(firstLine) ? 'csv' : 'text';
}
