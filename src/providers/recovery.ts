import { identity, sameContent, type RegistryObject } from '../model/objects.js';
import { UncertainOutcome, type Change, type ChangeResult, type Provider, type ReadScope } from './types.js';

const MAX_RECOVERIES = 3;

/**
 * Applies a batch; after an uncertain failure re-reads the registry and sends only
 * what is still missing, so nothing is applied twice and nothing is lost.
 */
export async function applyWithRecovery(provider: Provider, batch: readonly Change[], scope: ReadScope): Promise<ChangeResult[]> {
  const settled: ChangeResult[] = [];
  let remaining = [...batch];
  for (let recovery = 0; ; recovery++) {
    try {
      return [...settled, ...(await provider.apply(remaining))];
    } catch (err) {
      if (!(err instanceof UncertainOutcome) || recovery >= MAX_RECOVERIES) throw err;
      const current = byIdentity(await provider.read(scope));
      const done = new Set(remaining.filter((c) => isDone(c, current)));
      for (const change of done) settled.push({ change, ok: true, message: 'confirmed by re-reading the registry' });
      remaining = remaining.filter((c) => !done.has(c));
      if (remaining.length === 0) return settled;
    }
  }
}

export function byIdentity(objects: readonly RegistryObject[]): Map<string, RegistryObject> {
  return new Map(objects.map((o) => [identity(o), o]));
}

/** Whether the registry (current objects by identity) already shows the change's effect. */
export function isDone(change: Change, current: ReadonlyMap<string, RegistryObject>): boolean {
  const found = current.get(identity(change.object));
  if (change.op === 'delete') return found === undefined;
  return found !== undefined && sameContent(found, change.object);
}
