// A lessor with two holdings and leases in every state the audit distinguishes, on 2026-12-02.
import { BASE } from '../helpers/repo.js';

export const AT = '2026-12-02';

export const AUDIT_REPO: Record<string, string> = {
  ...BASE,
  'leases/holdings.yaml': [
    'kind: holding\nid: h1\nprefix: 192.0.2.0/24\nregistry: ripe\nsource: allocation',
    'kind: holding\nid: h2\nprefix: 198.51.100.0/24\nregistry: ripe\nsource: allocation\nrpki: { as0: false }',
  ].join('\n---\n') + '\n',
  'leases/contracts.yaml': [
    'kind: contract\nid: c-acme\ndirection: outbound\ncounterparty: acme\nstart: 2026-01-01\nend: 2027-06-01',
    'kind: contract\nid: c-globex\ndirection: outbound\ncounterparty: globex\nstart: 2026-01-01',
  ].join('\n---\n') + '\n',
  'leases/leases.yaml': [
    'kind: lease\nid: acme-1\ncontract: c-acme\nprefix: 192.0.2.0/26\norigins: [64501]',
    'kind: lease\nid: globex-old\ncontract: c-globex\nprefix: 192.0.2.64/26\norigins: [64503]\nend: 2026-06-01',
    'kind: lease\nid: acme-2\ncontract: c-acme\nprefix: 192.0.2.128/26\norigins: [64502]\nmaxLength: 27',
    'kind: lease\nid: acme-3\ncontract: c-acme\nprefix: 192.0.2.192/27\norigins: [64501]',
    'kind: lease\nid: globex-1\ncontract: c-globex\nprefix: 198.51.100.0/24\norigins: [64503]',
  ].join('\n---\n') + '\n',
};

/** VRPs as a relying party would see them: some right, one stale, some missing. */
export const VRPS_CSV = [
  'ASN,IP Prefix,Max Length,Trust Anchor',
  'AS0,192.0.2.0/24,32,ripe',
  'AS64501,192.0.2.0/26,26,ripe',
  'AS64502,192.0.2.128/26,26,ripe',
  'AS64999,203.0.113.0/24,24,ripe',
].join('\n') + '\n';

/** One announcement for each route finding, one valid, one outside our space. */
export const ROUTES_TEXT = [
  '192.0.2.0/26 64501        # acme-1: valid',
  '192.0.2.64/26 64503       # globex-old ended: route-after-end',
  '192.0.2.224/27 64666      # nobody leases it: route-idle-space',
  '192.0.2.0/24 AS64500      # larger than any lease: route-idle-space',
  '192.0.2.0/26 64666        # acme-1 does not allow it: route-unauthorized-origin',
  '192.0.2.0/27 64501        # acme-1 is a /26 without maxLength: route-too-specific',
  '192.0.2.128/27 64502      # acme-2 allows /27, the VRP stops at /26: route-rpki-invalid',
  '198.51.100.0/24 64503     # globex-1, no VRP at all: route-rpki-not-found',
  '203.0.113.0/24 64999      # not our space: not judged',
].join('\n') + '\n';

/** Exactly the desired state of AT. */
export const VRPS_DESIRED_JSON = JSON.stringify({
  roas: [
    { asn: 0, prefix: '192.0.2.0/24', maxLength: 32, ta: 'leasekit' },
    { asn: 64501, prefix: '192.0.2.0/26', maxLength: 26, ta: 'leasekit' },
    { asn: 64502, prefix: '192.0.2.128/26', maxLength: 27, ta: 'leasekit' },
    { asn: 64501, prefix: '192.0.2.192/27', maxLength: 27, ta: 'leasekit' },
    { asn: 64503, prefix: '198.51.100.0/24', maxLength: 24, ta: 'leasekit' },
  ],
});

export const ROUTES_CLEAN = ['192.0.2.0/26 64501', '192.0.2.128/27 64502', '192.0.2.192/27 64501', '198.51.100.0/24 64503', '203.0.113.0/24 64999'].join('\n') + '\n';
