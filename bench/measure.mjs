// Runs one measured task in this fresh process and prints {ms, maxRssMiB, ...} as JSON.
// Node's start-up and module loading are outside the timing, the same for every task.
import fs from 'node:fs';
import path from 'node:path';
import * as jsyaml from 'js-yaml';

const [task, root, at] = process.argv.slice(2);
const dist = new URL('../dist/', import.meta.url);
const load = (m) => import(new URL(m, dist).href);

const TASKS = {
  // The floor: read every record file and parse it with js-yaml, nothing else.
  async floor() {
    let documents = 0;
    const walk = (dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.yaml')) documents += jsyaml.loadAll(fs.readFileSync(full, 'utf8')).length;
      }
    };
    walk(path.join(root, 'leases'));
    return { documents };
  },
  async validate() {
    const { loadRepository } = await load('repo/load.js');
    const { validate } = await load('rules/index.js');
    const result = validate(loadRepository(root), at);
    return { records: result.model.repo.records.length, errors: result.errors, warnings: result.warnings };
  },
  async plan() {
    const { loadRepository } = await load('repo/load.js');
    const { makePlan } = await load('plan/make-plan.js');
    const { plan, validation } = await makePlan(loadRepository(root), at, process.env);
    if (!plan) throw new Error(`validation failed: ${validation.errors} errors`);
    return { ...plan.summary };
  },
  async apply() {
    const { main } = await load('cli/main.js');
    let out = '';
    const code = await main(['apply', '--repo', root, '--at', at, '--yes', '--journal', path.join(root, 'journal.jsonl')], { stdout: (s) => (out += s), stderr: () => {}, env: process.env, isTTY: false, cwd: root });
    if (code !== 0) throw new Error(`apply exited ${code}`);
    return { applied: /Applied: (.*)/.exec(out)?.[1] };
  },
  async overlap() {
    const { overlappingPairs } = await load('net/interval-index.js');
    const { parsePrefix } = await load('net/ipv4.js');
    const count = Number(root);
    const prefixes = [];
    let seed = 42; // mulberry32: repeatable runs
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
    // like a large lessor book: 1% holdings (/12-/16), the rest leases (/20-/24), addresses at random
    for (let i = 0; i < count; i++) {
      const length = i % 100 === 0 ? 12 + Math.floor(random() * 5) : 20 + Math.floor(random() * 5);
      const start = (Math.floor(random() * 2 ** 32) >>> (32 - length)) << (32 - length);
      prefixes.push(parsePrefix(`${start >>> 24}.${(start >>> 16) & 255}.${(start >>> 8) & 255}.${start & 255}/${length}`).prefix);
    }
    const started = performance.now();
    const pairs = overlappingPairs(prefixes, (p) => p).length;
    return { prefixes: count, pairs, indexMs: Math.round(performance.now() - started) };
  },
};

const started = performance.now();
const detail = await TASKS[task]();
const ms = Math.round(performance.now() - started);
console.log(JSON.stringify({ task, ms, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), ...detail }));
