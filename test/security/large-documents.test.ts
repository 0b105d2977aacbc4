// A contract's signed document over 2 GiB is hashed like any other, not "internal error".
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT, cli, tempRepo } from '../helpers/repo.js';

describe('contract documents over 2 GiB', () => {
  it('are hashed in chunks: a mismatch is reported, with no internal error', async () => {
    const root = tempRepo({}, 'example');
    try {
      const contracts = fs.readFileSync(path.join(EXAMPLE_ROOT, 'leases/contracts/northwind-in.yaml'), 'utf8');
      const big = path.join(root, 'documents/scan.pdf');
      fs.mkdirSync(path.dirname(big), { recursive: true });
      fs.writeFileSync(big, '');
      fs.truncateSync(big, 2 ** 31 + 1); // sparse: 2 GiB and one byte, no disk used
      const rewritten = contracts.replace(/path: \S+/, 'path: documents/scan.pdf');
      expect(rewritten).not.toBe(contracts);
      fs.writeFileSync(path.join(root, 'leases/contracts/northwind-in.yaml'), rewritten);
      const result = await cli(['validate', '--repo', root, '--at', '2026-11-27']);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/error\[document-hash-mismatch\] document 'documents\/scan.pdf' has sha256 [0-9a-f]{64}, not the recorded/);
      expect(result.code).toBe(1);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 180_000);
});
