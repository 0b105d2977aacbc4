// Hostile YAML against the loader: alias expansion bounded by size, not only by count;
// no record value serialised whole into a message; many findings in one file located in one pass.
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/repo/files.js';
import { BASE, tempRepo, validateJson, withCode } from '../helpers/repo.js';

/** 8 levels of 10 aliases each to the level below: 80 aliases (under the count limit of 100), 10^8 values. */
function aliasBomb(): string {
  const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level < 8; level++) lines.push(`l${level}: &l${level} [${Array(10).fill(`*l${level - 1}`).join(', ')}]`);
  return lines.join('\n');
}

describe('alias expansion', () => {
  it('refuses a document whose aliases expand to 10^8 values, quickly, as yaml-syntax', async () => {
    const bomb = `bomb:\n  ${aliasBomb().split('\n').join('\n  ')}\nkind: *l7\nid: boom\n`;
    const root = tempRepo({ ...BASE, 'leases/bomb.yaml': bomb });
    const started = Date.now();
    const report = await validateJson(root);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(withCode(report, 'yaml-syntax')).toEqual([
      expect.objectContaining({ file: 'leases/bomb.yaml', line: 3, message: expect.stringMatching(/^aliases expand this document to more than 100000 values/) }),
    ]);
    expect(report.diagnostics.filter((d) => d.file === 'leases/bomb.yaml')).toHaveLength(1);
    expect(report.records).toBe(6); // the base records; the bomb is not one
  });

  it('refuses it in a field of a valid record too, and keeps the file\'s other records', async () => {
    const lease = 'kind: party\nid: p2\nname: P2\n---\n' + `kind: party\nid: p3\nname: P3\nnote: *l7\n${aliasBomb()}\n`;
    const root = tempRepo({ ...BASE, 'leases/more.yaml': lease });
    const report = await validateJson(root);
    const [finding] = withCode(report, 'yaml-syntax');
    expect(finding).toMatchObject({ file: 'leases/more.yaml', line: 8 });
    expect(report.records).toBe(7);
  });

  it('still accepts aliases that repeat a little', async () => {
    const root = tempRepo({ ...BASE, 'leases/small.yaml': 'kind: party\nid: p2\nname: &n Small\nnote: *n\n---\nkind: party\nid: p3\nasns: &a [64510]\nname: P3\nnote: &m [*a, *a, *a]\nabuse: &e a@example.net\n' });
    const report = await validateJson(root);
    expect(withCode(report, 'yaml-syntax')).toEqual([]);
    expect(report.records).toBe(8);
  });
});

describe('messages about values', () => {
  it('describe a list or mapping where a kind belongs by its shape, not by its content', async () => {
    const root = tempRepo({ ...BASE, 'leases/odd.yaml': `kind: [${Array(5000).fill('lease').join(', ')}]\nid: odd\n` });
    const [finding] = withCode(await validateJson(root), 'schema');
    expect(finding.message).toBe('unknown kind a list; expected one of: party, holding, contract, lease, delegation');
  });
});

describe('locating many findings in one file', () => {
  it('reports 121,837 unknown keys of a file under 1 MiB in linear time', async () => {
    const keys = Array.from({ length: 121_837 }, (_, i) => `x${i.toString(36)}:`); // a letter first: no key reads as a number or is a field
    const text = `kind: party\nid: wide\nname: Wide\n${keys.join('\n')}\n`;
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_FILE_BYTES);
    const root = tempRepo({ ...BASE, 'leases/wide.yaml': text });
    const started = Date.now();
    const report = await validateJson(root);
    expect(Date.now() - started).toBeLessThan(60_000); // 2 min 12 s before, on a quiet machine
    const unknown = withCode(report, 'schema').filter((d) => d.file === 'leases/wide.yaml');
    expect(unknown).toHaveLength(121_837);
    expect(unknown[0]).toMatchObject({ line: 4, column: 1 });
    expect(unknown[121_836]).toMatchObject({ line: 121_840, column: 1 });
  }, 120_000);
});
