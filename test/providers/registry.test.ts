import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/model/provider-capabilities.js';
import { createProvider, PROVIDER_TYPES, providerContext } from '../../src/providers/registry.js';
import { ProviderError } from '../../src/providers/types.js';
import { EXAMPLE_ROOT, tempRepo, validateJson, BASE } from '../helpers/repo.js';

const DOCS = path.join(EXAMPLE_ROOT, 'docs/providers');

describe('the provider registry', () => {
  it('builds every declared type, whose objectTypes match its capabilities', () => {
    const env = { K: 'k', T: 't' };
    const settings: Record<string, Record<string, string>> = { 'arin-rpki': { org: 'X' }, krill: { ca: 'c' }, irrd: { baseUrl: 'http://127.0.0.1:9' }, 'arin-irr': { org: 'X' } };
    for (const type of PROVIDER_TYPES) {
      const p = createProvider('p', { type, apiKeyEnv: 'K', tokenEnv: 'T', ...settings[type] }, providerContext(EXAMPLE_ROOT, env));
      expect(p.type).toBe(type);
      expect([...p.objectTypes].sort()).toEqual([...CAPABILITIES[type].objectTypes].sort());
    }
  });

  it('an unknown type names the known ones', () => {
    expect(() => createProvider('p', { type: 'ripe-rpky' }, providerContext(EXAMPLE_ROOT, {}))).toThrow(ProviderError);
    expect(() => createProvider('p', { type: 'ripe-rpky' }, providerContext(EXAMPLE_ROOT, {}))).toThrow(/known: local, ripe-rpki, arin-rpki, krill, ripe-db, irrd, arin-irr/);
  });

  it('no adapter imports the registry or the providers index (no import cycle)', () => {
    const dir = path.join(EXAMPLE_ROOT, 'src/providers');
    for (const sub of ['rpki', 'irr']) {
      for (const file of fs.readdirSync(path.join(dir, sub))) {
        const text = fs.readFileSync(path.join(dir, sub, file), 'utf8');
        expect(text, `${sub}/${file}`).not.toMatch(/from '\.\.\/(index|registry)\.js'/);
      }
    }
  });
});

describe('the fakes', () => {
  it('import nothing from the adapters: each parses and writes its wire format with its own code', () => {
    const dir = path.join(EXAMPLE_ROOT, 'test/fakes');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      expect(fs.readFileSync(path.join(dir, file), 'utf8'), file).not.toMatch(/from '\.\.\/\.\.\/src\/providers\//);
    }
  });
});

describe('docs/providers', () => {
  it.each(PROVIDER_TYPES)('%s has a page whose leasekit.yaml block validates', async (type) => {
    const page = fs.readFileSync(path.join(DOCS, `${CAPABILITIES[type].doc}.md`), 'utf8');
    for (const heading of ['## Refusals and what they mean', '## Capabilities']) {
      if (type !== 'local') expect(page).toContain(heading);
    }
    const block = /```yaml\n([\s\S]*?)```/.exec(page)?.[1];
    expect(block).toBeDefined();
    const root = tempRepo({ ...BASE, 'leasekit.yaml': `policy:\n  allowDocumentationSpace: true\n${block}` });
    expect((await validateJson(root)).diagnostics).toEqual([]);
  });

  it('the index lists every type', () => {
    const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    for (const type of PROVIDER_TYPES) expect(index).toContain(`| \`${type}\` |`);
  });
});

describe('planning with ready providers', () => {
  it('makePlan uses a provider handed in instead of building one from leasekit.yaml', async () => {
    const { makePlan } = await import('../../src/plan/make-plan.js');
    const { loadRepository } = await import('../../src/repo/load.js');
    const root = tempRepo({ ...BASE, 'leasekit.yaml': "policy:\n  allowDocumentationSpace: true\nproviders:\n  local: { type: local, path: '../not-used-when-ready.json' }\n" });
    const reads: string[][] = [];
    const ready = {
      name: 'local',
      type: 'memory',
      objectTypes: ['roa', 'route', 'child-resources'] as const,
      read: (scope: { prefixes: readonly string[] }) => (reads.push([...scope.prefixes]), Promise.resolve([])),
      apply: () => Promise.resolve([]),
    };
    const planned = await makePlan(loadRepository(root), '2026-06-01', {}, { ready: new Map([['local', ready]]) });
    expect(reads).toEqual([['192.0.2.0/24']]);
    expect(planned.plan?.changes.map((c) => `${c.op} ${c.object.type} ${c.object.prefix}`)).toEqual(['create roa 192.0.2.0/24']);
  });
});
