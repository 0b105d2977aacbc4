import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/util/suggest.js';

const KINDS = ['party', 'holding', 'contract', 'lease', 'delegation'];

describe('suggest', () => {
  it('finds a word one or two edits away', () => {
    expect(suggest('leese', KINDS)).toBe('lease');
    expect(suggest('delegaton', KINDS)).toBe('delegation');
    expect(suggest('cnotract', KINDS)).toBe('contract');
    expect(suggest('origns', ['contract', 'prefix', 'origins', 'maxLength'])).toBe('origins');
  });

  it('finds the same word in other case first', () => {
    expect(suggest('Lease', KINDS)).toBe('lease');
    expect(suggest('maxlength', ['maxLength', 'maxLengths'])).toBe('maxLength');
  });

  it('completes a prefix, preferring the shortest completion, and a close typo over a completion', () => {
    expect(suggest('hooli', ['acme-2026', 'hooli-2027-extension', 'hooli-2027'])).toBe('hooli-2027');
    expect(suggest('hooli', ['hooli-2027', 'hoolo'])).toBe('hoolo');
  });

  it('says nothing when nothing is close, rather than guess', () => {
    expect(suggest('widget', KINDS)).toBeUndefined();
    expect(suggest('ab', ['abcdef'])).toBeUndefined(); // too short to complete
    expect(suggest('xy', ['ab'])).toBeUndefined(); // two edits in two letters is a different word
    expect(suggest('anything', [])).toBeUndefined();
  });

  it('keeps the first of equally close candidates', () => {
    expect(suggest('leasx', ['leasy', 'leasz'])).toBe('leasy');
  });

  it('reads candidates from any iterable, such as the keys of a Map', () => {
    expect(suggest('acme-2025', new Map([['acme-2026', 1]]).keys())).toBe('acme-2026');
  });
});
