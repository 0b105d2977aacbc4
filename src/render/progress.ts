import { neutralise } from './text-safe.js';

/** A one-line progress bar for a terminal; a plain line per step elsewhere (CI logs). */
export class Progress {
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly write: (s: string) => void,
    private readonly terminal: boolean,
    private readonly width = 30,
  ) {}

  /** Announces a step that is about to run. */
  start(label: string, count: number): void {
    if (this.terminal) this.draw(`${label} (${count})`);
    else this.write(`${neutralise(label)} ${count}…\n`);
  }

  advance(count: number, label: string): void {
    this.done = Math.min(this.total, this.done + count);
    if (this.terminal) this.draw(label);
  }

  finish(): void {
    if (this.terminal) this.write('\n');
  }

  private draw(label: string): void {
    const filled = this.total ? Math.round((this.done / this.total) * this.width) : this.width;
    const bar = '#'.repeat(filled) + '-'.repeat(this.width - filled);
    this.write(`\r[${bar}] ${this.done}/${this.total} ${neutralise(label)}\x1b[K`);
  }
}
