import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, tempRepo, validateJson, withCode } from '../helpers/repo.js';

describe('provider-unknown', () => {
  it('fires at the provider name', async () => {
    const root = tempRepo({ ...BASE, 'leases/h.yaml': 'kind: holding\nid: h2\nprefix: 198.51.100.0/24\nregistry: ripe\nsource: allocation\nrpki: { provider: ripe-main }\n' });
    const [d] = withCode(await validateJson(root), 'provider-unknown');
    expect(d).toMatchObject({ line: 6, column: 19 });
  });

  it('does not fire for local or a defined provider', async () => {
    const root = tempRepo({
      ...BASE,
      'leasekit.yaml': 'policy: { allowDocumentationSpace: true }\nproviders:\n  ripe-main: { type: ripe-rpki, apiKeyEnv: RIPE_API_KEY }\n',
      'leases/h.yaml': 'kind: holding\nid: h2\nprefix: 198.51.100.0/24\nregistry: ripe\nsource: allocation\nrpki: { provider: ripe-main }\nirr: { provider: local }\n',
    });
    expect((await validateJson(root)).diagnostics).toEqual([]);
  });
});

describe('contract documents', () => {
  const text = 'signed lease agreement\n';
  const digest = crypto.createHash('sha256').update(text).digest('hex');
  const contract = (docPath: string, sha = digest) => ({
    ...BASE,
    'docs/agreement.txt': text,
    'leases/c.yaml': `kind: contract\nid: c2\ndirection: outbound\ncounterparty: acme\nstart: 2026-01-01\ndocuments:\n  - path: ${docPath}\n    sha256: "${sha}"\n`,
  });

  it('accepts a document whose hash matches', async () => {
    expect((await validateJson(tempRepo(contract('docs/agreement.txt')))).diagnostics).toEqual([]);
  });

  it('document-missing at the path', async () => {
    const [d] = withCode(await validateJson(tempRepo(contract('docs/missing.pdf'))), 'document-missing');
    expect(d).toMatchObject({ line: 7, column: 11 });
  });

  it('document-hash-mismatch at the hash', async () => {
    const [d] = withCode(await validateJson(tempRepo(contract('docs/agreement.txt', '0'.repeat(64)))), 'document-hash-mismatch');
    expect(d).toMatchObject({ line: 8, column: 13 });
    expect(d.message).toContain(digest);
  });

  it('path-escape for ../, absolute paths and links out of the repository', async () => {
    for (const p of ['../etc/passwd', '/etc/passwd']) {
      const [d] = withCode(await validateJson(tempRepo(contract(p))), 'path-escape');
      expect(d).toMatchObject({ line: 7, column: 11 });
    }
    const outside = tempRepo({ 'x.txt': text });
    const root = tempRepo(contract('docs/link.txt'));
    fs.symlinkSync(path.join(outside, 'x.txt'), path.join(root, 'docs/link.txt'));
    expect(withCode(await validateJson(root), 'path-escape')).toHaveLength(1);
  });
});
