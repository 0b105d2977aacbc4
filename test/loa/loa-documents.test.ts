import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { cli } from '../helpers/repo.js';
import { AT, EXPORT_FILES, exportRepo } from '../export/fixture.js';
import { describeWithProgram, run } from '../export/real-tools.js';

const PDFTOTEXT = '/usr/bin/pdftotext';
const PDFTOPPM = '/usr/bin/pdftoppm';
const PDFINFO = '/usr/bin/pdfinfo';
const CHROMIUM = '/usr/bin/chromium';

async function letter(ext: string): Promise<{ root: string; file: string; register: { letters: Array<{ id: string; recordSha256: string }> } }> {
  const root = exportRepo();
  const file = path.join(root, `acme-1.${ext}`);
  const result = await cli(['loa', 'acme-1', '--repo', root, '--at', AT, '--to', 'Transit Co (AS64496)', '--out', file]);
  expect(result.code, result.stderr).toBe(0);
  return { root, file, register: JSON.parse(fs.readFileSync(path.join(root, 'state/loa-register.json'), 'utf8')) };
}

describeWithProgram(PDFTOTEXT, 'the PDF letter read back with poppler', () => {
  let pdf: Awaited<ReturnType<typeof letter>>;
  beforeAll(async () => {
    pdf = await letter('pdf');
  });

  it('holds every field as text that pdftotext extracts', async () => {
    const extracted = await run(PDFTOTEXT, ['-layout', pdf.file, '-']);
    expect(extracted.code).toBe(0);
    const text = extracted.stdout.replace(/[ \t]+/g, ' ');
    const { id, recordSha256 } = pdf.register.letters[0];
    for (const field of [
      'Example Networks, B.V.',
      'Registered holder at RIPE NCC',
      'IRR maintainer US-MNT',
      'abuse@example.net',
      'ACME "Hosting", GmbH',
      'noc@acme.example',
      'AS64501, AS64502',
      'To: Transit Co (AS64496)',
      '192.0.2.0/25 /25 AS64501',
      '192.0.2.0/25 /25 AS64502',
      'from 2026-01-01 until 2027-01-01 (the last day is 2026-12-31)',
      'maximum prefix length of /25',
      'ROA 192.0.2.0/25 max /25 AS64501 RPKI (local) not published',
      'route object 192.0.2.0/25 origin AS64501 IRR RIPE (local) not published',
      'RIPE NCC RPKI, provider local; IRR source RIPE, provider local',
      '2026-06-01',
      `Document: ${id}`,
      `Lease record sha256 ${recordSha256}`,
      'lease acme-1 under contract c-acme',
    ]) {
      expect(text).toContain(field);
    }
  });

  it('prints record text verbatim, Markdown characters and all', async () => {
    const root = exportRepo({ 'leases/parties.yaml': EXPORT_FILES['leases/parties.yaml'].replace('name: Initech S.A.', 'name: "Initech *S.A.* | `x` [y]"') });
    const file = path.join(root, 'i.pdf');
    expect((await cli(['loa', 'initech-1', '--repo', root, '--at', AT, '--out', file])).code).toBe(0);
    const text = (await run(PDFTOTEXT, [file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('authorises Initech *S.A.* | `x` [y] to originate');
  });

  it('is one A4 page that pdftoppm renders to PNG without errors', async () => {
    const info = await run(PDFINFO, [pdf.file]);
    expect(info.stdout).toMatch(/^Pages:\s+1$/m);
    expect(info.stdout).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);
    expect(info.stdout).toMatch(new RegExp(`^Keywords:\\s+${pdf.register.letters[0].id}$`, 'm'));
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-png-')), 'page');
    const rendered = await run(PDFTOPPM, ['-png', '-r', '60', '-singlefile', pdf.file, out]);
    expect(rendered.stderr).toBe('');
    expect(rendered.code).toBe(0);
    const png = fs.readFileSync(`${out}.png`);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000); // a page with text, not a blank
  });
});

describeWithProgram(CHROMIUM, 'the HTML letter printed by a browser', () => {
  it('fits on one printed page', async () => {
    const html = await letter('html');
    const printed = path.join(path.dirname(html.file), 'printed.pdf');
    const result = await run(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${printed}`, `file://${html.file}`], { timeoutMs: 60_000 });
    expect(fs.existsSync(printed), result.stderr).toBe(true);
    if (fs.existsSync(PDFINFO)) expect((await run(PDFINFO, [printed])).stdout).toMatch(/^Pages:\s+1$/m);
  }, 90_000);
});
