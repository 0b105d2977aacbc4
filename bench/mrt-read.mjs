// Reads an MRT file with leasekit's reader (dist/): `fast` takes (prefix, origin) as the audit
// does; `lines` also decodes the attributes and formats a bgpdump -m style line per entry.
// Prints {"entries", "ms", "rssMiB"}. usage: node bench/mrt-read.mjs FILE fast|lines
import { openInput } from '../dist/input/open.js';
import { readMrt, routeAttributes } from '../dist/mrt/index.js';

const [file, mode = 'fast'] = process.argv.slice(2);
const t0 = performance.now();
const input = await openInput(file);
let entries = 0;
let bytes = 0;
for await (const batch of readMrt(input.chunks)) {
  for (const r of batch) {
    entries++;
    if (mode === 'lines') {
      const a = routeAttributes(r);
      bytes += `TABLE_DUMP2|${r.time}|B|${r.peer.address}|${r.peer.asn}|${r.network}/${r.length}|${a.asPath}|${a.bgpOrigin}|${a.nextHop}\n`.length;
    } else if (r.origin !== null) bytes += r.origin & 1;
  }
}
console.log(JSON.stringify({ entries, ms: Math.round(performance.now() - t0), rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20), checksum: bytes }));
