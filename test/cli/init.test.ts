import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT } from '../helpers/repo.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');

function leasekit(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-init-test-'));

describe('leasekit init', () => {
  it('starts a repository that validates and plans, with settings, the self party, a holding and the workflows', () => {
    const dir = scratch();
    const result = leasekit(['init', 'acme', '--name', 'ACME: "Networks" #1', '--asn', '212100', '--asn', '64496,213000', '--holding', '185.50.0.0/22', '--registry', 'ripe'], dir);
    // 64496 is a documentation ASN: without --allow-documentation the repository would not validate
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^leases\/parties\.yaml:\d+:\d+: error\[asn-reserved\] AS64496/m);
    expect(result.stderr).toBe('leasekit: the new repository would not validate; nothing was written\n');
    expect(fs.existsSync(path.join(dir, 'acme'))).toBe(false);

    const ok = leasekit(['init', 'acme', '--name', 'ACME: "Networks" #1', '--asn', '212100,213000', '--holding', '185.50.0.0/22', '--registry', 'ripe'], dir);
    expect(ok.code, ok.stderr).toBe(0);
    const root = path.join(dir, 'acme');
    for (const file of ['leasekit.yaml', 'leases/parties.yaml', 'leases/holdings.yaml', '.gitignore', 'README.md', 'package.json', '.github/workflows/leasekit-gate.yml']) {
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    }
    // values are quoted, never pasted: the name with a colon, quotes and a hash reads back exactly
    expect(parse(fs.readFileSync(path.join(root, 'leases/parties.yaml'), 'utf8'))).toMatchObject({ kind: 'party', id: 'acme-networks-1', name: 'ACME: "Networks" #1', self: true, asns: [212100, 213000] });
    expect(fs.readFileSync(path.join(root, 'leasekit.yaml'), 'utf8')).toMatch(/^ {2}# ripe-rpki: \{ type: ripe-rpki/m);
    expect(fs.readFileSync(path.join(root, '.github/workflows/leasekit-gate.yml'), 'utf8')).not.toMatch(/bin\/leasekit\.js/);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))).toMatchObject({ private: true, devDependencies: { leasekit: expect.stringMatching(/^leasekit@\^\d/) } });

    const validated = leasekit(['validate'], path.join(root, 'leases'));
    expect(validated.code).toBe(0);
    expect(validated.stdout).toMatch(/2 records checked: 0 errors, 0 warnings/);
    expect(leasekit(['plan'], root).stdout).toMatch(/\+ roa +185\.50\.0\.0\/22 max 32 AS0/);
  });

  it('overwrites nothing: a folder that already is a repository is refused', () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'leasekit.yaml'), 'policy: {}\n');
    const result = leasekit(['init', '--name', 'X', '--asn', '212100'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already has leasekit\.yaml: leasekit init starts a new repository and overwrites nothing/);
    expect(fs.readFileSync(path.join(dir, 'leasekit.yaml'), 'utf8')).toBe('policy: {}\n');
  });

  it('says what is missing or malformed, exit 2', () => {
    const dir = scratch();
    const cases: Array<[string[], RegExp]> = [
      [['init', '--asn', '212100'], /init needs --name NAME/],
      [['init', '--name', 'X'], /init needs --asn ASN/],
      [['init', '--name', 'X', '--asn', '0x1F4'], /--asn takes ASNs in plain decimal/],
      [['init', '--name', 'X', '--asn', '212100', '--holding', '185.50.0.0/22'], /--holding needs --registry/],
      [['init', '--name', 'X', '--asn', '212100', '--holding', '185.50.0.0/22', '--registry', 'rpie'], /--registry must be one of: ripe, arin, apnic, lacnic, afrinic \(did you mean 'ripe'\?\)/],
    ];
    for (const [args, message] of cases) {
      const result = leasekit(args, dir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
