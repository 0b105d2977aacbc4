// Validation output, byte for byte, of the example repository and of a generated 10k-lease
// repository with findings, recorded before the loader's performance work. Run with
// UPDATE_GOLDEN=1 to re-record, and say in the commit why the output changed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT } from '../helpers/repo.js';
import { GOLDEN_DAY, generateGoldenRepository } from './generate.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');
const GOLDEN_DIR = path.join(import.meta.dirname, 'files');
const EXAMPLE_DAY = '2026-11-27';
const EXPIRING_DAY = '2028-11-15';

function validate(root: string, at: string, format: 'text' | 'json', env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(process.execPath, [BIN, 'validate', '--repo', root, '--at', at, '--format', format], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
    timeout: 60_000,
    maxBuffer: 1 << 26,
  });
  expect(result.stderr).toBe('');
  expect([0, 1]).toContain(result.status);
  return result.stdout;
}

function matchesGolden(name: string, output: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, output);
  }
  // compared as strings, not with toBe's diff of a megabyte, so a failure names the first differing line
  const expected = fs.readFileSync(file, 'utf8');
  if (output !== expected) {
    const got = output.split('\n');
    const want = expected.split('\n');
    const line = got.findIndex((l, i) => l !== want[i]);
    expect.fail(`${name} differs at line ${line + 1}:\n  golden: ${want[line]}\n  now:    ${got[line]}`);
  }
}

// a 10k-lease repository on a shared machine: generous bounds, still bounded
describe('golden validation output', { timeout: 120_000 }, () => {
  let generated: string;
  beforeAll(() => {
    generated = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-golden-'));
    generateGoldenRepository(generated);
  }, 120_000);
  afterAll(() => fs.rmSync(generated, { recursive: true, force: true }), 120_000);

  it('the example repository, text and JSON, on a clean day and on a day with a warning', () => {
    matchesGolden('example.txt', validate(EXAMPLE_ROOT, EXAMPLE_DAY, 'text'));
    matchesGolden('example.json', validate(EXAMPLE_ROOT, EXAMPLE_DAY, 'json'));
    matchesGolden('example-expiring.txt', validate(EXAMPLE_ROOT, EXPIRING_DAY, 'text'));
    matchesGolden('example-expiring.json', validate(EXAMPLE_ROOT, EXPIRING_DAY, 'json'));
  });

  it('a generated 10k-lease repository with findings, text and JSON', () => {
    const text = validate(generated, GOLDEN_DAY, 'text');
    expect(text.split('\n').length).toBeGreaterThan(300); // it does have findings of many kinds
    matchesGolden('generated-10k.txt', text);
    matchesGolden('generated-10k.json', validate(generated, GOLDEN_DAY, 'json'));
  });

  it('the same output when the files are loaded on two threads', () => {
    const env = { LEASEKIT_PARALLEL_MIN_FILES: '0' };
    matchesGolden('generated-10k.txt', validate(generated, GOLDEN_DAY, 'text', env));
    matchesGolden('generated-10k.json', validate(generated, GOLDEN_DAY, 'json', env));
  });

  it('the same output from a cold and from a warm parse cache', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-golden-cache-'));
    try {
      const env = { LEASEKIT_CACHE_DIR: cache };
      matchesGolden('generated-10k.txt', validate(generated, GOLDEN_DAY, 'text', env)); // cold: fills it
      expect(fs.readdirSync(cache)).toEqual(['parse-v1.json']);
      matchesGolden('generated-10k.txt', validate(generated, GOLDEN_DAY, 'text', env));
      matchesGolden('generated-10k.json', validate(generated, GOLDEN_DAY, 'json', env));
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
