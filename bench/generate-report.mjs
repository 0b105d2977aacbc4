// A synthetic lessor repository for the report site: /16 holdings cut into /24 slots, most
// leased to a handful of lessees each, with idle, quarantined, internal and reserved space,
// large blocks, earlier leases and leases about to expire, all relative to one day `at`.
// Slot kinds repeat every 20 /24s, so tests know what a given block is.
import fs from 'node:fs';
import path from 'node:path';

const DAY = 86_400_000;
const SLOTS = 256;
const LESSEES_PER_HOLDING = 6;
/** Slot i of a holding is KINDS[i % 20]; slots 64-79 are one /20 lease, slots 128-135 one /21. */
export const KINDS = [
  'leased', 'leased', 'leased', 'leased', 'leased', 'leased', 'leased', 'leased', 'leased', 'leased', 'leased', 'leased', 'leased',
  'leased-after-other', 'idle', 'idle', 'quarantine', 'internal', 'reserved', 'expiring',
];
const BLOCKS = [
  { first: 64, count: 16, length: 20 },
  { first: 128, count: 8, length: 21 },
];

const day = (at, offset) => new Date(Date.parse(`${at}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
export const holdingPrefix = (h) => `${20 + (h >> 8)}.${h & 255}.0.0/16`;
export const slotPrefix = (h, i, length = 24) => `${20 + (h >> 8)}.${h & 255}.${i}.0/${length}`;
export const lesseeOf = (h, i) => `lessee-${(h * 3 + Math.floor(i / 43)) % lesseeCount}`;
let lesseeCount = 1;

/** Writes the repository; returns what it wrote. `leaseCount` is approximate (whole holdings). */
export function generateReportRepository(root, leaseCount, at) {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'leases/leases'), { recursive: true });
  fs.writeFileSync(path.join(root, 'leasekit.yaml'), 'policy:\n  quarantineDays: 30\n  expiryWarningDays: 30\n');
  const perHolding = leasesPerHolding();
  const holdings = Math.max(1, Math.ceil(leaseCount / perHolding));
  lesseeCount = Math.max(LESSEES_PER_HOLDING, Math.ceil(leaseCount / 100));
  const parties = ['kind: party\nid: self\nname: Example Lessor B.V.\nself: true\nasns: [199999]\nirrMaintainer: LESSOR-MNT\n'];
  const contracts = ['kind: contract\nid: internal\ndirection: internal\ncounterparty: self\nstart: 2015-01-01\n'];
  for (let l = 0; l < lesseeCount; l++) {
    parties.push(`kind: party\nid: lessee-${l}\nname: "${lesseeName(l)}"\nasns: [${200000 + l}]\n`);
    const price = l % 2 === 0 ? '{ amount: 0.45, currency: EUR, per: ip-month }' : '{ amount: 120, currency: USD, per: prefix-month }';
    contracts.push(`kind: contract\nid: c-${l}\ndirection: outbound\ncounterparty: lessee-${l}\nstart: 2015-01-01\nrenewal: { auto: ${l % 3 === 0}, periodMonths: 12, noticeDays: 60 }\nprice: ${price}\n`);
  }
  fs.writeFileSync(path.join(root, 'leases/parties.yaml'), parties.join('---\n'));
  fs.writeFileSync(path.join(root, 'leases/contracts.yaml'), contracts.join('---\n'));
  const holdingDocs = [];
  let leases = 0;
  for (let h = 0; h < holdings; h++) {
    holdingDocs.push(`kind: holding\nid: h-${h}\nprefix: ${holdingPrefix(h)}\nregistry: ripe\nsource: allocation\n`);
    const docs = holdingLeases(h, at);
    leases += docs.length;
    fs.writeFileSync(path.join(root, `leases/leases/h-${String(h).padStart(5, '0')}.yaml`), docs.join('---\n'));
  }
  fs.writeFileSync(path.join(root, 'leases/holdings.yaml'), holdingDocs.join('---\n'));
  return { holdings, leases, lessees: lesseeCount };
}

const NAMES = ['Hosting', 'Cloud', 'Networks', 'Telecom', 'Data Centres', 'Internet', 'Broadband', 'Systems'];
function lesseeName(l) {
  return `${['Aurora', 'Borealis', 'Cobalt', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbour', 'Iris', 'Juniper'][l % 10]} ${NAMES[Math.floor(l / 10) % NAMES.length]}${l >= 80 ? ` ${Math.floor(l / 80) + 1}` : ''}`;
}

function leasesPerHolding() {
  return holdingLeases(0, '2026-01-01').length;
}

/** The slot's kind; the first slot of a block decides the block. */
export function slotKind(i) {
  const block = BLOCKS.find((b) => i >= b.first && i < b.first + b.count);
  return block ? (i === block.first ? 'leased' : 'in-block') : KINDS[i % KINDS.length];
}

function holdingLeases(h, at) {
  const docs = [];
  const lease = (id, lessee, prefix, start, end, extra = '') => {
    const contract = lessee === 'self' ? 'internal' : `c-${lessee.slice(7)}`;
    const asn = lessee === 'self' ? 199999 : 200000 + Number(lessee.slice(7));
    docs.push(`kind: lease\nid: ${id}\ncontract: ${contract}\nprefix: ${prefix}\nstart: ${start}\n${end ? `end: ${end}\n` : ''}origins: [${asn}]\n${extra}`);
  };
  for (let i = 0; i < SLOTS; i++) {
    const kind = slotKind(i);
    const block = BLOCKS.find((b) => b.first === i);
    const prefix = slotPrefix(h, i, block?.length ?? 24);
    const lessee = lesseeOf(h, i);
    const id = `l-${h}-${i}`;
    const since = day(at, -(100 + ((i * 13) % 600)));
    const until = i % 5 === 0 ? undefined : day(at, 200 + ((i * 17) % 900));
    switch (kind) {
      case 'leased':
        lease(id, lessee, prefix, since, until);
        break;
      case 'leased-after-other':
        lease(`${id}-old`, lesseeOf(h + 1, i), prefix, day(at, -700), day(at, -200));
        lease(id, lessee, prefix, day(at, -150), until);
        break;
      case 'quarantine':
        lease(id, lessee, prefix, day(at, -400), day(at, -10));
        break;
      case 'internal':
        lease(id, 'self', prefix, day(at, -900), undefined);
        break;
      case 'reserved':
        lease(id, lessee, prefix, day(at, 40), undefined);
        break;
      case 'expiring':
        lease(id, lessee, prefix, since, day(at, 5 + (i % 80)));
        break;
      default: // idle, in-block
    }
  }
  return docs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, count, at = new Date().toISOString().slice(0, 10)] = process.argv.slice(2);
  console.log(generateReportRepository(root, Number(count), at));
}
