import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT } from './helpers/repo.js';

/**
 * The shape of src/ that docs/architecture.md describes, held by a test: no import cycles,
 * nothing outside cli/ and action/ imports cli/, and comments cite the project's own docs.
 */
const SRC = path.join(EXAMPLE_ROOT, 'src');

/**
 * Import edges ignored by the cycle check, each a known cycle being removed. Every entry needs
 * its reason; delete it when the cycle is gone (the test then keeps it gone).
 */
const ALLOWED_CYCLE_EDGES: ReadonlyArray<{ from: string; to: string; why: string }> = [];

/**
 * The layers of src/ from the bottom up, as docs/architecture.md lists them: a file may import
 * its own folder and the folders before it, never one after. Folders not listed yet are not
 * checked (add them here and to the document).
 */
const LAYERS = ['errors.ts', 'version.ts', 'net', 'mrt', 'model', 'util', 'input', 'routes', 'repo', 'resolve', 'rules', 'compile', 'providers', 'plan', 'audit', 'report', 'render', 'export', 'loa', 'import', 'github', 'git', 'propose', 'reconcile', 'init', 'explain', 'cli', 'action'];
const layerOf = (file: string) => LAYERS.indexOf(file.split('/')[0]);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** src-relative path of every .ts file in src/ -> the src files it imports (type-only, re-exports and dynamic imports included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of filesUnder(SRC).filter((f) => f.endsWith('.ts'))) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((ref) => ref.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => path.relative(SRC, path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'))));
    graph.set(path.relative(SRC, file), targets);
  }
  return graph;
}

/** The strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

const withoutAllowed = (graph: Map<string, string[]>) =>
  new Map([...graph].map(([from, targets]) => [from, targets.filter((to) => !ALLOWED_CYCLE_EDGES.some((e) => e.from === from && e.to === to))]));

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('reads the imports it is meant to check', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('cli/main.ts')).toContain('cli/validate.ts');
    expect(graph.get('resolve/resolved.ts')).toContain('model/records.ts'); // an `import type`
  });

  it('finds a cycle when there is one', () => {
    const sample = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts', 'd.ts']]]);
    expect(cycles(sample)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  });

  it('has no import cycles', () => {
    expect(cycles(withoutAllowed(graph))).toEqual([]);
  });

  it('allows only cycles that still exist', () => {
    for (const edge of ALLOWED_CYCLE_EDGES) expect(graph.get(edge.from), `${edge.from} -> ${edge.to}: ${edge.why}`).toContain(edge.to);
  });

  it('imports cli/ only from cli/ and action/', () => {
    const offenders = [...graph]
      .filter(([from]) => !from.startsWith('cli/') && !from.startsWith('action/'))
      .flatMap(([from, targets]) => targets.filter((to) => to.startsWith('cli/')).map((to) => `${from} -> ${to}`));
    expect(offenders).toEqual([]);
  });

  it('imports only down the layers of docs/architecture.md', () => {
    const upward = [...graph].flatMap(([from, targets]) =>
      targets.filter((to) => layerOf(from) >= 0 && layerOf(to) > layerOf(from)).map((to) => `${from} -> ${to}`),
    );
    expect(upward).toEqual([]);
  });

  it('lists the layers in the order the document does', () => {
    const doc = fs.readFileSync(path.join(EXAMPLE_ROOT, 'docs/architecture.md'), 'utf8');
    const firstCells = doc.split('\n').filter((line) => line.startsWith('| `src/')).map((line) => line.split('|')[1]);
    const documented = firstCells.flatMap((cell) => [...cell.matchAll(/`src\/([^`/]+)/g)].map((m) => m[1]));
    expect(documented).toEqual(LAYERS);
  });

  it('keeps model/ at the bottom: it imports only net/ and itself', () => {
    const offenders = [...graph]
      .filter(([from]) => from.startsWith('model/'))
      .flatMap(([from, targets]) => targets.filter((to) => !to.startsWith('model/') && !to.startsWith('net/')).map((to) => `${from} -> ${to}`));
    expect(offenders).toEqual([]);
  });
});

describe('comments', () => {
  // the design notes the project started from are not part of it: cite docs/ instead
  const outside = ['FORMAT', 'PROVIDERS', 'GITHUB', 'DESIGN'].map((name) => `${name}.md`);

  it('cite the project\'s own documents, not notes outside the repository', () => {
    const files = [...filesUnder(SRC), ...filesUnder(path.join(EXAMPLE_ROOT, 'test'))];
    const citing = files.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (outside.some((name) => line.includes(name)) ? [`${path.relative(EXAMPLE_ROOT, file)}:${i + 1}`] : [])),
    );
    expect(citing).toEqual([]);
  });
});
