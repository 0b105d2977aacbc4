import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeArinRpki } from '../fakes/arin-rpki.js';
import { HELD, SECRET } from '../providers/rpki/harness.js';
import { apply, rpkiRepo } from './rpki-fixtures.js';

describe('ARIN and the AS0 ROA, end to end', () => {
  let fake: FakeArinRpki | undefined;
  afterEach(() => fake?.stop());

  async function strictArin(more: string[] = []): Promise<string> {
    fake = new FakeArinRpki({ apiKey: SECRET, org: 'EXAMPLE-1', resources: [...HELD, ...more], refuseOverlap: true });
    await fake.start();
    return rpkiRepo(`{ type: arin-rpki, baseUrl: '${fake.baseUrl}', org: EXAMPLE-1, apiKeyEnv: RPKI_KEY }`);
  }
  const state = () => fake!.list().map((r) => `${r.prefix} ${r.maxLength} ${r.asn}`);

  it('when ARIN counts AS0 over a holding as overlapping, apply says so and names the way out; nothing lands', async () => {
    const root = await strictArin();
    const result = await apply(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('overlapping');
    expect(result.stderr).toContain("set 'rpki: { as0: false }' on that holding");
    expect(state()).toEqual([]);
  });

  it("rpki.as0: false leaves out only that holding's AS0 ROA: its lease ROAs stay, and so does the AS0 of a holding without leases", async () => {
    const root = await strictArin(['203.0.113.0/24']);
    const holding = (id: string, prefix: string, as0: boolean) => `kind: holding\nid: ${id}\nprefix: ${prefix}\nregistry: arin\nsource: allocation\nrpki: { provider: rpki${as0 ? '' : ', as0: false'} }\n`;
    fs.writeFileSync(path.join(root, 'leases/holdings.yaml'), [holding('h1', '192.0.2.0/24', false), holding('h2', '198.51.100.0/24', false), holding('h3', '203.0.113.0/24', true)].join('---\n'));
    const result = await apply(root);
    expect(result.code, result.stderr).toBe(0);
    expect(state()).toEqual(['192.0.2.0/25 25 200501', '198.51.100.0/24 25 200503', '203.0.113.0/24 32 0']);
  });
});
