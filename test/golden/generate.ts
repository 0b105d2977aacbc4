// A deterministic 10k-lease repository with findings of many kinds, for the golden-file test.
// It is its own generator (not bench/'s) so that changing the benchmark never changes the goldens.
import fs from 'node:fs';
import path from 'node:path';

export const GOLDEN_LEASES = 10_000;
export const GOLDEN_DAY = '2026-06-01';
const PER_LESSEE = 50;

const lesseeOf = (i: number) => Math.floor(i / PER_LESSEE);
const asnOf = (l: number) => 200000 + l;
const prefixOf = (i: number) => `${20 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`;

/** The lease record `i`, with a planted fault every so often (each kind of fault on its own stride). */
function lease(i: number): string {
  const l = lesseeOf(i);
  const fields = [`kind: lease`, `id: lease-${i}`, `contract: c-${l}`, `prefix: ${prefixOf(i)}`, `origins: [${asnOf(l)}]`];
  if (i % 50 === 3) fields.push('start: 2026-01-01', 'end: 2026-06-20'); // expiring soon: a warning
  if (i % 997 === 5) fields.push(`orgins: [${asnOf(l)}]`); // unknown key, with a hint
  if (i % 1009 === 7) fields.splice(3, 0, `prefix: ${prefixOf(i + 1)}`); // duplicate key
  if (i % 1013 === 9) fields[2] = 'contract: c-nope'; // unknown reference
  if (i % 1019 === 11) fields[3] = `prefix: ${prefixOf(i).replace('.0/24', '.1/24')}`; // not canonical
  if (i % 1021 === 13) fields[3] = `prefix: ${prefixOf(i - 1)}`; // overlaps its neighbour
  if (i % 1031 === 15) fields.push('note: "unterminated'); // YAML syntax
  if (i % 1039 === 19) fields.push('start: 2026-02-30'); // no such day
  if (i % 1049 === 21) fields[4] = 'origins: [64496]'; // not the lessee's ASN
  if (i % 1051 === 23) fields.push('note: first', 'note: second', 'contract: c-gone'); // duplicate key and more findings in the same record
  if (i % 1061 === 25) fields[1] = `id: lease-${i - 1}`; // duplicate id
  if (i % 1063 === 27) fields.push('origins: *nowhere'); // undefined alias
  let text = fields.join('\n') + '\n';
  if (i % 1069 === 29) text += '---\n'; // a trailing empty document
  if (i % 1087 === 31) text = `---\n- just\n- a list\n---\n${text}`; // a list where a record belongs
  if (i % 101 === 33) text = `# lease ${i}\n\n${text}`; // comments move lines
  return text;
}

export function generateGoldenRepository(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'leases/leases'), { recursive: true });
  fs.writeFileSync(path.join(root, 'leasekit.yaml'), 'policy:\n  quarantineDays: 30\n  expiryWarningDays: 30\n');
  const lessees = Math.ceil(GOLDEN_LEASES / PER_LESSEE);
  const parties = ['kind: party\nid: self\nname: Golden Lessor\nself: true\nasns: [199999]\nirrMaintainer: GOLD-MNT\n'];
  const contracts: string[] = [];
  for (let l = 0; l < lessees; l++) {
    parties.push(`kind: party\nid: lessee-${l}\nname: "Lessee ${l}"\nasns: [${asnOf(l)}]\n`);
    contracts.push(`kind: contract\nid: c-${l}\ndirection: outbound\ncounterparty: lessee-${l}\nstart: 2025-01-01\nend: 2030-01-01\n`);
  }
  fs.writeFileSync(path.join(root, 'leases/parties.yaml'), parties.join('---\n'));
  fs.writeFileSync(path.join(root, 'leases/contracts.yaml'), contracts.join('---\n'));
  const holdings: string[] = [];
  for (let h = 0; h <= (GOLDEN_LEASES - 1) >> 8; h++) {
    holdings.push(`kind: holding\nid: h-${h}\nprefix: ${20 + (h >> 8)}.${h & 255}.0.0/16\nregistry: ripe\nsource: allocation\n`);
  }
  fs.writeFileSync(path.join(root, 'leases/holdings.yaml'), holdings.join('---\n'));
  // the first half one file per lease (as `propose` writes them), the second half 50 per file
  for (let i = 0; i < GOLDEN_LEASES / 2; i++) {
    const dir = path.join(root, `leases/leases/lessee-${lesseeOf(i)}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `lease-${i}.yaml`), lease(i));
  }
  for (let l = lesseeOf(GOLDEN_LEASES / 2); l < lessees; l++) {
    const docs: string[] = [];
    for (let i = l * PER_LESSEE; i < (l + 1) * PER_LESSEE; i++) docs.push(lease(i));
    fs.writeFileSync(path.join(root, `leases/leases/lessee-${l}.yaml`), docs.join('---\n'));
  }
}
