import { describe, expect, it } from 'vitest';
import { closingFence, fenceAfter, fenceFor, type OpenFence } from '../../src/render/markdown-fence.js';

/** The fence open after each line of `text`. */
function openAfter(text: string): Array<OpenFence | undefined> {
  let open: OpenFence | undefined;
  return text.split('\n').map((line) => (open = fenceAfter(open, line)));
}

describe('fenceAfter', () => {
  it('opens on three or more backticks or tildes, keeping the opening line to reopen it', () => {
    expect(fenceAfter(undefined, '```diff')).toEqual({ line: '```diff', marker: '```' });
    expect(fenceAfter(undefined, '~~~~')).toEqual({ line: '~~~~', marker: '~~~~' });
    expect(fenceAfter(undefined, '   ```')).toBeDefined();
    expect(fenceAfter(undefined, '    ```')).toBeUndefined(); // indented code, not a fence
    expect(fenceAfter(undefined, '``')).toBeUndefined();
    expect(fenceAfter(undefined, '``` `inline` ```')).toBeUndefined();
  });

  it('closes only on the same character, at least as many, alone on the line', () => {
    expect(openAfter('````yaml\n```\nx\n````').map(Boolean)).toEqual([true, true, true, false]);
    expect(openAfter('```\n~~~\n```').map(Boolean)).toEqual([true, true, false]);
    expect(openAfter('```\n````').map(Boolean)).toEqual([true, false]);
    expect(openAfter('```\n``` not a close\n```').map(Boolean)).toEqual([true, true, false]);
  });

  it('closes a fence with its own marker', () => {
    expect(closingFence({ line: '````yaml', marker: '````' })).toBe('````');
  });
});

describe('fenceFor', () => {
  it('is longer than any backtick run in the text', () => {
    expect(fenceFor('plain')).toBe('```');
    expect(fenceFor('note: "````"')).toBe('`````');
  });
});
