import { describe, expect, it } from 'vitest';
import { Progress, stepText } from '../../src/render/progress.js';

/** A clock that moves 250 ms per reading from 05:00:00Z. */
function clock() {
  let t = Date.parse('2026-12-02T05:00:00Z');
  return () => new Date((t += 250));
}

describe('apply progress', () => {
  it('draws a bar on a terminal, naming the step in words', () => {
    let out = '';
    const p = new Progress(200, (s) => void (out += s), true, 10, clock());
    p.start('local', 'roa-create', 150);
    p.advance('local', 'roa-create', 150);
    p.finish();
    expect(out).toContain('\r[----------] 0/200 local: creating 150 ROAs');
    expect(out).toContain('\r[########--] 150/200 local: created 150 ROAs (done 05:00:00Z, 0.3s)');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('writes a line per step and one when it is done, with its time, elsewhere', () => {
    let out = '';
    const p = new Progress(3, (s) => void (out += s), false, 30, clock());
    p.start('ripe', 'route-delete', 1);
    p.advance('ripe', 'route-delete', 1);
    p.finish();
    expect(out).toBe('ripe: deleting 1 route object…\nripe: deleted 1 route object (done 05:00:00Z, 0.3s)\n');
  });

  it('has words for every phase', () => {
    expect(stepText('k', 'child-resources', 2)).toBe('k: updating 2 child CA resources');
    expect(stepText('k', 'route-write', 2, true)).toBe('k: wrote 2 route objects');
    expect(stepText('k', 'roa-delete', 1, true)).toBe('k: deleted 1 ROA');
  });
});
