import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, tempRepo, validateJson, withCode } from '../helpers/repo.js';

describe('loading record files', () => {
  it('reports a syntax error at its line and keeps other files', async () => {
    const root = tempRepo({ ...BASE, 'leases/bad.yaml': 'kind: lease\nid: x\norigins: [1, 2\n' });
    const report = await validateJson(root);
    const [d] = withCode(report, 'yaml-syntax');
    expect(d).toMatchObject({ file: 'leases/bad.yaml', severity: 'error' });
    expect(d.line).toBeGreaterThanOrEqual(3);
    expect(report.records).toBe(6);
  });

  it('reports a duplicate key at the repeated key', async () => {
    const root = tempRepo({ ...BASE, 'leases/dup.yaml': 'kind: party\nid: p2\nname: A\nname: B\n' });
    const [d] = withCode(await validateJson(root), 'yaml-duplicate-key');
    expect(d).toMatchObject({ file: 'leases/dup.yaml', line: 4, column: 1 });
  });

  it('keeps every document of a multi-document file with a duplicate key', async () => {
    const root = tempRepo({ ...BASE, 'leases/more.yaml': 'kind: party\nid: p2\nname: A\n---\nkind: party\nid: p3\nname: B\nname: C\n---\nkind: party\nid: p4\nname: D\n' });
    const report = await validateJson(root);
    expect(withCode(report, 'yaml-duplicate-key')).toHaveLength(1);
    expect(withCode(report, 'yaml-duplicate-key')[0]).toMatchObject({ line: 8, column: 1 });
    expect(report.records).toBe(9);
  });

  it('loses only the broken document of a multi-document file', async () => {
    const root = tempRepo({ ...BASE, 'leases/more.yaml': 'kind: party\nid: p2\nname: A\n---\nkind: party\nid: p3\nname: *nowhere\n---\nkind: party\nid: p4\nname: D\n' });
    const report = await validateJson(root);
    expect(withCode(report, 'yaml-syntax')).toHaveLength(1);
    expect(report.records).toBe(8);
  });

  it('refuses an alias bomb quickly as yaml-syntax', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 16; i++) lines.push(`${'abcdefghijklmnopq'[i]}: &${'abcdefghijklmnopq'[i]} [${Array(9).fill(`*${'abcdefghijklmnopq'[i - 1]}`).join(',')}]`);
    const root = tempRepo({ ...BASE, 'leases/bomb.yaml': `kind: party\nid: bomb\nname: x\nx:\n  ${lines.join('\n  ')}\n` });
    const started = Date.now();
    const report = await validateJson(root);
    expect(Date.now() - started).toBeLessThan(5000);
    const [d] = withCode(report, 'yaml-syntax');
    expect(d.file).toBe('leases/bomb.yaml');
    expect(d.message).toMatch(/alias/);
  });

  it('refuses files over 1 MiB, binary files and invalid UTF-8', async () => {
    const root = tempRepo({
      ...BASE,
      'leases/huge.yaml': `kind: party\nid: huge\nname: "${'x'.repeat(1024 * 1024)}"\n`,
      'leases/binary.yaml': Buffer.from([0x6b, 0x00, 0x01, 0x02]),
      'leases/latin1.yaml': Buffer.from('kind: party\nid: p9\nname: Caf\xe9\n', 'latin1'),
    });
    const report = await validateJson(root);
    const byFile = Object.fromEntries(withCode(report, 'yaml-syntax').map((d) => [d.file, d.message]));
    expect(byFile['leases/huge.yaml']).toMatch(/1 MiB/);
    expect(byFile['leases/binary.yaml']).toMatch(/binary/);
    expect(byFile['leases/latin1.yaml']).toMatch(/UTF-8/);
  });

  it('reports an empty file, an empty document, a list and a scalar document', async () => {
    const root = tempRepo({ ...BASE, 'leases/empty.yaml': '# nothing here\n', 'leases/shapes.yaml': '- a\n- b\n---\njust text\n---\n---\nkind: party\nid: ok\nname: OK\n' });
    const report = await validateJson(root);
    const messages = withCode(report, 'schema').map((d) => `${d.file}:${d.line} ${d.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^leases\/empty.yaml:1 file holds no records/),
      expect.stringMatching(/^leases\/shapes.yaml:1 document 1 is a list/),
      expect.stringMatching(/^leases\/shapes.yaml:4 document 2 is a string/),
      expect.stringMatching(/^leases\/shapes.yaml:\d+ document 3 is empty/),
    ]);
    expect(report.records).toBe(7);
  });

  it('does not follow a symbolic link out of the repository', async () => {
    const outside = tempRepo({ 'secret.yaml': 'kind: party\nid: outsider\nname: X\n' });
    const root = tempRepo(BASE);
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'leases/link.yaml'));
    fs.symlinkSync(outside, path.join(root, 'leases/linkdir'));
    const report = await validateJson(root);
    expect(withCode(report, 'path-escape').map((d) => d.file).sort()).toEqual(['leases/link.yaml', 'leases/linkdir']);
    expect(report.records).toBe(6);
  });

  it('follows a link that stays inside the repository', async () => {
    const root = tempRepo({ ...BASE, 'other/p.yaml': 'kind: party\nid: inside\nname: X\n' });
    fs.symlinkSync(path.join(root, 'other/p.yaml'), path.join(root, 'leases/p.yaml'));
    const report = await validateJson(root);
    expect(report.errors).toBe(0);
    expect(report.records).toBe(7);
  });

  it('reads YAML 1.2 core scalars: NO and unquoted dates are strings', async () => {
    const root = tempRepo({ ...BASE, 'leases/p.yaml': 'kind: party\nid: norway\nname: NO\ncountry: NO\n' });
    const report = await validateJson(root);
    expect(report.errors).toBe(0);
  });
});
