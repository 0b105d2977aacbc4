// The display fields of a RIB entry, decoded on request only (the audit needs just the origin).
import { decodePath, mergeAs4Path, pathText, type PathSegment } from './as-path.js';
import * as T from './constants.js';
import { attributeAt, ipv4Text, u32, type MrtRoute } from './parse.js';

export interface RouteAttributes {
  /** bgpdump's notation: `64500 64501 {64502,64503}`. */
  asPath: string;
  /** The BGP ORIGIN attribute. */
  bgpOrigin?: 'IGP' | 'EGP' | 'INCOMPLETE';
  nextHop?: string;
}

const ORIGINS = ['IGP', 'EGP', 'INCOMPLETE'] as const;

export function routeAttributes(route: MrtRoute): RouteAttributes {
  const buf = route.attributes;
  let asPath: PathSegment[] = [];
  let as4Path: PathSegment[] | undefined;
  const result: RouteAttributes = { asPath: '' };
  for (let p = 0; p < buf.length; ) {
    const { valueStart, valueEnd } = attributeAt(buf, p, buf.length, 0);
    const type = buf[p + 1];
    if (type === T.ATTR_AS_PATH) asPath = decodePath(buf, valueStart, valueEnd, route.asSize, 0);
    else if (type === T.ATTR_AS4_PATH) as4Path = decodePath(buf, valueStart, valueEnd, 4, 0);
    else if (type === T.ATTR_ORIGIN && valueEnd > valueStart) result.bgpOrigin = ORIGINS[buf[valueStart]];
    else if (type === T.ATTR_NEXT_HOP && valueEnd - valueStart === 4) result.nextHop = ipv4Text(u32(buf, valueStart));
    else if (type === T.ATTR_MP_REACH_NLRI && result.nextHop === undefined) result.nextHop = mpNextHop(buf, valueStart, valueEnd);
    p = valueEnd;
  }
  if (as4Path && route.asSize === 2) asPath = mergeAs4Path(asPath, as4Path);
  result.asPath = pathText(asPath);
  return result;
}

/** TABLE_DUMP_V2 abbreviates MP_REACH_NLRI to the next hop's length and address (RFC 6396 §4.3.4). */
function mpNextHop(buf: Uint8Array, start: number, end: number): string | undefined {
  const length = buf[start];
  if (length === 4 && start + 5 <= end) return ipv4Text(u32(buf, start + 1));
  return undefined;
}
