import { describe, expect, it } from 'vitest';
import { BODY_LIMIT, fitBody } from '../../src/github/body-limit.js';

describe('fitBody', () => {
  it('leaves a body that fits alone', () => {
    expect(fitBody('short', 'see the logs')).toBe('short');
  });

  it('cuts a long body at a line, closing its code fence and <details>', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `+ roa 10.0.${i % 256}.0/24 max 24 AS${64500 + i}`);
    const body = `head\n<details><summary>x</summary>\n\n\`\`\`diff\n${lines.join('\n')}\n\`\`\`\n\n</details>\n`;
    const cut = fitBody(body, 'run leasekit plan.');
    expect(body.length).toBeGreaterThan(BODY_LIMIT);
    expect(cut.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(cut).toMatch(/\n```\n<\/details>\n\n_Cut to fit GitHub's limit: run leasekit plan\._\n$/);
    expect(cut.split('\n').slice(0, -5).every((line) => body.split('\n').includes(line))).toBe(true);
  });

  it('closes a four-backtick fence with four, past a ``` line inside it', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 10 === 0 ? '```' : `  note: line ${i} of a lease file`));
    const body = `\`\`\`\`yaml\n${lines.join('\n')}\n\`\`\`\`\n`;
    const cut = fitBody(body, 'see the branch.');
    expect(cut).toMatch(/\n````\n\n_Cut to fit GitHub's limit: see the branch\._\n$/);
  });
});
