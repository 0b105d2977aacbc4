import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../src/util/suggest.js';

describe('suggest', () => {
  it('finds a typo by edit distance, counting a swap of neighbours as one edit', () => {
    expect(suggest('leese', ['party', 'holding', 'contract', 'lease', 'delegation'])).toBe('lease');
    expect(suggest('fromat', ['format', 'repo', 'at'])).toBe('format');
    expect(editDistance('fromat', 'format')).toBe(1);
  });

  it('finds the one candidate that what was typed begins', () => {
    expect(suggest('hooli', ['hooli-2027', 'acme-2026'])).toBe('hooli-2027');
    expect(suggest('hooli', ['hooli-2027', 'hooli-2028'])).toBeUndefined();
  });

  it('stays quiet when nothing is close', () => {
    expect(suggest('zzzz', ['format', 'repo'])).toBeUndefined();
    expect(suggest('a', ['at', 'repo'])).toBe('at');
    expect(suggest('x', ['at', 'repo'])).toBeUndefined();
  });

  it('ignores case but returns the candidate as written', () => {
    expect(suggest('LEASE', ['lease'])).toBe('lease');
  });
});
