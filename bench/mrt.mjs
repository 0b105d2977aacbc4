// MRT reading beside bgpdump: generates a 1M-entry TABLE_DUMP_V2 file (gzip too), then times
// `bgpdump -m FILE > /dev/null` and leasekit's reader on it, best of RUNS (default 3).
// usage: npm run build && node bench/mrt.mjs [ENTRIES]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { generateMrt } from './mrt-generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const entries = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dir = path.join(here, 'out');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `rib-${entries}.mrt`);
if (!fs.existsSync(file)) generateMrt(file, entries);
if (!fs.existsSync(`${file}.gz`)) fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file), { level: 6 }));

function best(fn) {
  return Array.from({ length: runs }, fn).reduce((a, b) => (b.ms < a.ms ? b : a));
}

function bgpdump(input) {
  const t0 = performance.now();
  const r = spawnSync('bgpdump', ['-m', '-q', input], { stdio: ['ignore', fs.openSync('/dev/null', 'w'), 'ignore'] });
  if (r.status !== 0) throw new Error(`bgpdump failed: ${r.status}`);
  return { ms: Math.round(performance.now() - t0) };
}

function leasekit(input, mode) {
  return JSON.parse(execFileSync(process.execPath, [path.join(here, 'mrt-read.mjs'), input, mode], { encoding: 'utf8' }));
}

const results = {};
for (const [name, input] of [['plain', file], ['gzip', `${file}.gz`]]) {
  results[name] = {
    bytes: fs.statSync(input).size,
    bgpdump: best(() => bgpdump(input)),
    leasekitOrigins: best(() => leasekit(input, 'fast')),
    leasekitLines: best(() => leasekit(input, 'lines')),
  };
}
console.log(JSON.stringify({ entries, results }, null, 2));
