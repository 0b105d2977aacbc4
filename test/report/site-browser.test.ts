// The static site in a real browser: Debian's chromium driven by playwright-core, pages opened
// from file:// with every non-file request refused and counted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReportRepository } from '../../bench/generate-report.mjs';
import { EXAMPLE_ROOT, cli, tempRepo } from '../helpers/repo.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(EXAMPLE_ROOT, 'test-artifacts/report');
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (the browser tests must run in CI)`);
if (!haveChromium) console.warn(`skipping the site browser tests: ${CHROMIUM} is not installed (apt-get install chromium)`);

const AT = '2026-06-01';

let context: BrowserContext;
const offending: string[] = [];
const problems: string[] = [];

async function open(file: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${page.url()}: console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  return visit(page, file);
}

async function visit(page: Page, file: string): Promise<Page> {
  await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 15_000 });
  return page;
}

async function buildSite(root: string, at: string, extra: string[] = []): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-site-'));
  const result = await cli(['report', 'site', '--repo', root, '--at', at, '--out', out, ...extra]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return out;
}

/** The holding page files of a site, from the overview's links. */
async function holdingLinks(page: Page): Promise<string[]> {
  return page.$$eval('table.holdings a', (links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
}

async function cellClass(page: Page, index: number): Promise<string> {
  return (await page.getAttribute(`svg.map rect.c[data-c="${index}"]`, 'class')) ?? '';
}

describe.skipIf(!haveChromium)('report site in chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      timeout: 30_000,
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://')) return route.continue();
      offending.push(url);
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  it('example repository: every page loads from file:// with no console errors and no network, and the map shows each state', async () => {
    // 2025-12-15: 192.0.2.0/24 rests after the lab, Globex holds 198.51.100.0/24, Initech's 203.0.113.0/24 starts in March
    const site = await buildSite(EXAMPLE_ROOT, '2025-12-15');
    const overview = await open(path.join(site, 'index.html'));
    const links = await holdingLinks(overview);
    expect(links).toHaveLength(3);
    await overview.screenshot({ path: path.join(ARTIFACTS, 'example-overview.png'), fullPage: true });
    const expected: Record<string, string> = { '192.0.2.0/24': 's-quarantine', '198.51.100.0/24': 's-leased k0', '203.0.113.0/24': 's-idle reserved' };
    for (const link of links) {
      const page = await open(path.join(site, link));
      const heading = await page.textContent('h1');
      const prefix = heading!.split('·')[1].trim();
      const cellLength = Number(await page.getAttribute('svg.map', 'data-len'));
      expect(await page.locator('svg.map rect.c').count()).toBe(2 ** (cellLength - Number(prefix.split('/')[1])));
      const classes = await page.$$eval('svg.map rect.c', (cells) => [...new Set(cells.map((c) => c.getAttribute('class')))]);
      expect(classes).toEqual([`c ${expected[prefix]}`]);
      await page.screenshot({ path: path.join(ARTIFACTS, `example-${prefix.replace('/', '_')}.png`), fullPage: true });
      await page.close();
    }
    expect(problems).toEqual([]);
    expect(offending).toEqual([]);
  }, 60_000);

  it('escapes lessee names and shows audit findings', async () => {
    const hostile = '<img src=x onerror="document.title=1">Evil</script>&co';
    const root = tempRepo({}, 'example');
    const parties = path.join(root, 'leases/parties.yaml');
    fs.writeFileSync(parties, fs.readFileSync(parties, 'utf8').replace('name: Globex Corporation', `name: '${hostile}'`));
    const audit = path.join(root, 'audit.json');
    fs.writeFileSync(audit, JSON.stringify({ at: AT, routes: 3, vrps: 2, findings: [{ code: 'route-after-end', severity: 'error', prefix: '198.51.100.0/24', origin: 64666, lease: 'globex-1', holding: 'arin-198-51-100', rpki: 'invalid', message: `former lessee ${hostile} still announces` }], summary: { errors: 1, warnings: 0 } }));
    const site = await buildSite(root, AT, ['--audit', audit]);
    const overview = await open(path.join(site, 'index.html'));
    expect(await overview.locator('#audit td').filter({ hasText: 'route-after-end' }).count()).toBe(1);
    expect(await overview.locator('#audit').textContent()).toContain(`former lessee ${hostile} still announces`);
    expect(await overview.locator('img').count()).toBe(0);
    const holding = await open(path.join(site, (await holdingLinks(overview))[1]));
    expect(await holding.locator('img').count()).toBe(0);
    expect(await holding.locator('.legend').first().textContent()).toContain(hostile);
    expect(await holding.locator('#audit').textContent()).toContain('route-after-end');
    await holding.hover('svg.map rect.c[data-c="0"]');
    expect(await holding.textContent('#tip')).toContain(hostile);
    expect(await holding.title()).not.toBe('1');
    expect(problems).toEqual([]);
    expect(offending).toEqual([]);
  }, 60_000);

  describe('a generated repository of 10,000 leases', () => {
    let site = '';
    let root = '';
    beforeAll(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-10k-'));
      const made = generateReportRepository(root, 10_000, AT);
      expect(made.leases).toBeGreaterThanOrEqual(10_000);
      site = await buildSite(root, AT);
    }, 120_000);

    it('has one map cell per /24 of each holding, and every page loads clean', async () => {
      const overview = await open(path.join(site, 'index.html'));
      const links = await holdingLinks(overview);
      expect(links).toHaveLength(fs.readdirSync(path.join(root, 'leases/leases')).length);
      const page = await open(path.join(site, links[0]));
      for (const link of links) {
        await visit(page, path.join(site, link));
        expect(await page.getAttribute('svg.map', 'data-len')).toBe('24');
        expect(await page.locator('svg.map rect.c').count()).toBe(256); // each holding is a /16
      }
      expect(problems).toEqual([]);
      expect(offending).toEqual([]);
    }, 180_000);

    it('colours known blocks by state, shows a lease on hover and on keyboard focus, and draws a bar per lease', async () => {
      const page = await open(path.join(site, 'holding-h-0.html'));
      expect(await page.textContent('h1')).toContain('20.0.0.0/16');
      expect(await cellClass(page, 0)).toMatch(/^c s-leased k\d$/); // 20.0.0.0/24: leased
      expect(await cellClass(page, 14)).toBe('c s-idle'); // 20.0.14.0/24: idle, free
      expect(await cellClass(page, 16)).toBe('c s-quarantine'); // 20.0.16.0/24: ended ten days ago
      expect(await cellClass(page, 17)).toBe('c s-internal');
      expect(await cellClass(page, 18)).toBe('c s-idle reserved'); // a lease starts in 40 days

      await page.hover('svg.map rect.c[data-c="0"]');
      const tip = page.locator('#tip');
      await expect.poll(() => tip.isVisible()).toBe(true);
      expect(await tip.innerText()).toBe('Aurora Hosting\n20.0.0.0/24\nleased: 20.0.0.0/24 (lease l-0-0)\n2026-02-21 to open-ended');
      await page.hover('svg.map rect.c[data-c="16"]');
      expect(await tip.innerText()).toMatch(/^Quarantine\n20\.0\.16\.0\/24\n20\.0\.16\.0\/24 rests until 2026-06-21\nafter .* \(lease l-0-16, ended 2026-05-22\)$/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'map-hover.png') });
      await page.locator('#map').screenshot({ path: path.join(ARTIFACTS, 'map.png') });

      await page.focus('svg.map rect.c[data-c="0"]');
      await page.keyboard.press('ArrowDown');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-c'));
      expect(focused).not.toBe('0');
      expect(await tip.innerText()).toContain(`20.0.${focused}.0/24`);

      const leaseIds = [...fs.readFileSync(path.join(root, 'leases/leases/h-00000.yaml'), 'utf8').matchAll(/^id: (\S+)$/gm)].map((m) => m[1]).sort();
      const barIds = (await page.$$eval('svg.timeline rect.bar.lease', (bars) => bars.map((b) => b.getAttribute('data-lease')!))).sort();
      expect(barIds).toEqual(leaseIds);
      await page.hover(`svg.timeline rect.bar.lease[data-lease="l-0-0"]`);
      expect(await tip.innerText()).toContain('Aurora Hosting\n20.0.0.0/24 (lease l-0-0)');
      const timeline = await page.locator('#timeline').boundingBox();
      await page.screenshot({ path: path.join(ARTIFACTS, 'timeline.png'), clip: { x: timeline!.x, y: timeline!.y, width: timeline!.width, height: Math.min(timeline!.height, 720) }, fullPage: true });
      expect(problems).toEqual([]);
      expect(offending).toEqual([]);
    }, 60_000);
  });
});
