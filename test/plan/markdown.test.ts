import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/render/markdown-escape.js';
import { cli, tempRepo } from '../helpers/repo.js';

describe('the Markdown plan', () => {
  const hostile = '<img src=x onerror=alert(1)> @org/team [click](http://evil) **bold** `code` #123';

  it('renders a hostile lessee name inert', async () => {
    const root = tempRepo({}, 'example');
    const file = path.join(root, 'leases/parties.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name: ACME Hosting GmbH', `name: ${JSON.stringify(hostile)}`));
    const result = await cli(['plan', '--repo', root, '--at', '2026-11-27', '--format', 'markdown']);
    expect(result.code, result.stderr).toBe(0);
    const md = result.stdout;
    expect(md).toContain('delegation acme\\-1\\-ca');
    expect(md).not.toContain('<img');
    expect(md).not.toMatch(/@org/);
    expect(md).not.toContain('[click](');
    expect(md).not.toContain('**bold**');
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; @\u200borg/team');
    expect(md).toMatch(/<details open><summary>local: 11 change\(s\)<\/summary>/);
    expect(md).toMatch(/fingerprint `sha256:[0-9a-f]{64}`/);
  });

  it('shows validation findings when the records fail', async () => {
    const root = tempRepo({ 'leases/leases/rogue.yaml': 'kind: lease\nid: rogue\ncontract: initech-sub\nprefix: 192.0.2.0/24\norigins: [64504]\n' }, 'example');
    const result = await cli(['plan', '--repo', root, '--at', '2026-11-27', '--format', 'markdown']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Validation failed: 1 error/);
    expect(result.stdout).toMatch(/\| :x: \| leases\/leases\/rogue\\\.yaml&#58;4&#58;9 \| lease\\-overlap \|/);
  });

  it('escapes Markdown, HTML and mentions', () => {
    expect(escapeMarkdown('a|b\nc')).toBe('a\\|b c');
    expect(escapeMarkdown('@team')).toBe('@\u200bteam');
    expect(escapeMarkdown('<b>')).toBe('&lt;b&gt;');
  });
});

describe('the Markdown plan and letters of authorisation', () => {
  it('says how to get the LOA of each lease the plan publishes', async () => {
    const root = tempRepo({}, 'example');
    const md = (await cli(['plan', '--repo', root, '--at', '2026-11-27', '--format', 'markdown'])).stdout;
    expect(md).toContain("Once merged and applied, the letter of authorisation for the lessee's upstreams (see `docs/loa.md`):\n`leasekit loa acme-1 --out loa-acme-1.pdf` · `leasekit loa globex-1 --out loa-globex-1.pdf` · `leasekit loa initech-1 --out loa-initech-1.pdf`");
  });

  it('says nothing about letters when no lease is published by the plan', async () => {
    const root = tempRepo({}, 'example');
    expect((await cli(['apply', '--repo', root, '--at', '2026-11-27', '--yes'])).code).toBe(0);
    const md = (await cli(['plan', '--repo', root, '--at', '2026-11-27', '--format', 'markdown'])).stdout;
    expect(md).toContain('No changes');
    expect(md).not.toContain('leasekit loa');
  });
});
