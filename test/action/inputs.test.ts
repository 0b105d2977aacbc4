import { describe, expect, it } from 'vitest';
import { InputError, argvFromInputs, splitWords } from '../../src/action/inputs.js';

describe('action inputs', () => {
  it('become leasekit argv: command words, args, then the option inputs that are set', () => {
    const env = { INPUT_COMMAND: ' github  comment ', INPUT_ARGS: '--conflicts', INPUT_REPO: '.', INPUT_AT: '', INPUT_FORMAT: '' };
    expect(argvFromInputs(env)).toEqual(['github', 'comment', '--conflicts', '--repo', '.']);
  });

  it('split args like a shell quotes them, expanding nothing', () => {
    expect(splitWords(`--note "rack 4: \\"B\\"" --id 'a b' plain\\ word $HOME \`x\``)).toEqual(['--note', 'rack 4: "B"', '--id', 'a b', 'plain word', '$HOME', '`x`']);
    expect(splitWords('  ')).toEqual([]);
    expect(splitWords(`--note ''`)).toEqual(['--note', '']);
    expect(() => splitWords('--note "open')).toThrow(InputError);
  });

  it('refuse commands leasekit does not have', () => {
    expect(() => argvFromInputs({ INPUT_COMMAND: 'bash' })).toThrow(InputError);
    expect(() => argvFromInputs({})).toThrow(InputError);
  });
});
