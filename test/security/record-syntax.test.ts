import { describe, expect, it } from 'vitest';
import { GATE_REPO } from '../helpers/github.js';
import { cli, tempRepo, validateJson } from '../helpers/repo.js';

/** Ids name git branches; maintainers and handles go into registry objects as they are. */
const withFile = (rel: string, text: string) => tempRepo({ ...GATE_REPO, [rel]: text });

describe('ids git refuses as branch names are schema errors', () => {
  for (const id of ['a..b', 'x.lock', 'trailing.']) {
    it(`'${id}' is a schema error at the id, and propose/reconcile refuse it cleanly`, async () => {
      const root = withFile('leases/leases/bad.yaml', `kind: lease\nid: ${id}\ncontract: c-globex\nprefix: 185.50.1.0/24\norigins: [64503]\n`);
      const report = await validateJson(root);
      const at = report.diagnostics.filter((d) => d.file === 'leases/leases/bad.yaml' && d.line === 2);
      expect(at.map((d) => d.message).join('\n')).toContain("not ending in '.' or '.lock'");

      const propose = await cli(['propose', 'lease', '--repo', tempRepo(GATE_REPO), '--contract', 'c-globex', '--prefix', '185.50.1.0/24', '--origins', '64503', '--id', id, '--at', '2026-06-01', '--dry-run']);
      expect(propose.code).toBe(1);
      expect(propose.stderr + propose.stdout).not.toContain('internal error');
      const reconcile = await cli(['reconcile', '--repo', root, '--at', '2026-06-01', '--dry-run']);
      expect(reconcile.stderr).not.toContain('internal error');
      expect(reconcile.code).not.toBe(0);
    });
  }

  it('ordinary ids with dots stay valid', async () => {
    const root = withFile('leases/leases/ok.yaml', 'kind: lease\nid: lease.185.50.1.0-24\ncontract: c-globex\nprefix: 185.50.1.0/24\norigins: [64503]\n');
    expect((await validateJson(root)).errors).toBe(0);
  });
});

describe('registry fields follow their registry\'s syntax', () => {
  const party = (irr: string) => GATE_REPO['leases/parties.yaml'].replace('irrMaintainer: US-MNT', `irrMaintainer: ${JSON.stringify(irr)}`);
  const delegation = (field: string, value: string) =>
    `kind: delegation\nid: d1\nlease: acme-1\ntype: ${field === 'handle' ? 'rpki-ca' : 'irr-maintainer'}\nto: acme\n${field}: ${JSON.stringify(value)}\n`;

  for (const bad of ['US\u0000MNT', 'US\u001bMNT', 'US-MNT\u2028', 'MNT WITH SPACE', '-MNT', 'MNT-', 'X'.repeat(81)]) {
    it(`irrMaintainer, holding irr.maintainer and delegation maintainer refuse ${JSON.stringify(bad).slice(0, 30)}`, async () => {
      const a = await validateJson(tempRepo({ ...GATE_REPO, 'leases/parties.yaml': party(bad) }));
      expect(a.diagnostics.some((d) => d.file === 'leases/parties.yaml' && d.message.includes('RPSL maintainer name'))).toBe(true);
      const holding = GATE_REPO['leases/holdings.yaml'].replace('maintainer: US-MNT', `maintainer: ${JSON.stringify(bad)}`);
      const b = await validateJson(tempRepo({ ...GATE_REPO, 'leases/holdings.yaml': holding }));
      expect(b.diagnostics.some((d) => d.file === 'leases/holdings.yaml' && d.message.includes('RPSL maintainer name'))).toBe(true);
      const c = await validateJson(withFile('leases/delegations.yaml', delegation('maintainer', bad)));
      expect(c.diagnostics.some((d) => d.file === 'leases/delegations.yaml' && d.line === 6 && d.message.includes('RPSL maintainer name'))).toBe(true);
    });
  }

  for (const bad of ['h\u2028<!-- x -->', 'globex ca', 'ca\u0007', 'ca.example', 'x'.repeat(256)]) {
    it(`delegation handle refuses ${JSON.stringify(bad).slice(0, 30)}`, async () => {
      const report = await validateJson(withFile('leases/delegations.yaml', delegation('handle', bad)));
      expect(report.diagnostics.some((d) => d.line === 6 && d.message.includes('must be an RPKI handle'))).toBe(true);
    });
  }

  it('accepts the real syntax: ACME-MNT, MNT_X1, globex-ca, org/child-1', async () => {
    for (const good of ['ACME-MNT', 'MNT_X1', 'a']) {
      expect((await validateJson(withFile('leases/delegations.yaml', delegation('maintainer', good)))).diagnostics.filter((d) => d.file === 'leases/delegations.yaml' && d.code === 'schema')).toEqual([]);
    }
    for (const good of ['globex-ca', 'org/child-1', 'A_B']) {
      expect((await validateJson(withFile('leases/delegations.yaml', delegation('handle', good)))).diagnostics.filter((d) => d.file === 'leases/delegations.yaml' && d.code === 'schema')).toEqual([]);
    }
  });
});
