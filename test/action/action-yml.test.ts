import fs from 'node:fs';
import path from 'node:path';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { convertActionTemplate, type ActionRunsNode } from '@actions/workflow-parser/actions/action-template';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/action/inputs.js';
import { EXAMPLE_ROOT } from '../helpers/repo.js';

/** action.yml as GitHub's own parser reads it: a node24 JavaScript action on the committed bundle. */
const content = fs.readFileSync(path.join(EXAMPLE_ROOT, 'action.yml'), 'utf8');

function parsed() {
  const result = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter());
  return { errors: result.context.errors.getErrors().map((e) => e.message), template: result.value && convertActionTemplate(result.context, result.value) };
}

describe('action.yml', () => {
  it('parses with GitHub\'s action parser', () => {
    const { errors, template } = parsed();
    expect(errors).toEqual([]);
    expect(template?.name).toBe('leasekit');
    expect(template?.description).toBeTruthy();
  });

  it('runs the committed bundle on the runners\' Node 24', () => {
    const runs = parsed().template!.runs as ActionRunsNode;
    expect(runs.using).toBe('node24');
    expect(runs.main).toBe('action/dist/index.js');
    expect(fs.existsSync(path.join(EXAMPLE_ROOT, runs.main))).toBe(true);
  });

  it('takes the command and its options as inputs, the token defaulting to the workflow\'s', () => {
    const inputs = parsed().template!.inputs!;
    expect(inputs.map((i) => i.id)).toEqual(['command', 'args', 'repo', 'at', 'format', 'github-token']);
    expect(inputs.find((i) => i.id === 'command')?.required).toBe(true);
    expect(inputs.find((i) => i.id === 'github-token')?.default?.toString()).toBe('${{ github.token }}');
    const description = inputs.find((i) => i.id === 'command')!.description!;
    for (const command of COMMANDS) expect(description).toContain(command);
  });

  it('would catch a wrong runtime', () => {
    const result = parseAction({ name: 'action.yml', content: content.replace('using: node24', 'using: node99') }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0);
  });
});
