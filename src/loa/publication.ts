import { identity, type DesiredObject, type RegistryObject } from '../model/objects.js';
import type { Resolved } from '../resolve/resolved.js';
import { openRegistries } from '../plan/make-plan.js';
import { ProviderError } from '../providers/types.js';

/**
 * An object's state on the day: read from its registry (`published` / `not published`),
 * or, when the registry cannot be read, what the plan intends (`planned`) with the reason.
 */
export interface ObjectState {
  state: 'published' | 'not published' | 'planned';
  /** Set for `planned`: why the registry was not asked or did not answer. */
  reason?: string;
}

/** Reads each provider the objects live in once; a provider that fails leaves its objects `planned`. */
export async function publicationStates(model: Resolved, objects: readonly DesiredObject[], env: NodeJS.ProcessEnv): Promise<Map<DesiredObject, ObjectState>> {
  const states = new Map<DesiredObject, ObjectState>();
  let registries;
  try {
    registries = openRegistries(model, objects, env);
  } catch (err) {
    for (const o of objects) states.set(o, planned(err));
    return states;
  }
  const held = new Map<string, Set<string> | ObjectState>();
  await Promise.all(
    [...registries.providers].map(async ([name, provider]) => {
      if (!objects.some((o) => o.provider === name)) return;
      try {
        const current: RegistryObject[] = await provider.read(registries.scopes.get(name)!);
        held.set(name, new Set(current.map(identity)));
      } catch (err) {
        held.set(name, planned(err));
      }
    }),
  );
  for (const o of objects) {
    const found = held.get(o.provider);
    if (!found) states.set(o, { state: 'planned', reason: `provider ${o.provider} was not read` });
    else if (found instanceof Set) states.set(o, { state: found.has(identity(o)) ? 'published' : 'not published' });
    else states.set(o, found);
  }
  return states;
}

function planned(err: unknown): ObjectState {
  if (err instanceof ProviderError) return { state: 'planned', reason: `registry not reachable: ${err.message}` };
  throw err;
}
