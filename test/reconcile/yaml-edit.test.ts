import { describe, expect, it } from 'vitest';
import { removeRecords, setRecordField } from '../../src/reconcile/yaml-edit.js';

const FILE = `# yaml-language-server: $schema=../schema/record.schema.json
# What this file is about.
kind: contract
id: a
start: 2026-01-01
end: 2027-01-01 # renews
renewal: { auto: true, periodMonths: 12 }
usage: { acceptableUse: [hosting] }
---
# the second one
kind: contract
id: b
start: 2026-01-01
end: "2027-06-01"
---
kind: contract
id: c
start: 2026-01-01
end: '2027-09-01'
`;

describe('setRecordField', () => {
  it('changes only the value, keeping comments, flow collections and spacing', () => {
    const out = setRecordField(FILE, { kind: 'contract', id: 'a' }, 'end', '2028-01-01');
    expect(out).toBe(FILE.replace('end: 2027-01-01 # renews', 'end: 2028-01-01 # renews'));
  });

  it('keeps the value\'s quoting style', () => {
    expect(setRecordField(FILE, { kind: 'contract', id: 'b' }, 'end', '2028-06-01')).toBe(FILE.replace('"2027-06-01"', '"2028-06-01"'));
    expect(setRecordField(FILE, { kind: 'contract', id: 'c' }, 'end', '2028-09-01')).toBe(FILE.replace("'2027-09-01'", "'2028-09-01'"));
  });

  it('refuses a record or field that is not there', () => {
    expect(() => setRecordField(FILE, { kind: 'contract', id: 'zz' }, 'end', '2028-01-01')).toThrow(/no contract zz/);
    expect(() => setRecordField(FILE, { kind: 'contract', id: 'a' }, 'sublease', 'x')).toThrow(/has no sublease/);
  });
});

describe('removeRecords', () => {
  const parts = FILE.split('---\n');

  it('cuts a middle or last document with its own comments', () => {
    expect(removeRecords(FILE, [{ kind: 'contract', id: 'b' }])).toBe(`${parts[0]}---\n${parts[2]}`);
    expect(removeRecords(FILE, [{ kind: 'contract', id: 'c' }])).toBe(`${parts[0]}---\n${parts[1]}`);
  });

  it('cuts the first document but keeps the editor\'s schema line, without a leading ---', () => {
    expect(removeRecords(FILE, [{ kind: 'contract', id: 'a' }])).toBe(`# yaml-language-server: $schema=../schema/record.schema.json\n${parts[1]}---\n${parts[2]}`);
  });

  it('says to remove the file when no document is left', () => {
    expect(removeRecords(FILE, ['a', 'b', 'c'].map((id) => ({ kind: 'contract', id })))).toBeNull();
  });

  it('leaves a file alone that holds none of them, and refuses one that does not parse', () => {
    expect(removeRecords(FILE, [{ kind: 'lease', id: 'a' }])).toBe(FILE);
    expect(() => removeRecords('kind: [unclosed\n', [])).toThrow(/does not parse/);
  });
});
