import { tempRepo } from '../helpers/repo.js';

/**
 * A lessor with leases in every state on 2026-06-01 and names and notes that need CSV
 * quoting: acme-1 published (two origins, maxLength 25), acme-2 future, globex-1 ended,
 * initech-1 published under a `total` price.
 */
export const EXPORT_FILES: Record<string, string> = {
  'leasekit.yaml': 'policy:\n  allowDocumentationSpace: true\n',
  'leases/parties.yaml': [
    'kind: party\nid: us\nname: "Example Networks, B.V."\nself: true\nasns: [64500]\nirrMaintainer: US-MNT\nabuse: abuse@example.net\ncountry: NL',
    'kind: party\nid: acme\nname: \'ACME "Hosting", GmbH\'\nasns: [64501, 64502]\nabuse: noc@acme.example\ncountry: DE',
    'kind: party\nid: globex\nname: Globex\nasns: [64503]',
    'kind: party\nid: initech\nname: Initech S.A.\nasns: [64504]',
  ].join('\n---\n') + '\n',
  'leases/holdings.yaml': [
    'kind: holding\nid: h1\nprefix: 192.0.2.0/24\nregistry: ripe\nsource: allocation\nirr: { maintainer: US-MNT }',
    'kind: holding\nid: h2\nprefix: 198.51.100.0/24\nregistry: arin\nsource: allocation\nirr: { source: ARIN, maintainer: MNT-US }',
    'kind: holding\nid: h3\nprefix: 203.0.113.0/24\nregistry: ripe\nsource: allocation\nrpki: { as0: false }',
  ].join('\n---\n') + '\n',
  'leases/contracts.yaml': [
    'kind: contract\nid: c-acme\ndirection: outbound\ncounterparty: acme\nstart: 2026-01-01\nend: 2027-01-01\nprice: { amount: 0.5, currency: EUR, per: ip-month }',
    'kind: contract\nid: c-globex\ndirection: outbound\ncounterparty: globex\nstart: 2025-01-01\nprice: { amount: 100, currency: USD, per: prefix-month }',
    'kind: contract\nid: c-initech\ndirection: outbound\ncounterparty: initech\nstart: 2026-01-01\nend: 2027-01-01\nprice: { amount: 1200, currency: EUR, per: total }',
  ].join('\n---\n') + '\n',
  'leases/leases.yaml': [
    'kind: lease\nid: acme-1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501, 64502]\nmaxLength: 25\nnote: "Frankfurt, rack 4\\nsecond line: \\"cage\\" B"',
    'kind: lease\nid: acme-2\ncontract: c-acme\nprefix: 192.0.2.128/26\norigins: [64501]\nstart: 2026-09-01',
    'kind: lease\nid: globex-1\ncontract: c-globex\nprefix: 198.51.100.0/24\norigins: [64503]\nend: 2026-03-01',
    'kind: lease\nid: initech-1\ncontract: c-initech\nprefix: 203.0.113.0/24\norigins: [64504]\nirr: false',
  ].join('\n---\n') + '\n',
};

export const AT = '2026-06-01';

export function exportRepo(extra: Record<string, string> = {}): string {
  return tempRepo({ ...EXPORT_FILES, ...extra });
}
