// Writes a synthetic lessor repository with N leases: /16 holdings of public space cut
// into /24 leases, 100 leases per lessee, a few delegations, some leases ending mid-year
// so a later day has expiries and starts to plan. Layout: one file per record (as
// `propose` writes them, the default), or `perFile` records of a kind to a file.
import fs from 'node:fs';
import path from 'node:path';

const LEASES_PER_HOLDING = 256;
const LEASES_PER_LESSEE = 100;

export function generateRepository(root, leaseCount, perFile = 1) {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'leases'), { recursive: true });
  fs.writeFileSync(path.join(root, 'leasekit.yaml'), 'policy:\n  quarantineDays: 30\nthresholds:\n  maxDeletePercent: 40\n  maxUpdatePercent: 50\n  minObjects: 10\n');
  const lessees = Math.ceil(leaseCount / LEASES_PER_LESSEE);
  const holdings = Math.ceil(leaseCount / LEASES_PER_HOLDING);
  let files = 0;
  const write = (dir, name, docs) => {
    for (let first = 0; first < docs.length; first += perFile) {
      const chunk = docs.slice(first, first + perFile);
      const file = perFile === 1 ? `${name(first)}.yaml` : `${name(first)}-${String(first / perFile).padStart(5, '0')}.yaml`;
      fs.mkdirSync(path.join(root, 'leases', dir), { recursive: true });
      fs.writeFileSync(path.join(root, 'leases', dir, file), chunk.join('---\n'));
      files++;
    }
  };
  const partyDocs = parties(lessees);
  write('parties', (i) => (i === 0 ? 'self' : `lessee-${i - 1}`), partyDocs);
  write('holdings', (i) => `h-${i}`, holdingRecords(holdings));
  write('contracts', (i) => `c-${i}`, contracts(lessees));
  for (let l = 0; l < lessees; l++) {
    const docs = [];
    const ids = [];
    for (let i = l * LEASES_PER_LESSEE; i < Math.min(leaseCount, (l + 1) * LEASES_PER_LESSEE); i++) {
      for (const [id, text] of lease(i, l)) {
        docs.push(text);
        ids.push(id);
      }
    }
    write(`leases/lessee-${String(l).padStart(5, '0')}`, (i) => (perFile === 1 ? ids[i] : 'leases'), docs);
  }
  return { leases: leaseCount, lessees, holdings, perFile, files };
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
  return docs;
}

function holdingRecords(count) {
  const docs = [];
  for (let h = 0; h < count; h++) docs.push(`kind: holding\nid: h-${h}\nprefix: ${holdingPrefix(h)}\nregistry: ripe\nsource: allocation\n`);
  return docs;
}

function contracts(lessees) {
  const docs = [];
  for (let l = 0; l < lessees; l++) {
    docs.push(`kind: contract\nid: c-${l}\ndirection: outbound\ncounterparty: lessee-${l}\nstart: 2025-01-01\nend: 2030-01-01\nrenewal: { auto: true, periodMonths: 12, noticeDays: 60 }\nprice: { amount: 0.5, currency: EUR, per: ip-month }\n`);
  }
  return docs;
}

// Every tenth lease ends on 2026-07-01; its successor for the same lessee starts on
// 2026-09-01, after the quarantine, so planning for 2026-09-01 deletes and creates.
// Returns [id, text] of the lease and of its delegation, if it has one.
function lease(i, l) {
  const base = `kind: lease\nid: lease-${i}\ncontract: c-${l}\nprefix: ${leasePrefix(i)}\norigins: [${asnOf(l)}]\n`;
  if (i % 10 === 0) return [[`lease-${i}`, `${base}start: 2026-01-01\nend: 2026-07-01\nnote: "first term"\n`]];
  if (i % 10 === 1) return [[`lease-${i}`, `${base}start: 2026-09-01\nnote: successor of a lease that ended\n`]];
  if (i % 50 === 2) return [[`lease-${i}`, base], [`d-${i}`, `kind: delegation\nid: d-${i}\nlease: lease-${i}\ntype: irr-maintainer\nto: lessee-${l}\nmaintainer: LESSEE${l}-MNT\n`]];
  return [[`lease-${i}`, base]];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, count, perFile = '1'] = process.argv.slice(2);
  console.log(generateRepository(root, Number(count), Number(perFile)));
}
