// The parse cache: unchanged files are reused, a changed one is parsed again, and the output is
// exactly that of a run without the cache. Through bin/leasekit.js.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT, tempRepo } from '../helpers/repo.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function validate(root: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, 'validate', '--repo', root, '--at', '2026-11-27', '--format', 'json'], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CACHED = { LEASEKIT_CACHE_DIR: '.leasekit-cache', LEASEKIT_DEBUG: '1' };
const reused = (stderr: string) => /parse cache: (\d+) of (\d+) files reused/.exec(stderr)?.slice(1).map(Number);

describe('the parse cache', () => {
  const repo = () => {
    const root = tempRepo({ 'leases/leases/extra.yaml': 'kind: lease\nid: extra-1\ncontract: acme-2026\nprefix: 192.0.2.0/24\norigins: [64501]\norgins: [1]\n' }, 'example');
    made.push(root);
    return root;
  };

  it('fills on the first run and reuses every unchanged file on the next, with identical output', () => {
    const root = repo();
    const plain = validate(root);
    const cold = validate(root, CACHED);
    const warm = validate(root, CACHED);
    expect(fs.existsSync(path.join(root, '.leasekit-cache/parse-v1.json'))).toBe(true);
    expect(reused(cold.stderr)).toEqual([0, 9]);
    expect(reused(warm.stderr)).toEqual([9, 9]);
    expect(cold.stdout).toBe(plain.stdout);
    expect(warm.stdout).toBe(plain.stdout);
    expect(JSON.parse(warm.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['lease-overlap', 'schema']);
  });

  it('parses a changed file again, and a copy under another name keeps its own name and positions', () => {
    const root = repo();
    validate(root, CACHED);
    const extra = path.join(root, 'leases/leases/extra.yaml');
    fs.writeFileSync(extra, `# moved down a line\n${fs.readFileSync(extra, 'utf8')}`);
    fs.copyFileSync(extra, path.join(root, 'leases/leases/extra-copy.yaml'));
    const warm = validate(root, CACHED);
    expect(reused(warm.stderr)).toEqual([8, 10]); // the changed file and its copy are new to the cache
    expect(warm.stdout).toBe(validate(root).stdout);
    const schema = JSON.parse(warm.stdout).diagnostics.filter((d: { code: string }) => d.code === 'schema');
    expect(schema).toEqual([
      expect.objectContaining({ file: 'leases/leases/extra-copy.yaml', line: 7, column: 1 }),
      expect.objectContaining({ file: 'leases/leases/extra.yaml', line: 7, column: 1 }),
    ]);
  });

  it('starts afresh from a damaged cache file', () => {
    const root = repo();
    fs.mkdirSync(path.join(root, '.leasekit-cache'));
    fs.writeFileSync(path.join(root, '.leasekit-cache/parse-v1.json'), '{"salt": tru');
    const run = validate(root, CACHED);
    expect(reused(run.stderr)).toEqual([0, 9]);
    expect(run.stdout).toBe(validate(root).stdout);
  });
});
