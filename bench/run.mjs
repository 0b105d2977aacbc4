// npm run bench: generated repositories of 1k, 10k and 100k leases, one file per lease (as
// `propose` writes them) and 100 leases per file. Each measurement is a fresh process; floor,
// validate and plan run alternately, round after round, so a slow spell of a shared machine
// hits all alike; best and median of BENCH_RUNS rounds, peak memory of the worst round.
// Also: validate's whole wall time through bin/leasekit.js (start-up included) and, for one
// file per lease, a warm parse cache with one changed file. Writes bench/out/results.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'out');
const BIN = path.join(here, '../bin/leasekit.js');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const layouts = (process.env.BENCH_LAYOUTS ?? '1,100').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FIRST_DAY = '2026-06-01';
const NEXT_DAY = '2026-09-01';

function measure(task, ...args) {
  const text = execFileSync(process.execPath, ['--max-old-space-size=4096', path.join(here, 'measure.mjs'), task, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(text.trim().split('\n').pop());
}

/** The CLI as a user runs it: wall time of the whole process, start-up included. */
function wall(root, env = {}) {
  const started = performance.now();
  try {
    execFileSync(process.execPath, [BIN, 'validate', '--repo', root, '--at', FIRST_DAY], { env: { ...process.env, ...env }, stdio: 'ignore' });
  } catch (err) {
    if (err.status !== 1) throw err; // findings are fine here
  }
  return { ms: Math.round(performance.now() - started) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function summary(runs) {
  const ms = runs.map((r) => r.ms);
  return { bestMs: Math.min(...ms), medianMs: median(ms), maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB ?? 0)), runs: ms };
}

/** One round: each task once, in this order; RUNS rounds. */
function alternate(tasks) {
  const runs = Object.fromEntries(Object.keys(tasks).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) for (const [name, task] of Object.entries(tasks)) runs[name].push(task(i));
  return Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, summary(v)]));
}

const ratio = (a, b) => +(a / b).toFixed(2);
const results = [];
fs.mkdirSync(out, { recursive: true });
for (const perFile of layouts) {
  for (const size of sizes) {
    const root = path.join(out, `repo-${size}-${perFile}`);
    const shape = generateRepository(root, size, perFile);
    fs.rmSync(path.join(root, 'state'), { recursive: true, force: true });
    measure('apply', root, FIRST_DAY); // the local registry holds FIRST_DAY; NEXT_DAY expires and starts leases
    const m = alternate({
      floor: () => measure('floor', root),
      validate: () => measure('validate', root, FIRST_DAY),
      plan: () => measure('plan', root, NEXT_DAY),
      validateWall: () => wall(root),
    });
    const row = { leases: size, perFile, files: shape.files, ...m };
    if (perFile === 1) {
      const cacheDir = path.join(out, `cache-${size}`);
      fs.rmSync(cacheDir, { recursive: true, force: true });
      wall(root, { LEASEKIT_CACHE_DIR: cacheDir }); // cold: fills the cache
      const changed = path.join(root, 'leases/leases/lessee-00000/lease-5.yaml');
      const original = fs.readFileSync(changed, 'utf8');
      // each round changes one file (a new note), so each warm run parses exactly one file again
      row.warmCacheWall = summary(Array.from({ length: RUNS }, (_, i) => {
        fs.writeFileSync(changed, `${original}note: edit ${i}\n`);
        return wall(root, { LEASEKIT_CACHE_DIR: cacheDir });
      }));
      fs.writeFileSync(changed, original);
    }
    row.validateOverFloor = ratio(m.validate.bestMs, m.floor.bestMs);
    row.validateOverFloorMedian = ratio(m.validate.medianMs, m.floor.medianMs);
    row.planOverValidate = ratio(m.plan.bestMs, m.validate.bestMs);
    row.planOverValidateMedian = ratio(m.plan.medianMs, m.validate.medianMs);
    results.push(row);
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const cell = (s) => `${s.bestMs} / ${s.medianMs}`;
console.log(`\nbest / median of ${RUNS} alternating rounds, ms; memory is the peak RSS of the worst round (${new Date().toISOString()}, node ${process.version})\n`);
console.log('| leases | per file | files | floor | validate | x floor (best, median) | peak MiB | plan | x validate (best, median) | plan MiB | validate wall, CLI | warm cache, 1 file changed |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.leases} | ${r.perFile} | ${r.files} | ${cell(r.floor)} | ${cell(r.validate)} | ${r.validateOverFloor}, ${r.validateOverFloorMedian} | ${r.validate.maxRssMiB} | ${cell(r.plan)} | ${r.planOverValidate}, ${r.planOverValidateMedian} | ${r.plan.maxRssMiB} | ${cell(r.validateWall)} | ${r.warmCacheWall ? cell(r.warmCacheWall) : '-'} |`);
}
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: RUNS, results }, null, 2));
