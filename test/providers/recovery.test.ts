import { describe, expect, it } from 'vitest';
import { identity, sameContent, type RegistryObject, type RouteObject } from '../../src/model/objects.js';
import { diff } from '../../src/plan/diff.js';
import { parsePrefix } from '../../src/net/ipv4.js';
import { applyWithRecovery } from '../../src/providers/recovery.js';
import { UncertainOutcome, type Change, type ChangeResult, type Provider } from '../../src/providers/types.js';

const before: RouteObject = { type: 'route', provider: 'irr', source: 'RIPE', prefix: '192.0.2.0/24', origin: 64500, mntBy: ['A-MNT'], remarks: ['managed by leasekit, lease old'] };
const after: RouteObject = { ...before, remarks: ['managed by leasekit, lease new'] };

/** An in-memory registry whose first write times out without landing. */
class FlakyRegistry implements Provider {
  readonly name = 'irr';
  readonly type = 'memory';
  readonly objectTypes = ['route'] as const;
  writes = 0;
  constructor(private held: RegistryObject[]) {}
  read(): Promise<RegistryObject[]> {
    return Promise.resolve(this.held);
  }
  apply(changes: readonly Change[]): Promise<ChangeResult[]> {
    if (this.writes++ === 0) return Promise.reject(new UncertainOutcome(this.name, 'no answer within 30000 ms'));
    for (const c of changes) this.held = [...this.held.filter((o) => identity(o) !== identity(c.object)), c.object];
    return Promise.resolve(changes.map((change) => ({ change, ok: true })));
  }
}

describe('route equality, one implementation', () => {
  it('the diff and the recovery agree: a remarks-only change is an update, and is not done until the remarks landed', async () => {
    const plan = diff({ at: '2026-06-01', desired: [{ ...after, reason: { lease: 'new', event: 'starts' } }], current: new Map([['irr', [before]]]) }, [mustParse('192.0.2.0/24')]);
    expect(plan.changes.map((c) => c.op)).toEqual(['update']);

    const registry = new FlakyRegistry([before]);
    const results = await applyWithRecovery(registry, [{ op: 'update', object: after, before }], { prefixes: ['192.0.2.0/24'] });
    expect(results).toEqual([{ change: { op: 'update', object: after, before }, ok: true }]);
    expect(registry.writes).toBe(2);
    expect(await registry.read()).toEqual([after]);
  });

  it('an update whose write did land is confirmed by re-reading, not sent again', async () => {
    const registry = new FlakyRegistry([after]);
    const results = await applyWithRecovery(registry, [{ op: 'update', object: after, before }], { prefixes: ['192.0.2.0/24'] });
    expect(results[0].message).toBe('confirmed by re-reading the registry');
    expect(registry.writes).toBe(1);
  });

  it('maintainers, remarks and their order count; ROAs are all identity', () => {
    expect(sameContent(before, { ...before })).toBe(true);
    expect(sameContent(before, after)).toBe(false);
    expect(sameContent(before, { ...before, mntBy: ['B-MNT'] })).toBe(false);
    expect(sameContent({ ...before, mntBy: ['A', 'B'] }, { ...before, mntBy: ['B', 'A'] })).toBe(false);
    expect(sameContent({ ...before, remarks: undefined }, { ...before, remarks: [] })).toBe(true);
  });
});

function mustParse(text: string) {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.prefix;
}
