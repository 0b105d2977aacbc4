// `leasekit audit` without the argument parsing: validate, read the inputs, judge.
import type { Repository } from '../repo/load.js';
import { readRoutes } from '../routes/read-routes.js';
import { validate, type Validation } from '../rules/index.js';
import { audit, locateFindings, type AuditReport } from './audit.js';
import { vrpsFromFile, vrpsFromProviders } from './vrp-sources.js';

export interface AuditSources {
  routes: readonly string[];
  vrps?: string;
  /** How a file is named in messages (as the user gave it). */
  displayName?: (file: string) => string;
}

export interface Audited {
  validation: Validation;
  /** Absent when validation found errors: nothing is judged against broken records. */
  report?: AuditReport;
}

export async function auditRepository(repo: Repository, at: string, sources: AuditSources, env: NodeJS.ProcessEnv): Promise<Audited> {
  const validation = validate(repo, at);
  if (validation.errors > 0) return { validation };
  const name = sources.displayName ?? ((f: string) => f);
  const { routes, skipped } = await readRoutes(sources.routes, name);
  const model = validation.model;
  const vrps = sources.vrps ? await vrpsFromFile(sources.vrps, name(sources.vrps)) : await vrpsFromProviders(model, at, env);
  const report = audit({ model, at, routes, vrps, skipped });
  locateFindings(report.findings);
  return { validation, report };
}
