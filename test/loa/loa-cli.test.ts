import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempRepo } from '../helpers/repo.js';
import { AT, EXPORT_FILES, exportRepo } from '../export/fixture.js';

const REGISTER = 'state/loa-register.json';

function register(root: string): { letters: Array<{ id: string; lease: string; format: string; recordSha256: string }> } {
  return JSON.parse(fs.readFileSync(path.join(root, REGISTER), 'utf8'));
}

async function loa(root: string, ...args: string[]) {
  return cli(['loa', ...args, '--repo', root, '--at', AT], { cwd: root });
}

describe('loa LEASE-ID (Markdown)', () => {
  it('states every fact of the lease and records its document id', async () => {
    const root = exportRepo();
    const result = await loa(root, 'acme-1', '--to', 'Transit Co (AS64496)');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const md = result.stdout;
    const id = /LOA-20260601-[0-9A-F]{8}/.exec(md)![0];
    expect(register(root).letters).toEqual([expect.objectContaining({ id, lease: 'acme-1', format: 'md', issued: AT, to: 'Transit Co (AS64496)' })]);
    for (const fact of [
      '# Example Networks, B.V.', // the lessor's letterhead
      'Registered holder at RIPE NCC',
      'IRR maintainer US-MNT',
      'abuse@example.net',
      'ACME "Hosting", GmbH', // the lessee
      'noc@acme.example',
      'Dear Transit Co (AS64496),',
      '| 192.0.2.0/25 | /25 | AS64501 |',
      '| 192.0.2.0/25 | /25 | AS64502 |',
      'from 2026-01-01 until 2027-01-01 (the last day is 2026-12-31)',
      'maximum prefix length of /25',
      '| ROA 192.0.2.0/25 max /25 AS64501 | RPKI (local) | not published |',
      '| route object 192.0.2.0/25 origin AS64502 | IRR RIPE (local) | not published |',
      '**2026-06-01**',
      `Document: ${id}`,
      `Lease record sha256 ${register(root).letters[0].recordSha256}`,
    ]) {
      expect(md).toContain(fact);
    }
    expect(register(root).letters[0].recordSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says "until terminated under contract X" for an open-ended lease, and the registries\' state after apply', async () => {
    const root = exportRepo({ 'leases/leases.yaml': EXPORT_FILES['leases/leases.yaml'].replace('origins: [64503]\nend: 2026-03-01', 'origins: [64503]') });
    expect((await cli(['apply', '--repo', root, '--at', AT, '--yes'])).code).toBe(0);
    const md = (await loa(root, 'globex-1')).stdout;
    expect(md).toContain('from 2025-01-01 until terminated under contract c-globex');
    expect(md).toContain('To whom it may concern,');
    expect(md).toContain('| ROA 198.51.100.0/24 max /24 AS64503 | RPKI (local) | published |');
    expect(md).toContain('| route object 198.51.100.0/24 origin AS64503 | IRR ARIN (local) | published |');
  });

  it('falls back to the plan when a registry cannot be read, and says why', async () => {
    // an ARIN-type provider: RIPE refuses the documentation origin AS64501 (validate's origin-refused)
    const root = exportRepo({
      'leasekit.yaml': 'policy:\n  allowDocumentationSpace: true\nproviders:\n  ripe-main: { type: arin-rpki, org: EXAMPLE-ORG, apiKeyEnv: LK_TEST_RIPE_KEY }\n',
      'leases/holdings.yaml': EXPORT_FILES['leases/holdings.yaml'].replace('irr: { maintainer: US-MNT }', 'rpki: { provider: ripe-main }\nirr: { maintainer: US-MNT }'),
    });
    const md = (await loa(root, 'acme-1')).stdout;
    expect(md).toMatch(/\| ROA 192\.0\.2\.0\/25 max \/25 AS64501 \| RPKI \(ripe-main\) \| planned \(registry not reachable: ripe-main: environment variable LK\\_TEST\\_RIPE\\_KEY/);
    expect(md).toContain('| route object 192.0.2.0/25 origin AS64501 | IRR RIPE (local) | not published |');
  });

  it('for space leased in, names the registered holder the lessor leases it from', async () => {
    const root = tempRepo({}, 'example');
    const result = await cli(['loa', 'initech-1', '--repo', root, '--at', AT]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Sublessor of space held by Northwind Address Holdings Ltd at RIPE NCC');
    expect(result.stdout).toContain('Example Networks B.V., the lessee of 203.0.113.0/24 from Northwind Address Holdings Ltd, its registered holder at RIPE NCC, with the right to sublease it, authorises Initech S.A. to originate 203.0.113.0/24');
  });

  it('for space whose holder publishes the objects, says so instead of listing objects', async () => {
    const root = tempRepo({}, 'example');
    const contract = path.join(root, 'leases/contracts/northwind-in.yaml');
    fs.writeFileSync(contract, fs.readFileSync(contract, 'utf8').replace('rpki: delegated\n', ''));
    const result = await cli(['loa', 'initech-1', '--repo', root, '--at', AT]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('The registered holder of this space publishes its ROAs and route objects, not Example Networks B.V.: ask it for their state.');
    expect(result.stdout).not.toContain('| Object | Where | State |');
  });

  it('keeps record text inert: a name cannot add Markdown structure', async () => {
    const root = exportRepo({ 'leases/parties.yaml': EXPORT_FILES['leases/parties.yaml'].replace('name: Initech S.A.', 'name: "Initech | *bold* [x](http://evil) <b>"') });
    const md = (await loa(root, 'initech-1')).stdout;
    expect(md).toContain('Initech \\| \\*bold\\* \\[x\\](http://evil) \\<b\\>');
  });
});

describe('loa refuses (exit 1, saying why)', () => {
  it.each([
    ['acme-2', 'lease acme-2 is not published on 2026-06-01: it starts on 2026-09-01'],
    ['globex-1', 'lease globex-1 is not published on 2026-06-01: it ended on 2026-03-01'],
    ['nobody-1', "no lease 'nobody-1' in the repository"],
  ])('%s', async (lease, message) => {
    const root = exportRepo();
    const result = await loa(root, lease, '--out', 'x.pdf');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(fs.existsSync(path.join(root, 'x.pdf'))).toBe(false);
    expect(fs.existsSync(path.join(root, REGISTER))).toBe(false);
  });

  it('a lease with empty origins', async () => {
    const root = exportRepo({ 'leases/leases.yaml': EXPORT_FILES['leases/leases.yaml'].replace('origins: [64504]', 'origins: []') });
    const result = await loa(root, 'initech-1');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('lease initech-1 has no origins: no AS is allowed to announce 203.0.113.0/24');
  });

  it('a repository with validation errors', async () => {
    const root = exportRepo({ 'leases/extra.yaml': 'kind: lease\nid: clash\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]\n' });
    const result = await loa(root, 'acme-1');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('validation error');
  });

  it('an --out extension it cannot write (usage, exit 2)', async () => {
    const result = await loa(exportRepo(), 'acme-1', '--out', 'letter.docx');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the extension chooses the format');
  });
});

describe('loa templates', () => {
  it('templates/ in the lease repository wins over the built-in one', async () => {
    const root = exportRepo({
      'templates/loa.md.hbs': 'OUR OWN WORDING for {{lease.prefix}} to {{lessee.name}}, {{#each origins}}{{this}} {{/each}}({{documentId}})\n',
      'templates/loa.html.hbs': '<p>Ours: {{lessee.name}} {{documentId}}</p>\n',
    });
    const md = await loa(root, 'acme-1');
    expect(md.stdout).toMatch(/^OUR OWN WORDING for 192\.0\.2\.0\/25 to ACME "Hosting", GmbH, AS64501 AS64502 \(LOA-20260601-[0-9A-F]{8}\)\n$/);
    expect((await loa(root, 'acme-1', '--out', 'l.html')).code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'l.html'), 'utf8')).toMatch(/^<p>Ours: ACME &quot;Hosting&quot;, GmbH LOA-/);
    // the PDF is typeset from the Markdown template, so it carries the override too
    expect((await loa(root, 'acme-1', '--out', 'l.pdf')).code).toBe(0);
  });

  it('a template that does not compile is named in the error', async () => {
    const root = exportRepo({ 'templates/loa.md.hbs': '{{#each origins}}unclosed\n' });
    const result = await loa(root, 'acme-1');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(path.join('templates', 'loa.md.hbs'));
  });
});

describe('loa HTML', () => {
  it('is one self-contained page: inline style, nothing fetched, values escaped', async () => {
    const root = exportRepo();
    expect((await loa(root, 'acme-1', '--out', 'letters/acme.html')).code).toBe(0);
    const html = fs.readFileSync(path.join(root, 'letters/acme.html'), 'utf8');
    expect(html).toContain('<td>192.0.2.0/25</td><td>/25</td><td>AS64501</td>');
    expect(html).toContain('ACME &quot;Hosting&quot;, GmbH');
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toMatch(/<link|<script|<img|src=|url\(|@import|https?:\/\//i);
    expect(register(root).letters[0].format).toBe('html');
  });
});

describe('the register', () => {
  it('keeps every letter of concurrent runs, each with its own id', async () => {
    const root = exportRepo();
    const results = await Promise.all(['acme-1', 'initech-1', 'acme-1'].map((lease) => loa(root, lease)));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const ids = register(root).letters.map((l) => l.id);
    expect(new Set(ids).size).toBe(3);
    expect(fs.existsSync(path.join(root, `${REGISTER}.lock`))).toBe(false);
  });

  it('a register that is not JSON stops the run with its path (exit 2), and nothing is written', async () => {
    const root = exportRepo({ [REGISTER]: '{"version": 1, "letters": [' });
    const result = await loa(root, 'acme-1', '--out', 'a.md');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('state/loa-register.json: not valid JSON');
    expect(fs.existsSync(path.join(root, 'a.md'))).toBe(false);
  });
});

describe('loa --all', () => {
  it('writes a letter for every published lease into the folder and records each id', async () => {
    const root = exportRepo();
    const result = await loa(root, '--all', '--out', 'loas', '--format', 'md');
    expect(result.code).toBe(0);
    expect(fs.readdirSync(path.join(root, 'loas')).sort()).toEqual(['loa-acme-1.md', 'loa-initech-1.md']);
    const ids = register(root).letters.map((l) => l.id);
    expect(new Set(ids).size).toBe(2);
    expect(result.stderr).toContain(`${ids[0]}: lease acme-1 -> loas/loa-acme-1.md`);
    for (const [i, lease] of ['acme-1', 'initech-1'].entries()) expect(fs.readFileSync(path.join(root, 'loas', `loa-${lease}.md`), 'utf8')).toContain(ids[i]);
  });

  it('needs --out', async () => {
    expect((await loa(exportRepo(), '--all')).code).toBe(2);
  });
});

describe('loa verify', () => {
  async function issued(root: string, file: string, lease = 'acme-1') {
    const result = await loa(root, lease, '--out', file);
    expect(result.code).toBe(0);
    return path.join(root, file);
  }

  it.each(['md', 'html', 'pdf'])('a %s letter is valid until its lease changes, then revoked', async (ext) => {
    const root = exportRepo();
    const file = await issued(root, `acme.${ext}`);
    const valid = await loa(root, 'verify', file);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/^valid: LOA-20260601-[0-9A-F]{8} \(lease acme-1, issued 2026-06-01\)\n$/);
    fs.writeFileSync(path.join(root, 'leases/leases.yaml'), EXPORT_FILES['leases/leases.yaml'].replace('origins: [64501, 64502]', 'origins: [64501]'));
    const revoked = await loa(root, 'verify', file);
    expect(revoked.code).toBe(1);
    expect(revoked.stdout).toMatch(/^revoked: .*\n {2}lease acme-1 changed since the letter was issued/);
  });

  it('revoked once the lease has ended', async () => {
    const root = exportRepo();
    const file = await issued(root, 'acme.md');
    const later = await cli(['loa', 'verify', file, '--repo', root, '--at', '2027-01-01']);
    expect(later.code).toBe(1);
    expect(later.stdout).toContain('revoked');
    expect(later.stdout).toContain('lease acme-1 ended on 2027-01-01');
  });

  it('revoked when the terms change outside the lease record (its contract end)', async () => {
    const root = exportRepo();
    const file = await issued(root, 'acme.md');
    fs.writeFileSync(path.join(root, 'leases/contracts.yaml'), EXPORT_FILES['leases/contracts.yaml'].replace('end: 2027-01-01', 'end: 2026-12-01'));
    const result = await loa(root, 'verify', file);
    expect(result.stdout).toContain('the terms of lease acme-1 changed');
    expect(result.code).toBe(1);
  });

  it('revoked when the lease is removed', async () => {
    const root = exportRepo();
    const file = await issued(root, 'acme.md');
    fs.writeFileSync(path.join(root, 'leases/leases.yaml'), EXPORT_FILES['leases/leases.yaml'].split('\n---\n').slice(1).join('\n---\n'));
    const result = await loa(root, 'verify', file);
    expect(result.stdout).toContain('lease acme-1 no longer exists');
  });

  it('unknown: an edited letter, a letter from elsewhere, a file without an id', async () => {
    const root = exportRepo();
    const file = await issued(root, 'acme.md');
    fs.writeFileSync(path.join(root, 'edited.md'), fs.readFileSync(file, 'utf8').replace('/25 | AS64502', '/24 | AS64502'));
    const edited = await loa(root, 'verify', 'edited.md');
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(/^unknown: .*\n {2}the file is not the letter issued as LOA-/);
    const elsewhere = exportRepo();
    const foreign = await loa(elsewhere, 'verify', file);
    expect(foreign.stdout).toMatch(/^unknown: LOA-\d{8}-[0-9A-F]{8}\n {2}LOA-.* is not in this repository's register/);
    const missing = await loa(root, 'verify', 'missing.pdf');
    expect([missing.code, missing.stderr]).toEqual([2, `leasekit: cannot read ${path.join(root, 'missing.pdf')}: ENOENT\n`]);
    fs.writeFileSync(path.join(root, 'plain.txt'), 'no id here');
    expect((await loa(root, 'verify', 'plain.txt')).stdout).toContain('unknown: plain.txt');
  });
});
