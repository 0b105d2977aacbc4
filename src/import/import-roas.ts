// Onboarding a lessor who already has ROAs: read the registry (never write to it) and
// write draft records for review.
import path from 'node:path';
import { UsageError } from '../errors.js';
import { createProvider, providerContext } from '../providers/index.js';
import { loadRepository } from '../repo/load.js';
import { validate } from '../rules/index.js';
import { draftRecords, type Drafts } from './drafts.js';
import { writeDrafts } from './draft-files.js';

export const DEFAULT_IMPORT_DIR = 'leases/imported';

export interface ImportRequest {
  root: string;
  at: string;
  /** A provider name defined in leasekit.yaml. */
  provider: string;
  /** Where the drafts go, relative to root; default leases/imported. */
  out?: string;
  env: NodeJS.ProcessEnv;
  /** Told about problems that do not stop the import (the records do not validate). */
  notice: (line: string) => void;
}

export interface ImportResult {
  drafts: Drafts;
  /** The files written, absolute. */
  written: string[];
  outDir: string;
  /** Whether validate and plan will see the drafts where they were written. */
  insideLeases: boolean;
}

/** Drafts records for the ROAs `provider` holds that the records do not explain; a registry refusal is a ProviderError. */
export async function importRoas(request: ImportRequest): Promise<ImportResult> {
  const { root, at, provider: name } = request;
  const repo = loadRepository(root);
  const config = repo.config.providers[name];
  if (!config) throw new UsageError(`provider '${name}' is not defined under providers in leasekit.yaml (defined: ${Object.keys(repo.config.providers).join(', ')})`);
  const outDir = path.resolve(root, request.out ?? DEFAULT_IMPORT_DIR);
  const validation = validate(repo, at);
  if (validation.errors) request.notice(`the records have ${validation.errors} validation errors; drafts are based on what could be read`);

  const provider = createProvider(name, config, providerContext(root, request.env));
  if (!provider.objectTypes.includes('roa')) throw new UsageError(`import reads ROAs, and provider '${name}' (${provider.type}) holds none`);
  const holdings = repo.byKind.holding.map((h) => validation.model.prefixOf(h)?.text).filter((p): p is string => p !== undefined);
  const objects = await provider.read({ prefixes: holdings });
  const drafts = draftRecords({ model: validation.model, provider: { name, type: provider.type }, objects, at, allowDocumentation: repo.config.policy.allowDocumentationSpace });
  const written = writeDrafts(outDir, drafts, `provider ${name} on ${at}`);
  return { drafts, written, outDir, insideLeases: isUnder(outDir, path.join(root, 'leases')) };
}

function isUnder(dir: string, parent: string): boolean {
  const rel = path.relative(parent, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
