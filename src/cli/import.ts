// `leasekit import --provider NAME`: onboarding a lessor who already has ROAs. Reads the
// registry (never writes to it) and writes draft records for review into --out.
import fs from 'node:fs';
import path from 'node:path';
import { Document, isNode } from 'yaml';
import { createProvider, providerContext } from '../providers/index.js';
import { loadRepository } from '../repo/load.js';
import { plural } from '../render/objects.js';
import { validate } from '../rules/index.js';
import { UsageError } from '../errors.js';
import { stringFlag, type CommandSpec, type ParsedArgs } from './command.js';
import { REPO_FLAGS, dayFlag, repoRoot, type Io } from './common.js';
import { draftRecords, type DraftRecord, type Drafts } from './import-drafts.js';

export const DEFAULT_IMPORT_DIR = 'leases/imported';

export const importCommand: CommandSpec = {
  name: 'import',
  summary: 'draft records from the ROAs a registry already holds (reads only; never writes to a registry)',
  flags: {
    ...REPO_FLAGS,
    provider: { type: 'string', value: 'NAME', description: 'the provider in leasekit.yaml to read (required)' },
    out: { type: 'string', value: 'DIR', description: 'where the drafts are written', default: DEFAULT_IMPORT_DIR },
  },
  env: { 'provider key variables': "the variable named by the provider's apiKeyEnv/tokenEnv (never printed)" },
  examples: ['leasekit import --provider ripe-rpki'],
  exitCodes: { 1: 'the registry refused or could not be reached' },
  run: runImport,
};

/** Exit 0 with drafts (or nothing to import); a registry refusal is exit 1 and usage errors exit 2, through main. */
export async function runImport({ flags }: ParsedArgs, io: Io): Promise<number> {
  const name = stringFlag(flags, 'provider');
  if (!name) throw new UsageError('import needs --provider NAME (a provider defined in leasekit.yaml)');
  const root = repoRoot(flags, io);
  const at = dayFlag(flags);
  const repo = loadRepository(root);
  const config = repo.config.providers[name];
  if (!config) throw new UsageError(`provider '${name}' is not defined under providers in leasekit.yaml (defined: ${Object.keys(repo.config.providers).join(', ')})`);
  const outDir = path.resolve(root, stringFlag(flags, 'out') ?? DEFAULT_IMPORT_DIR);
  const validation = validate(repo, at);
  if (validation.errors) io.stderr(`leasekit: note: the records have ${validation.errors} validation errors; drafts are based on what could be read\n`);

  const provider = createProvider(name, config, providerContext(root, io.env));
  if (!provider.objectTypes.includes('roa')) throw new UsageError(`import reads ROAs, and provider '${name}' (${provider.type}) holds none`);
  const holdings = repo.byKind.holding.map((h) => validation.model.prefixOf(h)?.text).filter((p): p is string => p !== undefined);
  // a refusal or an unreachable registry is a ProviderError: main reports it, exit 1
  const objects = await provider.read({ prefixes: holdings });
  const drafts = draftRecords({ model: validation.model, provider: { name, type: provider.type }, objects, at, allowDocumentation: repo.config.policy.allowDocumentationSpace });
  const written = writeDrafts(outDir, drafts, `provider ${name} on ${at}`);
  io.stdout(summary(drafts, written.map((f) => path.relative(root, f)), name));
  if (written.length && !isUnder(outDir, path.join(root, 'leases'))) io.stdout(`note: ${path.relative(root, outDir) || '.'} is outside leases/, so validate and plan will not see the drafts until you move them there\n`);
  return 0;
}

const FILES: Array<[keyof Drafts & ('parties' | 'holdings' | 'contracts' | 'leases'), string]> = [
  ['parties', 'parties.yaml'],
  ['holdings', 'holdings.yaml'],
  ['contracts', 'contracts.yaml'],
  ['leases', 'leases.yaml'],
];

/** One file per kind that has drafts (an empty file would not validate); never overwrites. */
function writeDrafts(outDir: string, drafts: Drafts, source: string): string[] {
  const files = FILES.filter(([kind]) => drafts[kind].length).map(([kind, file]) => [path.join(outDir, file), drafts[kind]] as const);
  const existing = files.filter(([file]) => fs.existsSync(file)).map(([file]) => file);
  if (existing.length) throw new UsageError(`import will not overwrite ${existing.join(', ')}: move them away or pick another --out`);
  fs.mkdirSync(outDir, { recursive: true });
  for (const [file, records] of files) fs.writeFileSync(file, renderFile(records, source));
  return files.map(([file]) => file);
}

export function renderFile(records: readonly DraftRecord[], source: string): string {
  const banner = [`DRAFT imported by leasekit from ${source}.`, 'Review every TODO, then move these records where they belong. Nothing here was written to any registry.'];
  return `${banner.map((line) => `# ${line}`).join('\n')}\n${records.map(renderRecord).join('---\n')}`;
}

function renderRecord(record: DraftRecord): string {
  const doc = new Document({ kind: record.kind, id: record.id, ...record.fields });
  // on the mapping, not the document, so the TODOs sit right above `kind:`
  if (record.todo.length && isNode(doc.contents)) doc.contents.commentBefore = record.todo.map((t) => ` TODO: ${t}`).join('\n');
  for (const [field, todo] of Object.entries(record.fieldTodo ?? {})) {
    const node = doc.get(field, true);
    if (isNode(node)) node.comment = ` TODO: ${todo}`;
  }
  return doc.toString({ flowCollectionPadding: true });
}

function summary(drafts: Drafts, files: string[], provider: string): string {
  const counts = [plural(drafts.holdings.length, 'holding'), `${drafts.parties.length} part${drafts.parties.length === 1 ? 'y' : 'ies'}`, plural(drafts.contracts.length, 'contract'), plural(drafts.leases.length, 'lease')];
  const lines = [`${provider}: ${plural(drafts.explained, 'object')} already explained by the records; drafted ${counts.join(', ')}.`];
  if (files.length) lines.push(`Wrote ${files.join(', ')}: review every TODO, then run validate.`);
  else lines.push('Nothing to draft.');
  if (drafts.skipped.length) lines.push(`Not drafted (${drafts.skipped.length}):`, ...drafts.skipped.map((s) => `  - ${s}`));
  return lines.join('\n') + '\n';
}

function isUnder(dir: string, parent: string): boolean {
  const rel = path.relative(parent, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
