import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, type CliResult } from '../helpers/repo.js';
import { HARNESSES, SECRET, type Harness } from '../providers/rpki/harness.js';
import { AFTER_ACME, AT, ENV, rpkiRepo } from './rpki-fixtures.js';

/** Every file the commands leave behind: saved plans, the journal, the local registry, drafts. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
}

describe.each(HARNESSES.map((make) => [make().label, make] as const))('the %s credential never leaks', (_label, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = make();
    await h.start();
  });
  afterEach(() => h.stop());

  it('through any command, on success or failure, nor into a saved plan or any file written', async () => {
    const root = rpkiRepo(h.config());
    const outputs: CliResult[] = [];
    const run = async (argv: string[], env = ENV) => outputs.push(await cli([...argv, '--repo', root], { env }));
    const debug = { ...ENV, LEASEKIT_DEBUG: '1' };

    await run(['validate', '--at', AT]);
    await run(['validate', '--at', AT, '--format', 'json']);
    for (const format of ['text', 'json', 'markdown']) await run(['plan', '--at', AT, '--format', format, '--out', path.join(root, `plan-${format}.json`)]);
    await run(['plan', '--at', AT, '--verify', '--detailed-exitcode']);
    await run(['apply', '--at', AT, '--dry-run']);
    await run(['apply', '--at', AT, '--plan', path.join(root, 'plan-json.json'), '--yes']);
    await run(['plan', '--at', AFTER_ACME]);
    h.server.failNext(5, 503, { method: 'GET' });
    await run(['apply', '--at', AFTER_ACME, '--yes'], debug); // the read gives up after 5 attempts
    h.server.failNext(1, 400, { method: 'POST' });
    await run(['apply', '--at', AFTER_ACME, '--yes'], debug); // the write is refused
    h.seed([{ type: 'roa', provider: 'rpki', prefix: '203.0.113.0/24', maxLength: 24, asn: 200509 }]);
    await run(['import', '--provider', 'rpki', '--at', AT, '--out', 'drafts'], debug);
    await run(['plan', '--at', AT], { ...debug, RPKI_KEY: `${SECRET}-but-wrong` }); // refused credential
    await run(['apply', '--at', AT, '--yes'], { ...debug, RPKI_KEY: `x${SECRET}` });
    await h.stop();
    await run(['plan', '--at', AT], debug); // registry unreachable

    expect(outputs.map((o) => o.code)).toEqual([0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0, 1, 1, 1]);
    for (const o of outputs) {
      expect(o.stdout).not.toContain(SECRET);
      expect(o.stderr).not.toContain(SECRET);
    }
    const written = filesUnder(root).filter((f) => !f.includes(`${path.sep}leases${path.sep}`) && !f.endsWith('leasekit.yaml'));
    expect(written.map((f) => path.relative(root, f))).toEqual(expect.arrayContaining(['plan-json.json', 'state/journal.jsonl', 'drafts/holdings.yaml']));
    for (const file of written) expect(fs.readFileSync(file, 'utf8'), file).not.toContain(SECRET);
  });
});
