import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingEntries, readFormatDoc } from '../../src/explain/format-entries.js';
import { RULE_SEVERITY, type RuleCode } from '../../src/rules/codes.js';
import { EXAMPLE_ROOT } from '../helpers/repo.js';

const entries = findingEntries(readFormatDoc());
const codes = Object.keys(RULE_SEVERITY) as RuleCode[];

describe('docs/format.md', () => {
  it('has an entry for every rule code in src/rules/codes.ts', () => {
    expect(codes.filter((code) => !entries.has(code))).toEqual([]);
  });

  it('has no entry for a code that src/rules/codes.ts does not define', () => {
    expect([...entries.keys()].filter((code) => !Object.hasOwn(RULE_SEVERITY, code))).toEqual([]);
  });

  it('opens each entry with the code\'s severity, and says how to fix it', () => {
    for (const code of codes) {
      const body = entries.get(code) ?? '';
      const severity = RULE_SEVERITY[code] === 'error' ? 'Error' : 'Warning';
      expect(body.split('\n\n')[1], code).toMatch(new RegExp(`^\\*\\*${severity}\\.\\*\\* `));
      expect(body, code).toContain('*Fix:*');
    }
  });

  it('is the file the package ships', () => {
    const shipped = fs.readFileSync(path.join(EXAMPLE_ROOT, 'docs/format.md'), 'utf8');
    expect(readFormatDoc()).toBe(shipped);
  });
});

describe('findingEntries', () => {
  it('reads ### headings under ## Findings only, each up to the next heading, ignoring fenced lines', () => {
    const doc = ['## Kinds', '### lease', 'not a finding', '## Findings', 'intro', '### a-code', 'one', '```', '### not-a-heading', '```', '', '### b-code', 'two', '## After', '### c'].join('\n');
    const found = findingEntries(doc);
    expect([...found.keys()]).toEqual(['a-code', 'b-code']);
    expect(found.get('a-code')).toBe('### a-code\none\n```\n### not-a-heading\n```');
    expect(found.get('b-code')).toBe('### b-code\ntwo');
  });
});
