// Writes a TABLE_DUMP_V2 RIB dump of ENTRIES entries (default 1M): ENTRIES/5 IPv4 prefixes,
// each seen by 5 of 20 peers with AS paths of 2-6 hops, a few ending in an AS_SET.
// usage: node bench/mrt-generate.mjs FILE [ENTRIES]
import fs from 'node:fs';
import { peerIndexTable, ribIpv4, routeAttributes } from './mrt-encode.mjs';

export function generateMrt(file, entries = 1_000_000) {
  const peers = Array.from({ length: 20 }, (_, i) => ({ address: `10.0.${i >> 8}.${(i & 255) + 1}`, asn: 64500 + i }));
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, peerIndexTable(peers));
  let seed = 1;
  const random = (n) => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % n);
  const prefixes = Math.ceil(entries / 5);
  let pending = [];
  for (let i = 0; i < prefixes; i++) {
    const length = 16 + random(9); // /16-/24
    const network = ((i * 2654435761) >>> 0) & ((0xffffffff << (32 - length)) >>> 0);
    const prefix = `${network >>> 24}.${(network >>> 16) & 255}.${(network >>> 8) & 255}.${network & 255}/${length}`;
    const origin = 1000 + random(400000);
    const rib = [];
    for (let k = 0; k < Math.min(5, entries - i * 5); k++) {
      const peer = (i + k * 4) % peers.length;
      const path = [peers[peer].asn, ...Array.from({ length: random(5) }, () => 1000 + random(70000)), origin];
      const segments = random(100) === 0 ? [[2, path], [1, [origin + 1, origin + 2]]] : [[2, path]];
      rib.push({ peer, attributes: routeAttributes({ segments, nextHop: peers[peer].address }) });
    }
    pending.push(ribIpv4(i, prefix, rib));
    if (pending.length === 4096) {
      fs.writeSync(out, Buffer.concat(pending));
      pending = [];
    }
  }
  fs.writeSync(out, Buffer.concat(pending));
  fs.closeSync(out);
}

if (import.meta.url === `file://${process.argv[1]}`) generateMrt(process.argv[2], Number(process.argv[3] ?? 1_000_000));
