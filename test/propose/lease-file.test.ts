import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateSource } from '../../src/render/templates.js';
import { yamlValue } from '../../src/util/yaml-value.js';
import type { LeaseInput } from '../../src/propose/lease-input.js';
import { leaseFilePath, renderLeaseFile } from '../../src/propose/lease-file.js';
import { loadRepository } from '../../src/repo/load.js';
import { BASE, EXAMPLE_ROOT, tempRepo, validateJson } from '../helpers/repo.js';

const LEASE: LeaseInput = { id: 'acme-9', contract: 'c-acme', prefix: '192.0.2.0/25', origins: [64501, 64502] };

/** Notes that break naive interpolation: YAML syntax, quotes, line breaks, look-alikes of other types. */
const NOTES = [
  'Frankfurt: rack 4',
  'cage # 7, not a comment',
  `it's "quoted" and 'single' too`,
  'first line\nsecond line\n',
  'trailing: \n  indented next line',
  '- looks like a list',
  '{ looks: like a map }',
  'true',
  '0x1F',
  '2026-01-01',
  'null',
  '  leading and trailing spaces  ',
  '\ttab\r\nCRLF',
  '@team #123 `code` *stars*',
  '--- not a document marker',
  '... nor an end marker',
  '&anchor *alias !tag %directive',
  'é ü 中文 \u2028 line separator \u0085 next line',
  'x'.repeat(300),
];

describe('the lease template', () => {
  it('round-trips every note exactly through the YAML loader', () => {
    for (const note of NOTES) {
      const file = 'leases/acme-9.yaml';
      const text = renderLeaseFile({ ...LEASE, note }, '/nonexistent', file);
      const root = tempRepo({ ...BASE, [file]: text });
      const lease = loadRepository(root).byKind.lease.find((l) => l.id === 'acme-9');
      expect(lease?.fields.note, `note ${JSON.stringify(note)} became:\n${text}`).toBe(note);
    }
  });

  it('writes a lease that validates, with the optional fields only when given', async () => {
    const file = 'leases/acme-9.yaml';
    const full = renderLeaseFile({ ...LEASE, start: '2026-02-01', end: '2026-12-01', maxLength: 25, note: 'n' }, '/nonexistent', file);
    expect(full).toBe('kind: lease\nid: acme-9\ncontract: c-acme\nprefix: 192.0.2.0/25\nstart: 2026-02-01\nend: 2026-12-01\norigins: [64501, 64502]\nmaxLength: 25\nnote: n\n');
    expect(renderLeaseFile(LEASE, '/nonexistent', file)).toBe('kind: lease\nid: acme-9\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501, 64502]\n');
    const report = await validateJson(tempRepo({ ...BASE, [file]: full }));
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('adds the editor schema line only where the schema is, relative to the file', () => {
    const file = leaseFilePath(EXAMPLE_ROOT, 'x-1');
    expect(file).toBe('leases/leases/x-1.yaml');
    expect(renderLeaseFile(LEASE, EXAMPLE_ROOT, file)).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/schema\/record\.schema\.json\nkind: lease\n/);
    expect(leaseFilePath(tempRepo(BASE), 'x-1')).toBe('leases/x-1.yaml');
  });

  it('puts every value through the yaml helper: no raw interpolation', () => {
    const mustaches = templateSource('lease.yaml.hbs').replace(/\{\{!--[\s\S]*?--\}\}/g, '').match(/\{\{[^}]*\}\}/g) ?? [];
    const outputs = mustaches.filter((m) => !/^\{\{[#/]/.test(m));
    expect(outputs.length).toBeGreaterThan(5);
    for (const m of outputs) expect(m).toMatch(/^\{\{yaml [\w.]+\}\}$/);
  });
});

describe('yamlValue', () => {
  it('keeps plain what reads back the same, quotes what would not, and stays on one line', () => {
    expect(yamlValue('ACME hosting')).toBe('ACME hosting');
    expect(yamlValue('a: b')).toBe('"a: b"');
    expect(yamlValue('true')).toBe('"true"');
    expect(yamlValue('two\nlines')).toBe('"two\\nlines"');
    expect(yamlValue([64501, 64502])).toBe('[64501, 64502]');
    expect(yamlValue(24)).toBe('24');
    for (const note of NOTES) expect(yamlValue(note)).not.toContain('\n');
  });

  it('is what the template folder holds', () => {
    expect(fs.existsSync(path.join(EXAMPLE_ROOT, 'templates/lease.yaml.hbs'))).toBe(true);
  });
});
