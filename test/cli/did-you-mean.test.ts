import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, EXAMPLE_ROOT, tempRepo } from '../helpers/repo.js';

const BIN = path.join(EXAMPLE_ROOT, 'bin/leasekit.js');

/** `leasekit validate` through the real launcher (it runs dist/: build first). */
function validate(root: string) {
  const result = spawnSync(process.execPath, [BIN, 'validate', '--repo', root, '--at', '2026-06-01'], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lease = (fields: string) => `kind: lease\nid: acme-1\nprefix: 192.0.2.0/25\norigins: [64501]\n${fields}\n`;

describe('did you mean', () => {
  it("suggests 'lease' for kind: leese, at the kind's value", () => {
    const root = tempRepo({ ...BASE, 'leases/typo.yaml': 'kind: leese\nid: acme-1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]\n' });
    const result = validate(root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^leases\/typo\.yaml:1:7: error\[schema\] unknown kind "leese" \(did you mean 'lease'\?\); expected one of: party, holding, contract, lease, delegation$/m);
  });

  it('completes a reference to the id it begins: contract: hooli for hooli-2027', () => {
    const root = tempRepo({
      ...BASE,
      'leases/hooli.yaml': 'kind: party\nid: hooli\nname: Hooli\nasns: [64501]\n---\nkind: contract\nid: hooli-2027\ndirection: outbound\ncounterparty: hooli\nstart: 2026-01-01\n',
      'leases/lease.yaml': lease('contract: hooli'),
    });
    const result = validate(root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^leases\/lease\.yaml:5:11: error\[ref-unknown\] contract 'hooli' names no contract record \(did you mean 'hooli-2027'\?\)$/m);
  });

  it('suggests an id one typo away, for parties as well', () => {
    const root = tempRepo({ ...BASE, 'leases/more.yaml': 'kind: contract\nid: c-acme-2\ndirection: outbound\ncounterparty: acne\nstart: 2026-01-01\n' });
    expect(validate(root).stdout).toMatch(/error\[ref-unknown\] counterparty 'acne' names no party record \(did you mean 'acme'\?\)$/m);
  });

  it('suggests nothing when no id is close', () => {
    const root = tempRepo({ ...BASE, 'leases/lease.yaml': lease('contract: initech-2030') });
    const result = validate(root);
    expect(result.stdout).toMatch(/error\[ref-unknown\] contract 'initech-2030' names no contract record$/m);
    expect(result.stdout).not.toContain('did you mean');
  });
});
