// A small MRT (RFC 6396) writer for the benchmark and the tests: its own encoding code, so
// the reader in src/mrt is checked against something it does not share.

/** `a.b.c.d` to four bytes. */
function addressBytes(text) {
  return text.split('.').map(Number);
}

function u16(n) {
  return [(n >>> 8) & 255, n & 255];
}

function u32(n) {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

/** One MRT record: header (timestamp, type, subtype, length) and body. */
export function record(timestamp, type, subtype, body) {
  return Buffer.from([...u32(timestamp), ...u16(type), ...u16(subtype), ...u32(body.length), ...body]);
}

/** A path attribute; the extended-length flag when the value is over 255 bytes. */
export function attribute(flags, type, value) {
  if (value.length > 255) return [flags | 0x10, type, ...u16(value.length), ...value];
  return [flags, type, value.length, ...value];
}

/**
 * An AS_PATH value from segments such as `[[2, [64500, 64501]], [1, [64502, 64503]]]`
 * (type 1 AS_SET, 2 AS_SEQUENCE, 3/4 confederation), with 2- or 4-octet ASes.
 */
export function asPathValue(segments, asSize = 4) {
  const out = [];
  for (const [type, asns] of segments) {
    out.push(type, asns.length);
    for (const asn of asns) out.push(...(asSize === 4 ? u32(asn) : u16(asn)));
  }
  return out;
}

/** ORIGIN IGP, AS_PATH, NEXT_HOP (and AS4_PATH when given): the attributes of one entry. */
export function routeAttributes({ segments, asSize = 4, nextHop = '192.0.2.1', as4Segments, origin = 0 }) {
  const out = [...attribute(0x40, 1, [origin]), ...attribute(0x40, 2, asPathValue(segments, asSize)), ...attribute(0x40, 3, addressBytes(nextHop))];
  if (as4Segments) out.push(...attribute(0xc0, 17, asPathValue(as4Segments, 4)));
  return out;
}

/** PEER_INDEX_TABLE for IPv4 peers with 4-octet ASes: `[{ address, asn }]`. */
export function peerIndexTable(peers, timestamp = 1700000000) {
  const body = [...addressBytes('192.0.2.254'), ...u16(4), ...Buffer.from('test'), ...u16(peers.length)];
  for (const p of peers) body.push(2, ...addressBytes(p.address), ...addressBytes(p.address), ...u32(p.asn));
  return record(timestamp, 13, 1, body);
}

function prefixBytes(prefix) {
  const [address, length] = prefix.split('/');
  return [Number(length), ...addressBytes(address).slice(0, Math.ceil(Number(length) / 8))];
}

/**
 * A RIB_IPV4_UNICAST record (or its ADD-PATH form when entries carry `pathId`, or RIB_GENERIC with
 * `generic`): entries `[{ peer, time, attributes, pathId? }]`.
 */
export function ribIpv4(sequence, prefix, entries, { timestamp = 1700000000, generic = false } = {}) {
  const addPath = entries.some((e) => e.pathId !== undefined);
  const body = [...u32(sequence)];
  if (generic) body.push(...u16(1), 1);
  body.push(...prefixBytes(prefix), ...u16(entries.length));
  for (const e of entries) {
    body.push(...u16(e.peer), ...u32(e.time ?? timestamp));
    if (addPath) body.push(...u32(e.pathId ?? 0));
    body.push(...u16(e.attributes.length), ...e.attributes);
  }
  const subtype = generic ? (addPath ? 12 : 6) : addPath ? 8 : 2;
  return record(timestamp, 13, subtype, body);
}

/** A RIB_IPV6_UNICAST record with one entry (the reader skips and counts these). */
export function ribIpv6(sequence, timestamp = 1700000000) {
  const body = [...u32(sequence), 32, 0x20, 0x01, 0x0d, 0xb8, ...u16(1), ...u16(0), ...u32(timestamp), ...u16(0)];
  return record(timestamp, 13, 4, body);
}

/** A TABLE_DUMP (v1) IPv4 record: 2-octet peer AS, attributes as given. */
export function tableDumpV1({ prefix, peerAddress, peerAs, attributes, time = 1700000000, sequence = 0 }) {
  const [address, length] = prefix.split('/');
  const body = [...u16(0), ...u16(sequence), ...addressBytes(address), Number(length), 1, ...u32(time), ...addressBytes(peerAddress), ...u16(peerAs), ...u16(attributes.length), ...attributes];
  return record(time, 12, 1, body);
}
