// AS_PATH and AS4_PATH attribute values (RFC 4271 §4.3, RFC 6793 §4.2.3): the origin AS
// without allocating (the hot path), and the whole path for display.
import { AS_CONFED_SEQUENCE, AS_CONFED_SET, AS_SEQUENCE, AS_SET } from './constants.js';
import { MrtError } from './errors.js';

/** The path ends in an AS_SET or a confederation segment: RFC 6811 gives it no origin. */
export const NO_ORIGIN = -1;
/** The path is empty: the route was originated by the peer itself. */
export const EMPTY_PATH = -2;

export interface PathSegment {
  type: number;
  asns: number[];
}

/**
 * The rightmost AS of the final segment when that segment is an AS_SEQUENCE, else NO_ORIGIN,
 * or EMPTY_PATH. `base` is the absolute offset of `buf[0]`, for errors.
 */
export function pathOrigin(buf: Uint8Array, start: number, end: number, asSize: number, base: number): number {
  let origin = EMPTY_PATH;
  let p = start;
  while (p < end) {
    if (p + 2 > end) throw new MrtError(base + p, 'corrupt AS path: segment header runs past the attribute');
    const type = buf[p];
    const count = buf[p + 1];
    const next = p + 2 + count * asSize;
    if (next > end) throw new MrtError(base + p, `corrupt AS path: a segment of ${count} ASes runs past the attribute`);
    if (type < AS_SET || type > AS_CONFED_SET) throw new MrtError(base + p, `corrupt AS path: unknown segment type ${type}`);
    if (count > 0) origin = type === AS_SEQUENCE ? readAs(buf, next - asSize, asSize) : NO_ORIGIN;
    p = next;
  }
  return origin;
}

/** The number of ASes for RFC 6793's merge: an AS_SET counts one, confederation segments none. */
export function pathLength(segments: readonly PathSegment[]): number {
  let n = 0;
  for (const s of segments) {
    if (s.type === AS_SEQUENCE) n += s.asns.length;
    else if (s.type === AS_SET) n += 1;
  }
  return n;
}

export function decodePath(buf: Uint8Array, start: number, end: number, asSize: number, base: number): PathSegment[] {
  pathOrigin(buf, start, end, asSize, base); // validates the segments
  const segments: PathSegment[] = [];
  for (let p = start; p < end; ) {
    const type = buf[p];
    const count = buf[p + 1];
    const asns: number[] = [];
    for (let i = 0; i < count; i++) asns.push(readAs(buf, p + 2 + i * asSize, asSize));
    if (count > 0) segments.push({ type, asns });
    p += 2 + count * asSize;
  }
  return segments;
}

/**
 * RFC 6793 §4.2.3: a 2-octet AS_PATH with an AS4_PATH. When the AS_PATH is shorter than the
 * AS4_PATH the AS4_PATH is ignored; otherwise the leading ASes of the AS_PATH that the AS4_PATH
 * does not cover, then the AS4_PATH.
 */
export function mergeAs4Path(asPath: PathSegment[], as4Path: PathSegment[]): PathSegment[] {
  const n2 = pathLength(asPath);
  const n4 = pathLength(as4Path);
  if (n2 < n4) return asPath;
  let keep = n2 - n4;
  const merged: PathSegment[] = [];
  for (const s of asPath) {
    if (keep <= 0) break;
    if (s.type === AS_SEQUENCE) {
      const asns = s.asns.slice(0, keep);
      keep -= asns.length;
      merged.push({ type: s.type, asns });
    } else if (s.type === AS_SET) {
      merged.push(s);
      keep -= 1;
    } else merged.push(s);
  }
  return [...merged, ...as4Path];
}

/** The origin of decoded segments, as `pathOrigin` gives it. */
export function segmentsOrigin(segments: readonly PathSegment[]): number {
  const last = segments[segments.length - 1];
  if (!last) return EMPTY_PATH;
  return last.type === AS_SEQUENCE ? last.asns[last.asns.length - 1] : NO_ORIGIN;
}

/** bgpdump's notation: a sequence as `1 2 3`, a set as `{1,2}`, confederation segments in `(...)` and `[...]`. */
export function pathText(segments: readonly PathSegment[]): string {
  return segments
    .map((s) => {
      if (s.type === AS_SEQUENCE) return s.asns.join(' ');
      if (s.type === AS_SET) return `{${s.asns.join(',')}}`;
      if (s.type === AS_CONFED_SEQUENCE) return `(${s.asns.join(' ')})`;
      return `[${s.asns.join(',')}]`;
    })
    .join(' ');
}

export function readAs(buf: Uint8Array, p: number, asSize: number): number {
  if (asSize === 2) return (buf[p] << 8) | buf[p + 1];
  return buf[p] * 0x1000000 + ((buf[p + 1] << 16) | (buf[p + 2] << 8) | buf[p + 3]);
}
