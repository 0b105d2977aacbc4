// One MRT record at a time from a buffer (RFC 6396 §4, RFC 8050): the hot loop of the reader.
// Every length is checked against the record before it is followed, so corrupt input is an
// MrtError with its byte offset, never an out-of-range read or a loop that does not advance.
import { EMPTY_PATH, decodePath, mergeAs4Path, pathOrigin, segmentsOrigin } from './as-path.js';
import * as T from './constants.js';
import { MrtError } from './errors.js';

export interface MrtPeer {
  address: string;
  asn: number;
}

/** One RIB entry: a prefix as one peer announced it. */
export interface MrtRoute {
  /** The network address as an unsigned 32-bit number. */
  network: number;
  length: number;
  /** The last AS of the AS_PATH (after the AS4_PATH merge); null when the path ends in an AS_SET. */
  origin: number | null;
  peer: MrtPeer;
  /** Originated time (seconds since the epoch). */
  time: number;
  /** RFC 8050 path identifier, or null outside the ADD-PATH subtypes. */
  pathId: number | null;
  /** The entry's BGP path attributes, a view into the input (decode with `routeAttributes`). */
  attributes: Uint8Array;
  /** Octets per AS in `attributes`' AS_PATH: 2 in TABLE_DUMP, 4 in TABLE_DUMP_V2. */
  asSize: 2 | 4;
}

export interface MrtStats {
  records: number;
  /** RIB entries (IPv4 unicast) read. */
  entries: number;
  /** Records neither IPv4 unicast RIBs nor peer tables (BGP4MP, multicast, unknown types). */
  skippedRecords: number;
  /** IPv6 RIB records (one per prefix) skipped. */
  ipv6: number;
}

export function emptyStats(): MrtStats {
  return { records: 0, entries: 0, skippedRecords: 0, ipv6: 0 };
}

/** Parses whole records and keeps the PEER_INDEX_TABLE between them. */
export class MrtParser {
  peers: MrtPeer[] | null = null;
  readonly #v1Peers = new Map<number, MrtPeer>();
  // where the current entry's AS_PATH and AS4_PATH lie (set by #scanAttributes)
  #pathStart = -1;
  #pathEnd = -1;
  #as4Start = -1;
  #as4End = -1;

  constructor(readonly stats: MrtStats = emptyStats()) {}

  /** Bytes needed at `buf[p]` for the next whole record (the header alone when it is incomplete). */
  static recordSize(buf: Uint8Array, p: number): number {
    if (buf.length - p < T.MRT_HEADER_BYTES) return T.MRT_HEADER_BYTES;
    return T.MRT_HEADER_BYTES + u32(buf, p + 8);
  }

  /** Parses the record at `buf[p]`, which must be whole; `base` is the absolute offset of `buf[0]`. */
  record(buf: Uint8Array, p: number, base: number, out: MrtRoute[]): void {
    const type = u16(buf, p + 4);
    const subtype = u16(buf, p + 6);
    const start = p + T.MRT_HEADER_BYTES;
    const end = start + u32(buf, p + 8);
    this.stats.records++;
    if (type === T.TYPE_TABLE_DUMP_V2) this.#tableDumpV2(buf, subtype, start, end, base, out);
    else if (type === T.TYPE_TABLE_DUMP && subtype === T.V1_AFI_IPV4) this.#tableDumpV1(buf, start, end, base, out);
    else if (type === T.TYPE_TABLE_DUMP && subtype === T.V1_AFI_IPV6) this.stats.ipv6++;
    else this.stats.skippedRecords++;
  }

  #tableDumpV2(buf: Uint8Array, subtype: number, start: number, end: number, base: number, out: MrtRoute[]): void {
    switch (subtype) {
      case T.PEER_INDEX_TABLE:
        this.peers = readPeerIndex(buf, start, end, base);
        return;
      case T.RIB_IPV4_UNICAST:
      case T.RIB_IPV4_UNICAST_ADDPATH:
        this.#rib(buf, start + 4, end, subtype === T.RIB_IPV4_UNICAST_ADDPATH, base, out);
        return;
      case T.RIB_GENERIC:
      case T.RIB_GENERIC_ADDPATH:
        this.#ribGeneric(buf, start, end, subtype === T.RIB_GENERIC_ADDPATH, base, out);
        return;
      case T.RIB_IPV6_UNICAST:
      case T.RIB_IPV6_MULTICAST:
      case T.RIB_IPV6_UNICAST_ADDPATH:
      case T.RIB_IPV6_MULTICAST_ADDPATH:
        this.stats.ipv6++;
        return;
      default:
        this.stats.skippedRecords++;
    }
  }

  #ribGeneric(buf: Uint8Array, start: number, end: number, addPath: boolean, base: number, out: MrtRoute[]): void {
    need(start + 7, end, base + start, 'RIB_GENERIC header');
    const afi = u16(buf, start + 4);
    const safi = buf[start + 6];
    if (afi === T.AFI_IPV6) this.stats.ipv6++;
    else if (afi !== T.AFI_IPV4 || safi !== T.SAFI_UNICAST) this.stats.skippedRecords++;
    else this.#rib(buf, start + 7, end, addPath, base, out);
  }

  /** A RIB body from its prefix on (after the sequence number, and AFI/SAFI for RIB_GENERIC). */
  #rib(buf: Uint8Array, p: number, end: number, addPath: boolean, base: number, out: MrtRoute[]): void {
    if (this.peers === null) throw new MrtError(base + p, 'RIB record before any PEER_INDEX_TABLE');
    need(p + 1, end, base + p, 'prefix length');
    const length = buf[p];
    if (length > 32) throw new MrtError(base + p, `corrupt RIB record: IPv4 prefix length ${length}`);
    const bytes = (length + 7) >> 3;
    need(p + 1 + bytes + 2, end, base + p, 'prefix and entry count');
    const network = readNetwork(buf, p + 1, bytes, length);
    p += 1 + bytes;
    const count = u16(buf, p);
    p += 2;
    const fixed = addPath ? 12 : 8; // peer index, originated time, [path id], attribute length
    for (let i = 0; i < count; i++) {
      need(p + fixed, end, base + p, `RIB entry ${i + 1} of ${count}`);
      const peerIndex = u16(buf, p);
      const peer = this.peers[peerIndex];
      if (peer === undefined) throw new MrtError(base + p, `corrupt RIB entry: peer index ${peerIndex}, but the peer table has ${this.peers.length} peers`);
      const time = u32(buf, p + 2);
      const pathId = addPath ? u32(buf, p + 6) : null;
      const attrStart = p + fixed;
      const attrEnd = attrStart + u16(buf, p + fixed - 2);
      need(attrEnd, end, base + p, `attributes of RIB entry ${i + 1} of ${count}`);
      const origin = this.#origin(buf, attrStart, attrEnd, 4, peer, base);
      out.push({ network, length, origin, peer, time, pathId, attributes: buf.subarray(attrStart, attrEnd), asSize: 4 });
      p = attrEnd;
    }
    this.stats.entries += count;
    if (p !== end) throw new MrtError(base + p, `corrupt RIB record: ${end - p} bytes after its ${count} entries`);
  }

  /** TABLE_DUMP (RFC 6396 §4.2): one IPv4 entry per record, 2-octet ASes. */
  #tableDumpV1(buf: Uint8Array, p: number, end: number, base: number, out: MrtRoute[]): void {
    need(p + 22, end, base + p, 'TABLE_DUMP entry');
    const length = buf[p + 8];
    if (length > 32) throw new MrtError(base + p + 8, `corrupt TABLE_DUMP record: IPv4 prefix length ${length}`);
    const network = readNetwork(buf, p + 4, 4, length);
    const peerAddress = u32(buf, p + 14);
    const peerAsn = u16(buf, p + 18);
    const key = peerAddress * 65536 + peerAsn;
    let peer = this.#v1Peers.get(key);
    if (!peer) this.#v1Peers.set(key, (peer = { address: ipv4Text(peerAddress), asn: peerAsn }));
    const attrStart = p + 22;
    const attrEnd = attrStart + u16(buf, p + 20);
    need(attrEnd, end, base + p, 'TABLE_DUMP attributes');
    const origin = this.#origin(buf, attrStart, attrEnd, 2, peer, base);
    out.push({ network, length, origin, peer, time: u32(buf, p + 10), pathId: null, attributes: buf.subarray(attrStart, attrEnd), asSize: 2 });
    this.stats.entries++;
  }

  #origin(buf: Uint8Array, start: number, end: number, asSize: number, peer: MrtPeer, base: number): number | null {
    this.#scanAttributes(buf, start, end, base);
    if (this.#pathStart < 0) return peer.asn; // no AS_PATH at all: treat as originated by the peer
    let origin: number;
    if (asSize === 2 && this.#as4Start >= 0) {
      const merged = mergeAs4Path(decodePath(buf, this.#pathStart, this.#pathEnd, 2, base), decodePath(buf, this.#as4Start, this.#as4End, 4, base));
      origin = segmentsOrigin(merged);
    } else origin = pathOrigin(buf, this.#pathStart, this.#pathEnd, asSize, base);
    if (origin === EMPTY_PATH) return peer.asn;
    return origin < 0 ? null : origin;
  }

  #scanAttributes(buf: Uint8Array, p: number, end: number, base: number): void {
    this.#pathStart = this.#as4Start = -1;
    while (p < end) {
      const at = attributeAt(buf, p, end, base);
      const type = buf[p + 1];
      if (type === T.ATTR_AS_PATH) {
        this.#pathStart = at.valueStart;
        this.#pathEnd = at.valueEnd;
      } else if (type === T.ATTR_AS4_PATH) {
        this.#as4Start = at.valueStart;
        this.#as4End = at.valueEnd;
      }
      p = at.valueEnd;
    }
  }
}

const attribute = { valueStart: 0, valueEnd: 0 };

/** The value bounds of the attribute at `p` (one shared result object: the hot path allocates nothing). */
export function attributeAt(buf: Uint8Array, p: number, end: number, base: number): { valueStart: number; valueEnd: number } {
  need(p + 3, end, base + p, 'attribute header');
  const extended = (buf[p] & T.ATTR_FLAG_EXTENDED_LENGTH) !== 0;
  if (extended) need(p + 4, end, base + p, 'attribute header');
  attribute.valueStart = p + (extended ? 4 : 3);
  attribute.valueEnd = attribute.valueStart + (extended ? u16(buf, p + 2) : buf[p + 2]);
  need(attribute.valueEnd, end, base + p, `attribute ${buf[p + 1]}`);
  return attribute;
}

function readPeerIndex(buf: Uint8Array, p: number, end: number, base: number): MrtPeer[] {
  need(p + 6, end, base + p, 'PEER_INDEX_TABLE header');
  p += 4; // collector BGP ID
  p += 2 + u16(buf, p); // view name
  need(p + 2, end, base + p, 'PEER_INDEX_TABLE peer count');
  const count = u16(buf, p);
  p += 2;
  const peers: MrtPeer[] = [];
  for (let i = 0; i < count; i++) {
    need(p + 1, end, base + p, `peer ${i} of ${count}`);
    const type = buf[p];
    const ipv6 = (type & 1) !== 0;
    const asSize = type & 2 ? 4 : 2;
    const size = 1 + 4 + (ipv6 ? 16 : 4) + asSize;
    need(p + size, end, base + p, `peer ${i} of ${count}`);
    const address = ipv6 ? ipv6Text(buf, p + 5) : ipv4Text(u32(buf, p + 5));
    const asn = asSize === 4 ? u32(buf, p + size - 4) : u16(buf, p + size - 2);
    peers.push({ address, asn });
    p += size;
  }
  return peers;
}

/** The first `bytes` octets of an address, host bits cleared. */
function readNetwork(buf: Uint8Array, p: number, bytes: number, length: number): number {
  let n = 0;
  for (let i = 0; i < 4; i++) n = n * 256 + (i < bytes ? buf[p + i] : 0);
  return length === 0 ? 0 : (n & ((0xffffffff << (32 - length)) >>> 0)) >>> 0;
}

function need(upTo: number, end: number, offset: number, what: string): void {
  if (upTo > end) throw new MrtError(offset, `corrupt MRT record: ${what} runs past the end of its record`);
}

export function u16(buf: Uint8Array, p: number): number {
  return (buf[p] << 8) | buf[p + 1];
}

export function u32(buf: Uint8Array, p: number): number {
  return buf[p] * 0x1000000 + ((buf[p + 1] << 16) | (buf[p + 2] << 8) | buf[p + 3]);
}

export function ipv4Text(a: number): string {
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

function ipv6Text(buf: Uint8Array, p: number): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(u16(buf, p + i).toString(16));
  // compress the longest run of zero groups, as RFC 5952 recommends
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLength).join(':')}`;
}
