import type { ChildResources, Roa, RouteObject } from '../model/objects.js';

/** The local registry file's shape: one list per object type, without type and provider. */
export interface LocalState {
  roas: Array<Omit<Roa, 'type' | 'provider'>>;
  routes: Array<Omit<RouteObject, 'type' | 'provider'>>;
  childResources: Array<Omit<ChildResources, 'type' | 'provider'>>;
}

/** The file's content: the lists, and any other top-level fields, which are kept as they are. */
export interface LocalStateFile {
  state: LocalState;
  extra: Record<string, unknown>;
}

export class LocalStateError extends Error {}

type FieldType = 'string' | 'integer' | 'strings';
const FIELDS: Record<keyof LocalState, { required: Record<string, FieldType>; optional: Record<string, FieldType> }> = {
  roas: { required: { prefix: 'string', maxLength: 'integer', asn: 'integer' }, optional: {} },
  routes: { required: { source: 'string', prefix: 'string', origin: 'integer', mntBy: 'strings' }, optional: { remarks: 'strings', descr: 'strings' } },
  childResources: { required: { child: 'string', prefix: 'string' }, optional: {} },
};
const LISTS = Object.keys(FIELDS) as Array<keyof LocalState>;

/**
 * Reads the file's text strictly: a wrongly shaped file is refused with the place that is wrong;
 * an object field leasekit does not know is refused too (it would be lost on the next write),
 * while unknown top-level fields are kept.
 */
export function parseLocalState(text: string, file: string): LocalStateFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new LocalStateError(`${file} is not valid JSON (${(err as Error).message}); restore it from git`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LocalStateError(`${file} must be a JSON object with the lists roas, routes and childResources; it is ${Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`}. Restore it from git`);
  }
  const fields = value as Record<string, unknown>;
  const state = { roas: [], routes: [], childResources: [] } as unknown as LocalState;
  const extra: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(fields)) {
    if ((LISTS as string[]).includes(key)) (state as unknown as Record<string, unknown[]>)[key] = checkList(file, key as keyof LocalState, item);
    else extra[key] = item;
  }
  return { state, extra };
}

function checkList(file: string, list: keyof LocalState, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new LocalStateError(`${file}: '${list}' must be a list, not ${value === null ? 'null' : `a ${typeof value}`}`);
  const { required, optional } = FIELDS[list];
  value.forEach((item, i) => {
    const where = `${file}: ${list}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new LocalStateError(`${where} must be an object`);
    for (const [name, type] of Object.entries(required)) {
      if (!(name in item)) throw new LocalStateError(`${where} has no '${name}'`);
      checkField(where, name, type, (item as Record<string, unknown>)[name]);
    }
    for (const [name, field] of Object.entries(item as Record<string, unknown>)) {
      if (name in required) continue;
      const type = optional[name];
      if (!type) throw new LocalStateError(`${where} has the field '${name.slice(0, 60)}', which leasekit does not know and would drop on the next apply; remove it (top-level fields are kept)`);
      checkField(where, name, type, field);
    }
  });
  return value;
}

function checkField(where: string, name: string, type: FieldType, value: unknown): void {
  const ok = type === 'string' ? typeof value === 'string' : type === 'integer' ? Number.isSafeInteger(value) : Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (!ok) throw new LocalStateError(`${where}.${name} must be ${type === 'strings' ? 'a list of strings' : `a ${type}`}`);
}

/** Sorted lists first, then the kept fields; pretty, so its git diff reads well. */
export function serializeLocalState(state: LocalState, extra: Record<string, unknown>): string {
  return JSON.stringify({ ...state, ...extra }, null, 2) + '\n';
}
