// Benchmark of `leasekit report site` (not a test): builds the site of a generated repository,
// reports the time, the largest page, and how soon the overview is interactive in chromium.
//   node bench/report-site.mjs [LEASES=100000]
// Targets: 100k leases under 10 s, every page under 5 MB, the overview interactive within 2 s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateReportRepository } from './generate-report.mjs';
import { Resolved } from '../dist/resolve/resolved.js';
import { loadRepository } from '../dist/repo/load.js';
import { reportInput } from '../dist/report/reports.js';
import { writeSite } from '../dist/report/site.js';

const leases = Number(process.argv[2] ?? 100_000);
const at = '2026-06-01';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-bench-site-'));
const root = path.join(work, 'repo');
const out = path.join(work, 'site');
const made = generateReportRepository(root, leases, at);
console.log(`repository: ${made.leases} leases, ${made.holdings} holdings, ${made.lessees} lessees`);

// Phases timed apart: loading the records is the loader's cost, the rest is the site's.
const cpu = (since) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1e6; };
let wall = performance.now();
let cpuStart = process.cpuUsage();
const repo = loadRepository(root);
const input = reportInput(new Resolved(repo));
const loadWall = (performance.now() - wall) / 1000;
const loadCpu = cpu(cpuStart);
wall = performance.now();
cpuStart = process.cpuUsage();
writeSite(input, { at, out });
const siteWall = (performance.now() - wall) / 1000;
const siteCpu = cpu(cpuStart);
const seconds = loadWall + siteWall;
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (wall times stretch when the machine is shared)`);
console.log(`load the records: ${loadWall.toFixed(2)} s wall, ${loadCpu.toFixed(2)} s CPU of this thread (parsing also runs on a worker)`);
console.log(`compute and write the site: ${siteWall.toFixed(2)} s wall, ${siteCpu.toFixed(2)} s CPU`);
const sizes = fs.readdirSync(out).map((f) => ({ f, bytes: fs.statSync(path.join(out, f)).size })).sort((a, b) => b.bytes - a.bytes);
const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
console.log(`report site: ${seconds.toFixed(2)} s wall in all (target < 10 s) for ${sizes.length} pages, ${(total / 1e6).toFixed(1)} MB in all`);
console.log(`largest page: ${sizes[0].f} ${(sizes[0].bytes / 1e6).toFixed(2)} MB; overview ${(fs.statSync(path.join(out, 'index.html')).size / 1e6).toFixed(2)} MB (target < 5 MB each)`);

const chromiumPath = '/usr/bin/chromium';
if (fs.existsSync(chromiumPath)) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-bench-chromium-')), {
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const file of ['index.html', sizes.find((s) => s.f !== 'index.html').f]) {
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`file://${path.join(out, file)}`, { waitUntil: 'load' });
      // interactive: the page answers a hover on its first link or map cell
      const target = file === 'index.html' ? 'table.holdings a' : 'svg.map rect.c';
      await page.hover(target);
      const ms = performance.now() - t0;
      const timing = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return { domInteractive: n.domInteractive, load: n.loadEventEnd }; });
      console.log(`${file}: interactive after ${ms.toFixed(0)} ms from navigation (domInteractive ${timing.domInteractive.toFixed(0)} ms, load ${timing.load.toFixed(0)} ms; target < 2000 ms)`);
      await page.close();
    }
  } finally {
    await context.close();
  }
} else {
  console.log(`${chromiumPath} missing: skipped the browser measurement`);
}
fs.rmSync(work, { recursive: true, force: true });
