// The audit at scale (not a test): 100k leases, 1M announcements, 500k VRPs. Times reading
// (repository, routes, VRPs) and the audit itself apart, with peak memory.
// usage: npm run build && node --max-old-space-size=4096 bench/audit.mjs [LEASES] [ROUTES] [VRPS]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [leases = 100_000, routeCount = 1_000_000, vrpCount = 500_000] = process.argv.slice(2).map(Number);
const AT = '2026-06-01';
const dir = path.join(here, 'out', `audit-${leases}`);
const dist = (m) => import(new URL(`../dist/${m}`, import.meta.url).href);

const ip = (a) => `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;

/** Every lease's /24 announced by its lessee (the generator's ASN scheme), some by others, the rest outside our space. */
function writeInputs() {
  fs.mkdirSync(dir, { recursive: true });
  const routes = [];
  const vrps = ['ASN,IP Prefix,Max Length,Trust Anchor'];
  for (let i = 0; i < leases && routes.length < routeCount; i++) {
    const h = Math.floor(i / 256);
    const prefix = `${20 + (h >> 8)}.${h & 255}.${i % 256}.0/24`;
    const lessee = Math.floor(i / 100);
    routes.push(`${prefix} ${i % 7 === 0 ? 64666 : 200000 + lessee}`);
    if (vrps.length <= vrpCount) vrps.push(`AS${200000 + lessee},${prefix},24,bench`);
  }
  for (let k = 0; routes.length < routeCount; k++) routes.push(`${ip(((140 << 24) + k * 256) >>> 0)}/24 ${1000 + (k % 50000)}`);
  for (let k = 0; vrps.length <= vrpCount; k++) vrps.push(`AS${1000 + (k % 50000)},${ip(((140 << 24) + k * 256) >>> 0)}/24,24,bench`);
  fs.writeFileSync(path.join(dir, 'routes.txt'), routes.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'vrps.csv'), vrps.join('\n') + '\n');
}

const repoRoot = path.join(dir, 'repo');
if (!fs.existsSync(path.join(dir, 'routes.txt'))) {
  generateRepository(repoRoot, leases);
  writeInputs();
}

const { loadRepository } = await dist('repo/load.js');
const { validate } = await dist('rules/index.js');
const { readRoutes } = await dist('routes/read-routes.js');
const { readVrps } = await dist('routes/read-vrps.js');
const { audit, locateFindings } = await dist('audit/audit.js');

// wall time, and CPU time (user + system), which a shared, loaded machine distorts far less
const cpu = {};
const time = async (fn, name) => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(c0);
  if (name) cpu[name] = Math.round((used.user + used.system) / 1000);
  return [value, Math.round(performance.now() - t0)];
};
let peak = 0;
const sample = globalThis.setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const [validation, loadMs] = await time(() => validate(loadRepository(repoRoot), AT), 'loadAndValidate');
const [{ routes, skipped }, routesMs] = await time(() => readRoutes([path.join(dir, 'routes.txt')]), 'readRoutes');
const [{ vrps }, vrpsMs] = await time(() => readVrps(path.join(dir, 'vrps.csv')), 'readVrps');
const [report, auditMs] = await time(() => audit({ model: validation.model, at: AT, routes, vrps, skipped }), 'audit');
const [, locateMs] = await time(() => locateFindings(report.findings), 'locateFindings');
globalThis.clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({
  leases: validation.model.repo.byKind.lease.length,
  routes: routes.size,
  vrps: vrps.length,
  findings: report.findings.length,
  summary: report.summary,
  ms: { loadAndValidate: loadMs, readRoutes: routesMs, readVrps: vrpsMs, audit: auditMs, locateFindings: locateMs },
  cpuMs: cpu,
  loadAverage: (await import('node:os')).loadavg()[0],
  peakRssMiB: Math.round(peak / 2 ** 20),
}, null, 2));
