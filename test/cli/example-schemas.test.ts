import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/repo/yaml-documents.js';
import { readText } from '../../src/repo/files.js';
import { SourceFile } from '../../src/repo/source-file.js';
import { schemas, type SchemaName } from '../../src/repo/schemas.js';
import { EXAMPLE_ROOT } from '../helpers/repo.js';

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []));
}

const files = [...yamlFiles(path.join(EXAMPLE_ROOT, 'leases')), path.join(EXAMPLE_ROOT, 'leasekit.yaml')];

describe('the example files and their editor modelines', () => {
  it.each(files.map((f) => path.relative(EXAMPLE_ROOT, f)))('%s validates against the schema its modeline names', (rel) => {
    const full = path.join(EXAMPLE_ROOT, rel);
    const file = readText(full, rel) as SourceFile;
    const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(file.text);
    expect(modeline, 'modeline present').not.toBeNull();
    const schemaPath = path.resolve(path.dirname(full), modeline![1]);
    expect(fs.existsSync(schemaPath), `${schemaPath} exists`).toBe(true);
    const name = path.basename(schemaPath, '.schema.json');
    const { documents, problems } = parseYaml(file);
    expect(problems).toEqual([]);
    for (const doc of documents) {
      const value = doc.value as { kind?: string };
      const schema = (name === 'record' ? value.kind : name) as SchemaName;
      expect(schemas().validate(schema, value)).toEqual([]);
    }
  });
});

describe('the schemas as an editor loads them', () => {
  it('use relative $ids and $refs that name sibling files, so nothing is fetched from the network', () => {
    const dir = path.join(EXAMPLE_ROOT, 'schema');
    for (const name of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      expect(JSON.parse(text).$id).toBe(name);
      for (const [, ref] of text.matchAll(/"\$ref":\s*"([^"#]*)#?[^"]*"/g)) {
        if (ref) expect(fs.existsSync(path.join(dir, ref)), `${name} -> ${ref}`).toBe(true);
      }
      expect(text).not.toMatch(/"\$ref":\s*"https?:/);
    }
  });
});
