import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/render/progress.js';

describe('apply progress', () => {
  it('draws a bar on a terminal', () => {
    let out = '';
    const p = new Progress(200, (s) => void (out += s), true, 10);
    p.start('local: roa-create', 150);
    p.advance(150, 'local: roa-create');
    p.finish();
    expect(out).toContain('\r[----------] 0/200 local: roa-create (150)');
    expect(out).toContain('\r[########--] 150/200 local: roa-create');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('writes plain lines elsewhere', () => {
    let out = '';
    const p = new Progress(200, (s) => void (out += s), false);
    p.start('local: roa-create', 150);
    p.advance(150, 'local: roa-create');
    p.finish();
    expect(out).toBe('local: roa-create 150…\n');
  });
});
