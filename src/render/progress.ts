import { neutralise } from './text-safe.js';
import type { Phase } from '../plan/order.js';
import { plural } from './objects.js';

const STEP_WORDS: Record<Phase, [string, string, string]> = {
  'roa-create': ['creating', 'created', 'ROA'],
  'child-resources': ['updating', 'updated', 'child CA resource'],
  'route-write': ['writing', 'wrote', 'route object'],
  'route-delete': ['deleting', 'deleted', 'route object'],
  'roa-delete': ['deleting', 'deleted', 'ROA'],
};

/** `local: creating 3 ROAs` / `local: created 3 ROAs`: one apply step in words. */
export function stepText(provider: string, phase: Phase, count: number, done = false): string {
  const [doing, did, noun] = STEP_WORDS[phase];
  return `${provider}: ${done ? did : doing} ${plural(count, noun)}`;
}

/** A one-line progress bar for a terminal; a line per step and one when it is done elsewhere (CI logs). */
export class Progress {
  private done = 0;
  private started = 0;

  constructor(
    private readonly total: number,
    private readonly write: (s: string) => void,
    private readonly terminal: boolean,
    private readonly width = 30,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Announces a step that is about to run. */
  start(provider: string, phase: Phase, count: number): void {
    this.started = this.now().getTime();
    const label = neutralise(stepText(provider, phase, count));
    if (this.terminal) this.draw(label);
    else this.write(`${label}…\n`);
  }

  /** A step is done: how long it took and when it ended, so a log shows where the time went. */
  advance(provider: string, phase: Phase, count: number): void {
    const end = this.now();
    this.done = Math.min(this.total, this.done + count);
    const label = `${stepText(provider, phase, count, true)} (done ${end.toISOString().slice(11, 19)}Z, ${((end.getTime() - this.started) / 1000).toFixed(1)}s)`;
    if (this.terminal) this.draw(label);
    else this.write(`${label}\n`);
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
