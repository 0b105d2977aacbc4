import fs from 'node:fs';
import path from 'node:path';
import { identity, type RegistryObject, type RouteObject } from '../model/objects.js';
import { parsePrefix } from '../net/ipv4.js';
import { writeFileAtomic } from './atomic-file.js';
import { acquireFileLock } from './file-lock.js';
import type { ProviderSettings } from './settings.js';
import { LocalStateError, parseLocalState, serializeLocalState, type LocalState } from './local-state.js';
import { ProviderError, type Change, type ChangeResult, type Provider, type ReadScope } from './types.js';

export const DEFAULT_LOCAL_PATH = 'state/local-registry.json';

/**
 * The embedded registry: a JSON file inside the repository, sorted and pretty so its
 * git diff reads well, written atomically under a lock file.
 */
export class LocalProvider implements Provider {
  readonly type = 'local';
  readonly objectTypes = ['roa', 'route', 'child-resources'] as const;
  readonly name: string;
  private readonly file: string;

  constructor(
    settings: ProviderSettings,
    root: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.name = settings.name;
    this.file = insideRepository(settings.name, root, settings.text('path') ?? DEFAULT_LOCAL_PATH);
  }

  lock(): () => void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    return acquireFileLock(`${this.file}.lock`, `local registry ${path.basename(this.file)}`);
  }

  async read(_scope?: ReadScope): Promise<RegistryObject[]> {
    return this.fromState(this.load().state);
  }

  async apply(changes: readonly Change[]): Promise<ChangeResult[]> {
    const { state, extra } = this.load();
    const objects = new Map(this.fromState(state).map((o) => [identity(o), o]));
    for (const change of changes) this.applyOne(objects, change);
    if (this.env.LEASEKIT_FAULT === 'local-slow-write') await new Promise((r) => setTimeout(r, 1500));
    try {
      writeFileAtomic(this.file, serializeLocalState(this.toState([...objects.values()]), extra), () => this.fault());
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why = e.code === 'ENOSPC' ? 'no space left on the device' : e.code === 'EDQUOT' ? 'disk quota exceeded' : e.message;
      throw new ProviderError(this.name, `cannot write ${this.file}: ${why}; it was not changed, nothing was applied`);
    }
    return changes.map((change) => ({ change, ok: true }));
  }

  private applyOne(objects: Map<string, RegistryObject>, change: Change): void {
    const key = identity(change.object);
    const exists = objects.has(key);
    if (change.op === 'create' && exists) throw new ProviderError(this.name, `${describe(change.object)} already exists`);
    if (change.op !== 'create' && !exists) throw new ProviderError(this.name, `${describe(change.object)} does not exist`);
    if (change.op === 'delete') objects.delete(key);
    else objects.set(key, { ...change.object, provider: this.name });
  }

  /** Test hooks (LEASEKIT_FAULT): a crash after the new content is written but before it replaces the old; a slow write. */
  private fault(): void {
    if (this.env.LEASEKIT_FAULT === 'local-crash-before-rename') process.kill(process.pid, 'SIGKILL');
    if (this.env.LEASEKIT_FAULT === 'local-disk-full') throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }

  private load(): { state: LocalState; extra: Record<string, unknown> } {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: { roas: [], routes: [], childResources: [] }, extra: {} };
      throw new ProviderError(this.name, `cannot read ${this.file}: ${(err as Error).message}`);
    }
    try {
      return parseLocalState(text, this.file);
    } catch (err) {
      if (err instanceof LocalStateError) throw new ProviderError(this.name, err.message);
      throw err;
    }
  }

  /** Freshly parsed objects become registry objects in place: no copy of 100k objects. */
  private fromState(state: LocalState): RegistryObject[] {
    const provider = this.name;
    const tag = <T extends object>(objects: T[], type: RegistryObject['type']) => objects.map((o) => Object.assign(o, { type, provider }) as unknown as RegistryObject);
    return [...tag(state.roas, 'roa'), ...tag(state.routes, 'route'), ...tag(state.childResources, 'child-resources')];
  }

  private toState(objects: RegistryObject[]): LocalState {
    const state: LocalState = { roas: [], routes: [], childResources: [] };
    for (const o of sortObjects(objects)) {
      if (o.type === 'roa') state.roas.push({ prefix: o.prefix, maxLength: o.maxLength, asn: o.asn });
      else if (o.type === 'route') state.routes.push(routeFields(o));
      else state.childResources.push({ child: o.child, prefix: o.prefix });
    }
    return state;
  }
}

function routeFields(o: RouteObject): LocalState['routes'][number] {
  const { type: _type, provider: _provider, ...fields } = o;
  return fields;
}

/** Numeric by prefix, then ASN / origin / child, so the file's order is stable. Keys are computed once per object. */
export function sortObjects(objects: readonly RegistryObject[]): RegistryObject[] {
  const keyed = objects.map((o) => {
    const parsed = parsePrefix(o.prefix);
    return { o, start: parsed.ok ? parsed.prefix.start : Infinity, length: parsed.ok ? parsed.prefix.length : 0, tail: tail(o) };
  });
  keyed.sort((a, b) => a.start - b.start || a.length - b.length || collator.compare(a.tail, b.tail));
  return keyed.map((k) => k.o);
}

const collator = new Intl.Collator('en', { numeric: true });

function tail(o: RegistryObject): string {
  if (o.type === 'roa') return `${o.asn} ${o.maxLength}`;
  if (o.type === 'route') return `${o.origin} ${o.source}`;
  return o.child;
}

export function describe(o: RegistryObject): string {
  if (o.type === 'roa') return `ROA ${o.prefix} max ${o.maxLength} AS${o.asn}`;
  if (o.type === 'route') return `route ${o.prefix} AS${o.origin} (${o.source})`;
  return `child CA ${o.child} resource ${o.prefix}`;
}

/**
 * The registry file's absolute path, refused unless it lies inside the repository: lexically
 * (no `..`, no absolute path elsewhere) and after following symbolic links of the folders
 * that exist, so a `path` cannot read or replace files outside the repository.
 */
export function insideRepository(provider: string, root: string, relativePath: string): string {
  const realRoot = fs.existsSync(root) ? fs.realpathSync(root) : path.resolve(root);
  const file = path.resolve(realRoot, relativePath);
  const refuse = (why: string) =>
    new ProviderError(provider, `path '${relativePath}' in leasekit.yaml ${why}; the local registry file must lie inside the repository (${realRoot}), e.g. ${DEFAULT_LOCAL_PATH}`);
  if (!isWithin(realRoot, file) || file === realRoot) throw refuse('points outside the repository');
  let existing = path.dirname(file);
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  if (!isWithin(realRoot, fs.realpathSync(existing))) throw refuse('leads outside the repository through a symbolic link');
  if (fs.existsSync(file) && fs.lstatSync(file).isSymbolicLink()) throw refuse('is a symbolic link');
  return file;
}

function isWithin(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
