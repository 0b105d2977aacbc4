import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATE_REPO } from '../helpers/github.js';
import { cli, tempRepo } from '../helpers/repo.js';

/** state/local-registry.json is a file people edit and disks fill: every failure is clear, nothing is lost. */
const AT = '2026-06-01';
const REL = 'state/local-registry.json';
const EMPTY = { roas: [], routes: [], childResources: [] };

function repoWith(state: unknown): { root: string; file: string } {
  const root = tempRepo({ ...GATE_REPO, [REL]: typeof state === 'string' ? state : JSON.stringify(state, null, 2) });
  return { root, file: path.join(root, REL) };
}
const apply = (root: string, env: Record<string, string> = {}) => cli(['apply', '--repo', root, '--at', AT, '--yes'], { env });
const leftovers = (root: string) => fs.readdirSync(path.join(root, 'state')).filter((f) => f.endsWith('.tmp'));

describe('the local registry file', () => {
  it('keeps top-level fields it does not know across an apply', async () => {
    const { root, file } = repoWith({ $comment: 'kept by hand', meta: { owner: 'noc' }, ...EMPTY });
    const result = await apply(root);
    expect(result.code).toBe(0);
    const after = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(after.$comment).toBe('kept by hand');
    expect(after.meta).toEqual({ owner: 'noc' });
    expect(after.roas.length).toBeGreaterThan(0);
  });

  it('refuses an object field it would drop, naming the file and the field, and changes nothing', async () => {
    const state = { ...EMPTY, roas: [{ prefix: '185.50.0.0/24', maxLength: 24, asn: 64501, ticket: 'NOC-12' }] };
    const { root, file } = repoWith(state);
    const before = fs.readFileSync(file, 'utf8');
    for (const result of [await cli(['plan', '--repo', root, '--at', AT]), await apply(root)]) {
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`${REL}: roas[0] has the field 'ticket'`);
      expect(result.stderr).not.toContain('internal error');
    }
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  const shapes: Array<[string, unknown, string]> = [
    ['a list', [], 'must be a JSON object'],
    ['null', 'null', 'must be a JSON object'],
    ['roas as an object', { ...EMPTY, roas: {} }, "'roas' must be a list"],
    ['a ROA without asn', { ...EMPTY, roas: [{ prefix: '185.50.0.0/24', maxLength: 24 }] }, "roas[0] has no 'asn'"],
    ['a route with a numeric mntBy', { ...EMPTY, routes: [{ source: 'RIPE', prefix: '185.50.0.0/24', origin: 1, mntBy: 7 }] }, 'routes[0].mntBy must be a list of strings'],
    ['not JSON', '{"roas": [', 'is not valid JSON'],
  ];
  for (const [what, state, says] of shapes) {
    it(`a file that is ${what} is a clear error naming it, not an internal error`, async () => {
      const { root } = repoWith(state);
      const result = await cli(['plan', '--repo', root, '--at', AT]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(REL);
      expect(result.stderr).toContain(says);
      expect(result.stderr).not.toContain('internal error');
    });
  }

  it('a full disk is a clear error; the file is unchanged and no *.tmp is left', async () => {
    const { root, file } = repoWith(EMPTY);
    const before = fs.readFileSync(file, 'utf8');
    const result = await apply(root, { LEASEKIT_FAULT: 'local-disk-full' });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('no space left on the device');
    expect(result.stdout + result.stderr).not.toContain('internal error');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(leftovers(root)).toEqual([]);
  });
});
