// The inputs of a plan's impact: route files from --routes or leasekit.yaml's `audit.routes`,
// VRPs from --vrps, `audit.vrps`, or the providers' current ROAs.
import fs from 'node:fs';
import path from 'node:path';
import type { Resolved } from '../resolve/resolved.js';
import type { Plan } from '../plan/types.js';
import { readRoutes } from '../routes/read-routes.js';
import { planImpact, type ImpactEntry } from './impact.js';
import { vrpsFromFile, vrpsFromProviders } from './vrp-sources.js';

/** An input file: where it is, and how messages name it (as the user or leasekit.yaml wrote it). */
export interface NamedFile {
  file: string;
  name: string;
}

export interface ImpactSources {
  routes: NamedFile[];
  vrps?: NamedFile;
}


/**
 * Where the impact's inputs come from: the flags, else leasekit.yaml (paths relative to the
 * repository; files the workflow has not fetched are skipped with `note`). Undefined: no impact.
 */
export function impactSources(model: Resolved, flags: { routes: string[]; vrps?: string }, cwd: string, note: (s: string) => void): ImpactSources | undefined {
  const named = (base: string) => (f: string) => ({ file: path.resolve(base, f), name: f });
  const vrpsFlag = flags.vrps === undefined ? undefined : named(cwd)(flags.vrps);
  if (flags.routes.length) return { routes: flags.routes.map(named(cwd)), vrps: vrpsFlag };
  const configured = model.repo.config.audit ?? {};
  if (!configured.routes?.length) return undefined;
  const routes = configured.routes.map(named(model.repo.root));
  const missing = routes.filter((r) => !fs.existsSync(r.file));
  if (missing.length) {
    note(`leasekit: no impact shown: ${missing.map((r) => r.name).join(', ')} (audit.routes in leasekit.yaml) not found; fetch the routes first\n`);
    return undefined;
  }
  const configuredVrps = configured.vrps === undefined ? undefined : named(model.repo.root)(configured.vrps);
  return { routes, vrps: vrpsFlag ?? (configuredVrps && fs.existsSync(configuredVrps.file) ? configuredVrps : undefined) };
}

export async function impactOf(model: Resolved, plan: Plan, sources: ImpactSources, env: NodeJS.ProcessEnv): Promise<ImpactEntry[]> {
  const names = new Map([...sources.routes, ...(sources.vrps ? [sources.vrps] : [])].map((f) => [f.file, f.name]));
  const { routes } = await readRoutes(sources.routes.map((f) => f.file), (f) => names.get(f) ?? f);
  const vrps = sources.vrps ? await vrpsFromFile(sources.vrps.file, sources.vrps.name) : await vrpsFromProviders(model, plan.at, env);
  return planImpact(routes, vrps, plan.changes);
}
