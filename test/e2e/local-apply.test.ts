import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT, cli, tempRepo } from '../helpers/repo.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');
const AT = '2026-11-27';
const registryFile = (root: string) => path.join(root, 'state/local-registry.json');
const readRegistry = (root: string) => JSON.parse(fs.readFileSync(registryFile(root), 'utf8'));

async function planJson(root: string, at = AT) {
  const result = await cli(['plan', '--repo', root, '--at', at, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('apply on the local registry', () => {
  it('apply then plan shows no changes, and the registry file is sorted JSON', async () => {
    const root = tempRepo({}, 'example');
    const applied = await cli(['apply', '--repo', root, '--at', AT, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Applied: 11 created, 0 updated, 0 deleted/);
    const again = await planJson(root);
    expect(again.changes).toEqual([]);
    expect(again.summary).toEqual({ create: 0, update: 0, delete: 0, unchanged: 11 });
    const detailed = await cli(['plan', '--repo', root, '--at', AT, '--detailed-exitcode']);
    expect(detailed.code).toBe(0);
    expect(readRegistry(root).roas.map((r: { prefix: string; asn: number }) => `${r.prefix} ${r.asn}`)).toEqual([
      '192.0.2.0/24 0',
      '198.51.100.0/24 0',
      '198.51.100.0/24 64502',
      '198.51.100.0/24 64503',
      '203.0.113.0/24 0',
      '203.0.113.0/24 64504',
    ]);
    expect(fs.readFileSync(path.join(root, 'state/journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('moving --at past an expiry plans exactly the expired lease\'s deletes', async () => {
    const root = tempRepo({}, 'example');
    await cli(['apply', '--repo', root, '--at', AT, '--yes']);
    const later = await planJson(root, '2028-01-01');
    expect(later.changes.map((c: { op: string; type: string; prefix: string }) => `${c.op} ${c.type} ${c.prefix}`)).toEqual(['delete child-resources 192.0.2.0/24', 'delete route 192.0.2.0/24']);
    expect((await cli(['plan', '--repo', root, '--at', '2028-01-01', '--detailed-exitcode'])).code).toBe(2);
    const applied = await cli(['apply', '--repo', root, '--at', '2028-01-01', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await planJson(root, '2028-01-01')).changes).toEqual([]);
  });

  it('refuses a saved plan made stale by a registry change, naming the change', async () => {
    const root = tempRepo({}, 'example');
    const planFile = path.join(root, 'plan.json');
    expect((await cli(['plan', '--repo', root, '--at', AT, '--out', planFile])).code).toBe(0);
    fs.mkdirSync(path.join(root, 'state'));
    fs.writeFileSync(registryFile(root), JSON.stringify({ roas: [{ prefix: '192.0.2.0/24', maxLength: 32, asn: 0 }], routes: [], childResources: [] }));
    const result = await cli(['apply', '--repo', root, '--at', AT, '--plan', planFile, '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/plan changed since it was approved/);
    expect(result.stderr).toMatch(/approved change no longer planned: create roa local 192.0.2.0\/24 0 32/);
    expect(readRegistry(root).roas).toHaveLength(1);
    const fresh = path.join(root, 'fresh.json');
    await cli(['plan', '--repo', root, '--at', AT, '--out', fresh]);
    expect((await cli(['apply', '--repo', root, '--at', AT, '--plan', fresh, '--yes'])).code).toBe(0);
  });

  it('refuses to cross the safety thresholds unless --force', async () => {
    const root = tempRepo({}, 'example');
    await cli(['apply', '--repo', root, '--at', AT, '--yes']);
    // hand-add 12 managed ROAs that no record implies any more
    const state = readRegistry(root);
    for (let i = 0; i < 12; i++) state.roas.push({ prefix: '198.51.100.0/24', maxLength: 24, asn: 65536 + 100 + i });
    fs.writeFileSync(registryFile(root), JSON.stringify(state));
    const refused = await cli(['apply', '--repo', root, '--at', AT, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/12 of 23 managed objects would be deleted \(52.2% > maxDeletePercent 25\)/);
    expect(readRegistry(root).roas).toHaveLength(18);
    const forced = await cli(['apply', '--repo', root, '--at', AT, '--yes', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readRegistry(root).roas).toHaveLength(6);
  });

  it('needs --force to delete an AS0 ROA', async () => {
    const root = tempRepo({}, 'example');
    await cli(['apply', '--repo', root, '--at', AT, '--yes']);
    fs.writeFileSync(path.join(root, 'leases/holdings.yaml'), fs.readFileSync(path.join(root, 'leases/holdings.yaml'), 'utf8').replace('rpki: { provider: local, as0: true }', 'rpki: { provider: local, as0: false }'));
    const refused = await cli(['apply', '--repo', root, '--at', AT, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/AS0 ROA over 192.0.2.0\/24 would be deleted/);
    expect((await cli(['apply', '--repo', root, '--at', AT, '--yes', '--force'])).code).toBe(0);
  });

  it('refuses without --yes when there is no terminal, and --dry-run writes nothing', async () => {
    const root = tempRepo({}, 'example');
    const noYes = await cli(['apply', '--repo', root, '--at', AT]);
    expect(noYes.code).toBe(1);
    expect(noYes.stderr).toMatch(/pass --yes/);
    const dry = await cli(['apply', '--repo', root, '--at', AT, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(fs.existsSync(registryFile(root))).toBe(false);
  });

  it('two concurrent applies: one succeeds, the other fails cleanly naming the holder, the file is intact', async () => {
    const root = tempRepo({}, 'example');
    const env = { PATH: process.env.PATH, LEASEKIT_FAULT: 'local-slow-write' };
    const first = spawn(process.execPath, [BIN, 'apply', '--repo', root, '--at', AT, '--yes'], { env });
    const firstDone = new Promise<number>((resolve) => first.on('exit', (code) => resolve(code ?? -1)));
    const lock = `${registryFile(root)}.lock`;
    for (let i = 0; i < 100 && !fs.existsSync(lock); i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(lock)).toBe(true);
    const second = spawnSync(process.execPath, [BIN, 'apply', '--repo', root, '--at', AT, '--yes'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`locked by process ${first.pid} `));
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(await firstDone).toBe(0);
    expect(readRegistry(root).roas).toHaveLength(6);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('a process killed in the middle of a write leaves the previous registry file valid, and its stale lock is taken over', async () => {
    const root = tempRepo({}, 'example');
    await cli(['apply', '--repo', root, '--at', AT, '--yes']);
    const before = fs.readFileSync(registryFile(root), 'utf8');
    const killed = spawnSync(process.execPath, [BIN, 'apply', '--repo', root, '--at', '2028-01-01', '--yes'], { encoding: 'utf8', env: { PATH: process.env.PATH, LEASEKIT_FAULT: 'local-crash-before-rename' } });
    expect(killed.signal).toBe('SIGKILL');
    expect(fs.readFileSync(registryFile(root), 'utf8')).toBe(before);
    expect(() => JSON.parse(before)).not.toThrow();
    expect(fs.existsSync(`${registryFile(root)}.lock`)).toBe(true);
    const retried = await cli(['apply', '--repo', root, '--at', '2028-01-01', '--yes']);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toMatch(/Applied: 0 created, 0 updated, 2 deleted/);
  });

  it('--settle waits between the creates and the deletes, and only then', async () => {
    const root = tempRepo({}, 'example');
    await cli(['apply', '--repo', root, '--at', AT, '--yes']);
    const edit = (file: string, from: string, to: string) => fs.writeFileSync(path.join(root, file), fs.readFileSync(path.join(root, file), 'utf8').replace(from, to));
    edit('leases/parties.yaml', 'asns: [64504]', 'asns: [64504, 64505]');
    edit('leases/leases/initech.yaml', 'origins: [64504]', 'origins: [64505]');
    fs.rmSync(path.join(root, 'state/journal.jsonl'));
    const moved = await cli(['apply', '--repo', root, '--at', AT, '--yes', '--settle', '0.4']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toMatch(/settling 0.4s/);
    const batches = fs.readFileSync(path.join(root, 'state/journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(batches.map((b) => b.phase)).toEqual(['roa-create', 'route-write', 'route-delete', 'roa-delete']);
    expect(Date.parse(batches[2].time) - Date.parse(batches[1].time)).toBeGreaterThanOrEqual(400);
    const createsOnly = await cli(['apply', '--repo', tempRepo({}, 'example'), '--at', AT, '--yes', '--settle', '0.4']);
    expect(createsOnly.stderr).not.toMatch(/settling/);
    expect((await cli(['apply', '--repo', root, '--settle', 'soon'])).code).toBe(2);
  });
});
