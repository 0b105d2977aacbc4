import { describe, expect, it } from 'vitest';
import { splitComment } from '../../src/github/split-comment.js';
import { markerOf, partOf } from '../../src/github/sticky-comment.js';

const header = (n: number, total: number) => `${markerOf('t', n)}\n_(continued: part ${n} of ${total})_\n`;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** A plan-like body: a <details> block holding a diff fence of `lines` lines, then a table. */
function body(lines: number, text = 'roa 185.50.0.0/24 max 24 AS64500'): string {
  const diff = Array.from({ length: lines }, (_, i) => `+ ${text} #${i}`).join('\n');
  return `${markerOf('t')}\n### plan\n\n<details open><summary>local</summary>\n\n\`\`\`diff\n${diff}\n\`\`\`\n\n</details>\n\n<sub>fingerprint</sub>`;
}

describe('splitComment', () => {
  it('keeps a body that fits as it is', () => {
    expect(splitComment(body(3), { header })).toEqual([body(3)]);
  });

  it('cuts between lines, closing and reopening the fence and <details>, every part within the limit', () => {
    const parts = splitComment(body(400), { header, maxLength: 4096 });
    expect(parts.length).toBeGreaterThan(3);
    parts.forEach((part, i) => {
      expect(bytes(part)).toBeLessThanOrEqual(4096);
      expect(partOf('t', part)).toBe(i + 1);
      expect(part.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
      expect(part.split('<details').length).toBe(part.split('</details>').length);
      if (i < parts.length - 1) expect(part).toContain('_Continued in the next comment._');
      if (i > 0) expect(part).toContain('<details open><summary>local</summary>\n\n```diff\n+ roa');
    });
    const lines = parts.flatMap((p) => p.split('\n').filter((l) => l.startsWith('+ roa')));
    expect(lines).toEqual(Array.from({ length: 400 }, (_, i) => `+ roa 185.50.0.0/24 max 24 AS64500 #${i}`));
    expect(parts.at(-1)).toMatch(/<sub>fingerprint<\/sub>$/);
  });

  it('counts UTF-8 bytes, so text in other scripts never overflows', () => {
    const parts = splitComment(body(300, 'Société Générale Ωmega 🚀'), { header, maxLength: 4096 });
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(4096);
    expect(parts.join('')).not.toContain('\uFFFD');
  });

  it('cuts a single line longer than a part, without splitting a character', () => {
    const long = `${markerOf('t')}\n${'é'.repeat(10_000)}`;
    const parts = splitComment(long, { header, maxLength: 4096 });
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(4096);
    expect(parts.join('').match(/é/g)).toHaveLength(10_000);
  });

  it('closes and reopens a four-backtick fence with four backticks, past ``` lines inside it', () => {
    const lines = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? '```' : `  note: line ${i} of a lease file`));
    const long = `${markerOf('t')}\n### the new lease\n\n\`\`\`\`yaml\n${lines.join('\n')}\n\`\`\`\`\n\nthe end`;
    const parts = splitComment(long, { header, maxLength: 4096 });
    expect(parts.length).toBeGreaterThan(2);
    parts.forEach((part, i) => {
      if (i < parts.length - 1) expect(part).toMatch(/\n````\n\n_Continued in the next comment\._\n$/);
      if (i > 0) expect(part).toMatch(/^<!-- t:part-\d -->\n_\(continued: part \d of \d\)_\n\n````yaml\n/);
    });
    const kept = parts.flatMap((p) => p.split('\n').filter((l) => l === '```' || l.startsWith('  note:')));
    expect(kept).toEqual(lines);
  });

  it('caps the number of parts, keeping the first ones and the end with a note', () => {
    const parts = splitComment(body(2000), { header, maxLength: 4096, maxParts: 4 });
    expect(parts).toHaveLength(4);
    expect(parts[3]).toContain('more part(s) of this plan are not shown');
    expect(parts[3]).toMatch(/<sub>fingerprint<\/sub>$/);
  });
});

describe('sticky comment markers', () => {
  it('recognises part 1 and part n only at the very start of a body', () => {
    expect(partOf('leasekit:plan', '<!-- leasekit:plan -->\n### x')).toBe(1);
    expect(partOf('leasekit:plan', '<!-- leasekit:plan:part-3 -->\nmore')).toBe(3);
    expect(partOf('leasekit:plan', '> <!-- leasekit:plan -->\nquoted')).toBeUndefined();
    expect(partOf('leasekit:plan', '<!-- leasekit:apply -->\n')).toBeUndefined();
    expect(partOf('leasekit:plan', '<!-- leasekit:planx:part-2 -->\n')).toBeUndefined();
  });
});
