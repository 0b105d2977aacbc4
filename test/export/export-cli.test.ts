import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { monthsBetween } from '../../src/export/csv.js';
import { parseRpsl, routeFromAttributes } from '../../src/providers/irr/rpsl.js';
import { EXAMPLE_ROOT, cli } from '../helpers/repo.js';
import { AT, EXPORT_FILES, exportRepo } from './fixture.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const SLURM_SCHEMA = JSON.parse(fs.readFileSync(path.join(EXAMPLE_ROOT, 'schema/slurm.schema.json'), 'utf8'));
const validateSlurm = new Ajv2020({ allErrors: true, strict: true }).compile(SLURM_SCHEMA);

async function exported(format: string, root = exportRepo(), at = AT): Promise<string> {
  const result = await cli(['export', '--repo', root, '--format', format, '--at', at]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('export --format slurm', () => {
  it('asserts the lease and AS0 ROAs of the day, in prefix order, valid against the RFC 8416 schema', async () => {
    const slurm = JSON.parse(await exported('slurm'));
    expect(validateSlurm(slurm), JSON.stringify(validateSlurm.errors)).toBe(true);
    expect(slurm.validationOutputFilters).toEqual({ prefixFilters: [], bgpsecFilters: [] });
    expect(slurm.locallyAddedAssertions.prefixAssertions).toEqual([
      { asn: 0, prefix: '192.0.2.0/24', maxPrefixLength: 32, comment: 'leasekit: holding h1 (AS0)' },
      { asn: 64501, prefix: '192.0.2.0/25', maxPrefixLength: 25, comment: 'leasekit: lease acme-1' },
      { asn: 64502, prefix: '192.0.2.0/25', maxPrefixLength: 25, comment: 'leasekit: lease acme-1' },
      { asn: 0, prefix: '198.51.100.0/24', maxPrefixLength: 32, comment: 'leasekit: holding h2 (AS0)' },
      { asn: 64504, prefix: '203.0.113.0/24', maxPrefixLength: 24, comment: 'leasekit: lease initech-1' },
    ]);
  });

  it('follows --at: the future lease appears once it starts, the ended one is gone', async () => {
    const slurm = JSON.parse(await exported('slurm', exportRepo(), '2026-09-01'));
    const leases = slurm.locallyAddedAssertions.prefixAssertions.map((a: { prefix: string; asn: number }) => `${a.prefix} AS${a.asn}`);
    expect(leases).toContain('192.0.2.128/26 AS64501');
    const early = JSON.parse(await exported('slurm', exportRepo(), '2025-06-01'));
    expect(early.locallyAddedAssertions.prefixAssertions.map((a: { prefix: string }) => a.prefix)).toContain('198.51.100.0/24');
    expect(early.locallyAddedAssertions.prefixAssertions).toContainEqual(expect.objectContaining({ asn: 64503 }));
  });

  it('the schema rejects what RFC 8416 rejects', () => {
    interface Slurm {
      slurmVersion: number;
      validationOutputFilters: { prefixFilters: object[]; bgpsecFilters: object[] };
      locallyAddedAssertions?: { prefixAssertions: object[]; bgpsecAssertions: object[] };
    }
    const good: Slurm = { slurmVersion: 1, validationOutputFilters: { prefixFilters: [], bgpsecFilters: [] }, locallyAddedAssertions: { prefixAssertions: [], bgpsecAssertions: [] } };
    expect(validateSlurm(good)).toBe(true);
    const bad = (patch: (s: Slurm) => void) => {
      const copy = structuredClone(good);
      patch(copy);
      return validateSlurm(copy);
    };
    expect(bad((s) => (s.slurmVersion = 2))).toBe(false);
    expect(bad((s) => delete s.locallyAddedAssertions)).toBe(false);
    expect(bad((s) => s.locallyAddedAssertions!.prefixAssertions.push({ prefix: '192.0.2.0/24', asn: 'AS64500' }))).toBe(false);
    expect(bad((s) => s.locallyAddedAssertions!.prefixAssertions.push({ prefix: '192.0.2.0/24' }))).toBe(false);
    expect(bad((s) => s.locallyAddedAssertions!.prefixAssertions.push({ prefix: '192.0.2.0/33', asn: 1 }))).toBe(false);
    expect(bad((s) => s.validationOutputFilters.prefixFilters.push({ comment: 'neither prefix nor asn' }))).toBe(false);
    expect(bad((s) => s.validationOutputFilters.prefixFilters.push({ asn: 64500, comment: 'asn only' }))).toBe(true);
    expect(bad((s) => s.locallyAddedAssertions!.bgpsecAssertions.push({ asn: 64500, SKI: 'x'.repeat(27) }))).toBe(false);
    expect(bad((s) => s.locallyAddedAssertions!.prefixAssertions.push({ prefix: '2001:db8::/32', asn: 64500, maxPrefixLength: 48 }))).toBe(true);
  });
});

describe('export --format bird', () => {
  it('declares a roa4 table and a static protocol with one route line per ROA', async () => {
    const text = await exported('bird');
    expect(text).toMatch(/^roa4 table leasekit_roa4;$/m);
    expect(text).toMatch(/^protocol static leasekit_roa4_static \{\n {2}roa4 \{ table leasekit_roa4; \};$/m);
    const routes = [...text.matchAll(/^ {2}route (\S+) max (\d+) as (\d+);/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(routes).toEqual(['192.0.2.0/24 32 0', '192.0.2.0/25 25 64501', '192.0.2.0/25 25 64502', '198.51.100.0/24 32 0', '203.0.113.0/24 24 64504']);
  });
});

describe('export --format rpsl', () => {
  it('prints the desired route objects, one blank line between them, that read back as the same objects', async () => {
    const text = await exported('rpsl');
    expect(text.split('\n\n')).toHaveLength(2);
    expect(text).not.toMatch(/\n\n\n/);
    const routes = parseRpsl(text).map((attrs) => routeFromAttributes(attrs, 'x'));
    expect(routes).toEqual([
      { type: 'route', provider: 'x', source: 'RIPE', prefix: '192.0.2.0/25', origin: 64501, mntBy: ['US-MNT'], remarks: ['managed by leasekit, lease acme-1'] },
      { type: 'route', provider: 'x', source: 'RIPE', prefix: '192.0.2.0/25', origin: 64502, mntBy: ['US-MNT'], remarks: ['managed by leasekit, lease acme-1'] },
    ]);
  });
});

describe('export --format csv', () => {
  it('one row per lease with state and monthly price, surviving a strict RFC 4180 parser with quotes, commas and newlines', async () => {
    const text = await exported('csv');
    expect(text.split('\r\n')[0]).toBe('id,contract,counterparty,prefix,addresses,start,end,origins,state,monthlyPrice,currency,counterpartyName,note');
    const rows = parse(text, { columns: true, strict: true, record_delimiter: '\r\n' } as never) as Record<string, string>[];
    expect(rows).toEqual([
      { id: 'acme-1', contract: 'c-acme', counterparty: 'acme', prefix: '192.0.2.0/25', addresses: '128', start: '2026-01-01', end: '2027-01-01', origins: '64501 64502', state: 'published', monthlyPrice: '64.00', currency: 'EUR', counterpartyName: 'ACME "Hosting", GmbH', note: 'Frankfurt, rack 4\nsecond line: "cage" B' },
      { id: 'acme-2', contract: 'c-acme', counterparty: 'acme', prefix: '192.0.2.128/26', addresses: '64', start: '2026-09-01', end: '2027-01-01', origins: '64501', state: 'future', monthlyPrice: '32.00', currency: 'EUR', counterpartyName: 'ACME "Hosting", GmbH', note: '' },
      { id: 'globex-1', contract: 'c-globex', counterparty: 'globex', prefix: '198.51.100.0/24', addresses: '256', start: '2025-01-01', end: '2026-03-01', origins: '64503', state: 'ended', monthlyPrice: '100.00', currency: 'USD', counterpartyName: 'Globex', note: '' },
      { id: 'initech-1', contract: 'c-initech', counterparty: 'initech', prefix: '203.0.113.0/24', addresses: '256', start: '2026-01-01', end: '2027-01-01', origins: '64504', state: 'published', monthlyPrice: '100.00', currency: 'EUR', counterpartyName: 'Initech S.A.', note: '' },
    ]);
  });

  it('shares a total price among the contract\'s leases by addresses over its months, and leaves it empty without an end', async () => {
    const root = exportRepo({
      'leases/contracts.yaml': EXPORT_FILES['leases/contracts.yaml'].replace('per: ip-month', 'per: total').replace('amount: 0.5', 'amount: 2400'),
    });
    const rows = parse(await exported('csv', root), { columns: true }) as Record<string, string>[];
    // 2400 over 12 months = 200 a month; acme-1 has 128 of the contract's 192 addresses
    expect(rows.filter((r) => r.contract === 'c-acme').map((r) => r.monthlyPrice)).toEqual(['133.33', '66.67']);
    const open = exportRepo({ 'leases/contracts.yaml': EXPORT_FILES['leases/contracts.yaml'].replace('per: prefix-month', 'per: total') });
    const globex = (parse(await exported('csv', open), { columns: true }) as Record<string, string>[]).find((r) => r.id === 'globex-1')!;
    expect([globex.monthlyPrice, globex.currency]).toEqual(['', 'USD']);
  });

  it('counts months by the calendar', () => {
    expect(monthsBetween('2026-01-01', '2027-01-01')).toBe(12);
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(monthsBetween('2026-01-01', '2026-02-15')).toBeCloseTo(1 + 14 / 28);
  });
});

describe('export, whatever the format', () => {
  it('is the same bytes whatever the order of the records in the files', async () => {
    const reordered = exportRepo({ 'leases/leases.yaml': EXPORT_FILES['leases/leases.yaml'].split('\n---\n').reverse().join('\n---\n') + '\n' });
    for (const format of ['slurm', 'bird', 'rpsl', 'csv']) {
      expect(await exported(format, reordered)).toBe(await exported(format));
    }
  });

  it('--out writes the file and prints nothing', async () => {
    const root = exportRepo();
    const out = path.join(root, 'roas.conf');
    const result = await cli(['export', '--repo', root, '--format', 'bird', '--at', AT, '--out', out]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.readFileSync(out, 'utf8')).toBe(await exported('bird', root));
  });

  it('refuses a repository with errors (exit 1, the findings on stderr, nothing written)', async () => {
    const root = exportRepo({ 'leases/extra.yaml': 'kind: lease\nid: bad\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]\n' });
    const out = path.join(root, 'roas.json');
    const result = await cli(['export', '--repo', root, '--format', 'slurm', '--at', AT, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('lease-overlap');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('needs a known --format (exit 2)', async () => {
    const root = exportRepo();
    expect((await cli(['export', '--repo', root])).code).toBe(2);
    const unknown = await cli(['export', '--repo', root, '--format', 'yaml']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format must be one of');
  });
});
