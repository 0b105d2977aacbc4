import { compileDesired, isManagedHolding, targetsOf } from '../compile/desired.js';
import type { DesiredObject, RegistryObject } from '../model/objects.js';
import type { Resolved } from '../resolve/resolved.js';
import type { Prefix } from '../net/ipv4.js';
import { createProvider, providerContext } from '../providers/index.js';
import { ProviderError, type Provider, type ReadScope } from '../providers/types.js';
import type { Repository } from '../repo/load.js';
import { validate, type Validation } from '../rules/index.js';
import { diff } from './diff.js';
import type { Plan, PlannedChange } from './types.js';

/** The registries a plan talks to, each with the holdings it is asked about. */
export interface Registries {
  providers: Map<string, Provider>;
  scopes: Map<string, ReadScope>;
  managedSpace: Prefix[];
}

export interface Planned {
  validation: Validation;
  /** Absent when validation found errors: nothing is planned from a broken repository. */
  plan?: Plan;
  registries?: Registries;
}

/** Validate, compile the day's desired objects, read the registries, diff. */
export async function makePlan(repo: Repository, at: string, env: NodeJS.ProcessEnv, lockHeld?: (providers: Provider[]) => void): Promise<Planned> {
  const validation = validate(repo, at);
  if (validation.errors > 0) return { validation };
  const desired = compileDesired(validation.model, at);
  const registries = openRegistries(validation.model, desired, env);
  lockHeld?.([...registries.providers.values()]);
  const current = await readAll(registries);
  const plan = diff({ at, desired, current }, registries.managedSpace);
  for (const change of plan.changes) change.because = describeReason(validation.model, change);
  return { validation, registries, plan };
}

/** `lease acme-1 (ACME Hosting GmbH)`: the record behind a change, and who it is for. */
function describeReason(model: Resolved, change: PlannedChange): string | undefined {
  const reason = change.reason;
  if (!reason) return change.op === 'delete' ? 'no record implies it any more' : undefined;
  if ('holding' in reason) return `holding ${reason.holding} (AS0: idle space)`;
  const lease = 'lease' in reason ? model.byId.lease.get(reason.lease) : model.leaseOf(model.byId.delegation.get(reason.delegation)!);
  const party = lease && model.counterpartyOf(model.contractOf(lease));
  const what = 'lease' in reason ? `lease ${reason.lease}` : `delegation ${reason.delegation}`;
  return party ? `${what} (${party.fields.name ?? party.id})` : what;
}

export function openRegistries(model: Resolved, desired: readonly DesiredObject[], env: NodeJS.ProcessEnv): Registries {
  const ctx = providerContext(model.repo.root, env);
  const providers = new Map<string, Provider>();
  const scopes = new Map<string, string[]>();
  const managedSpace: Prefix[] = [];
  const use = (name: string, prefix?: string) => {
    if (!providers.has(name)) {
      const config = model.repo.config.providers[name];
      if (!config) throw new ProviderError(name, 'not defined under providers in leasekit.yaml');
      providers.set(name, createProvider(name, config, ctx));
      scopes.set(name, []);
    }
    if (prefix && !scopes.get(name)!.includes(prefix)) scopes.get(name)!.push(prefix);
  };
  for (const holding of model.repo.byKind.holding) {
    const prefix = model.prefixOf(holding);
    if (!prefix || !isManagedHolding(model, holding)) continue;
    managedSpace.push(prefix);
    const targets = targetsOf(model, holding);
    use(targets.rpkiProvider, prefix.text);
    use(targets.irrProvider, prefix.text);
  }
  for (const o of desired) {
    use(o.provider, o.type === 'child-resources' ? o.prefix : undefined); // Krill merges adjacent child blocks: read them at the lease's own prefix
    if (!providers.get(o.provider)!.objectTypes.includes(o.type)) {
      throw new ProviderError(o.provider, `a ${providers.get(o.provider)!.type} provider cannot hold ${o.type} objects (check rpki.provider and irr.provider of the holdings)`);
    }
  }
  return { providers, scopes: new Map([...scopes].map(([k, v]) => [k, { prefixes: v }])), managedSpace };
}

/** Reads every provider at once; each keeps only the object types it is responsible for. */
export async function readAll(registries: Registries): Promise<Map<string, RegistryObject[]>> {
  const entries = await Promise.all(
    [...registries.providers].map(async ([name, provider]) => {
      const objects = await provider.read(registries.scopes.get(name)!);
      return [name, objects.filter((o) => provider.objectTypes.includes(o.type))] as const;
    }),
  );
  return new Map(entries);
}
