import type { Location } from '../model/diagnostic.js';

/** One file's text, with offsets turned into 1-based line and column on demand. */
export class SourceFile {
  private lineStarts?: Uint32Array;

  constructor(
    /** Path relative to the repository root, with `/`. */
    readonly path: string,
    readonly text: string,
  ) {}

  location(offset: number): Location {
    const starts = this.lines();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.path, line: lo + 1, column: offset - starts[lo] + 1 };
  }

  private lines(): Uint32Array {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = Uint32Array.from(starts);
    return this.lineStarts;
  }
}
