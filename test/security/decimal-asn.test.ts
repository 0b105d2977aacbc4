import { describe, expect, it } from 'vitest';
import { GATE_REPO } from '../helpers/github.js';
import { tempRepo, validateJson } from '../helpers/repo.js';

/** ASNs are plain decimal integers; YAML's other integer and float forms are schema errors at the value. */
describe('ASNs written in plain decimal only', () => {
  for (const written of ['0777', '0x1F4', '0o17', '6.45e4', '+64503', '64503.0', '6_4503']) {
    it(`'${written}' in a lease's origins is a schema error at that value`, async () => {
      const lease = `kind: lease\nid: globex-2\ncontract: c-globex\nprefix: 185.50.1.0/24\norigins:\n  - 64503\n  - ${written}\n`;
      const report = await validateJson(tempRepo({ ...GATE_REPO, 'leases/leases/globex.yaml': lease }));
      if (written === '6_4503') {
        // not a number in YAML 1.2 at all: a string, which asn-invalid reports
        expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([['asn-invalid', 7]]);
        return;
      }
      const found = report.diagnostics.filter((d) => d.file === 'leases/leases/globex.yaml' && d.code === 'schema');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ line: 7, column: 5 });
      expect(found[0].message).toContain(`must be an ASN in plain decimal: '${written}'`);
      expect(report.code).toBe(1);
    });
  }

  it('in a flow list of a party\'s asns too', async () => {
    const parties = GATE_REPO['leases/parties.yaml'].replace('asns: [64503]', 'asns: [64503, 0x1F4]');
    const report = await validateJson(tempRepo({ ...GATE_REPO, 'leases/parties.yaml': parties }));
    expect(report.diagnostics.filter((d) => d.message.includes('plain decimal')).map((d) => d.file)).toEqual(['leases/parties.yaml']);
  });

  it('decimal ASNs pass, also beside other numbers written as decimals with a point', async () => {
    const contracts = GATE_REPO['leases/contracts.yaml'].replace('start: 2026-01-01\nend: 2028-01-01', 'start: 2026-01-01\nend: 2028-01-01\nprice: { amount: 0.5, currency: EUR, per: ip-month }');
    const report = await validateJson(tempRepo({ ...GATE_REPO, 'leases/contracts.yaml': contracts, 'leases/leases/x.yaml': 'kind: lease\nid: x\ncontract: c-globex\nprefix: 185.50.2.0/24\norigins: [64503] # 0x1F4 in a comment\n' }));
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
