// Where the audit's VRPs come from: a relying party's output, or (without one) the ROAs the
// holdings' RPKI providers hold now, read only.
import { compileDesired } from '../compile/desired.js';
import type { Resolved } from '../resolve/resolved.js';
import { parsePrefix } from '../net/ipv4.js';
import { openRegistries } from '../plan/make-plan.js';
import { readVrps } from '../routes/read-vrps.js';
import type { Vrp } from '../routes/vrp.js';

export async function vrpsFromFile(file: string, name: string): Promise<Vrp[]> {
  return (await readVrps(file, name)).vrps;
}

export async function vrpsFromProviders(model: Resolved, at: string, env: NodeJS.ProcessEnv): Promise<Vrp[]> {
  const registries = openRegistries(model, compileDesired(model, at), env);
  const vrps: Vrp[] = [];
  for (const [name, provider] of registries.providers) {
    if (!provider.objectTypes.includes('roa')) continue;
    for (const o of await provider.read(registries.scopes.get(name)!)) {
      const vrp = o.type === 'roa' ? vrpOf(o) : undefined;
      if (vrp) vrps.push(vrp);
    }
  }
  return vrps;
}

/** A VRP from a ROA-shaped value (prefix text, maxLength, asn). */
export function vrpOf(o: { prefix: string; maxLength: number; asn: number }): Vrp | undefined {
  const parsed = parsePrefix(o.prefix);
  if (!parsed.ok) return undefined;
  const { text, start, end, length } = parsed.prefix;
  return { prefix: text, start, end, length, maxLength: o.maxLength, asn: o.asn };
}
