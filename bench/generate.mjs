// Writes a synthetic lessor repository with N leases: /16 holdings of public space cut
// into /24 leases, 100 leases per lessee and file, a few delegations, some leases ending
// mid-year so a later day has expiries and starts to plan.
import fs from 'node:fs';
import path from 'node:path';

const LEASES_PER_HOLDING = 256;
const LEASES_PER_LESSEE = 100;

export function generateRepository(root, leaseCount) {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'leases/leases'), { recursive: true });
  fs.writeFileSync(path.join(root, 'leasekit.yaml'), 'policy:\n  quarantineDays: 30\nthresholds:\n  maxDeletePercent: 40\n  maxUpdatePercent: 50\n  minObjects: 10\n');
  const lessees = Math.ceil(leaseCount / LEASES_PER_LESSEE);
  const holdings = Math.ceil(leaseCount / LEASES_PER_HOLDING);
  fs.writeFileSync(path.join(root, 'leases/parties.yaml'), parties(lessees));
  fs.writeFileSync(path.join(root, 'leases/holdings.yaml'), holdingRecords(holdings));
  fs.writeFileSync(path.join(root, 'leases/contracts.yaml'), contracts(lessees));
  for (let l = 0; l < lessees; l++) {
    const docs = [];
    for (let i = l * LEASES_PER_LESSEE; i < Math.min(leaseCount, (l + 1) * LEASES_PER_LESSEE); i++) docs.push(lease(i, l));
    fs.writeFileSync(path.join(root, `leases/leases/lessee-${String(l).padStart(5, '0')}.yaml`), docs.join('---\n'));
  }
  return { leases: leaseCount, lessees, holdings };
}

// Public unicast from 20.0.0.0 on, skipping nothing special: 20/8..126/8 has no special-purpose blocks.
function holdingPrefix(h) {
  return `${20 + (h >> 8)}.${h & 255}.0.0/16`;
}

function leasePrefix(i) {
  const h = Math.floor(i / LEASES_PER_HOLDING);
  return `${20 + (h >> 8)}.${h & 255}.${i % LEASES_PER_HOLDING}.0/24`;
}

const asnOf = (l) => 200000 + l;

function parties(lessees) {
  const docs = ['kind: party\nid: self\nname: Bench Lessor\nself: true\nasns: [199999]\nirrMaintainer: BENCH-MNT\n'];
  for (let l = 0; l < lessees; l++) docs.push(`kind: party\nid: lessee-${l}\nname: "Lessee ${l} Networks"\nasns: [${asnOf(l)}, ${asnOf(l) + 100000}]\nirrMaintainer: LESSEE${l}-MNT\n`);
  return docs.join('---\n');
}

function holdingRecords(count) {
  const docs = [];
  for (let h = 0; h < count; h++) docs.push(`kind: holding\nid: h-${h}\nprefix: ${holdingPrefix(h)}\nregistry: ripe\nsource: allocation\n`);
  return docs.join('---\n');
}

function contracts(lessees) {
  const docs = [];
  for (let l = 0; l < lessees; l++) {
    docs.push(`kind: contract\nid: c-${l}\ndirection: outbound\ncounterparty: lessee-${l}\nstart: 2025-01-01\nend: 2030-01-01\nrenewal: { auto: true, periodMonths: 12, noticeDays: 60 }\nprice: { amount: 0.5, currency: EUR, per: ip-month }\n`);
  }
  return docs.join('---\n');
}

// Every tenth lease ends on 2026-07-01; its successor for the same lessee starts on
// 2026-09-01, after the quarantine, so planning for 2026-09-01 deletes and creates.
function lease(i, l) {
  const base = `kind: lease\nid: lease-${i}\ncontract: c-${l}\nprefix: ${leasePrefix(i)}\norigins: [${asnOf(l)}]\n`;
  if (i % 10 === 0) return `${base}start: 2026-01-01\nend: 2026-07-01\nnote: "first term"\n`;
  if (i % 10 === 1) return `${base}start: 2026-09-01\nnote: successor of a lease that ended\n`.replace(`prefix: ${leasePrefix(i)}`, `prefix: ${leasePrefix(i)}`);
  if (i % 50 === 2) return `${base}---\nkind: delegation\nid: d-${i}\nlease: lease-${i}\ntype: irr-maintainer\nto: lessee-${l}\nmaintainer: LESSEE${l}-MNT\n`;
  return base;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, count] = process.argv.slice(2);
  console.log(generateRepository(root, Number(count)));
}
