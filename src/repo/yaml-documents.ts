import * as jsyaml from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import type { SourceFile } from './source-file.js';

// js-yaml's event stream carries source offsets: values come from it at the
// speed of a plain load, positions are found again only when a diagnostic needs one.
const { EVENT_ID } = jsyaml;
const MAX_ALIASES_PER_DOCUMENT = 100;
const MAX_DEPTH = 64;
const KEY_SHOWN_CHARS = 60;
/** Aliases may repeat a node, but a document may not expand to more values than this (a record has dozens). */
export const MAX_EXPANDED_VALUES = 100_000;

/**
 * YAML 1.2 forbids a key twice in one mapping; leasekit keeps the record with the
 * first value (a reader that stops at the first occurrence sees the same) and reports
 * the later one. The mapping tag only counts; positions are found from the events,
 * and only in a file that had a duplicate.
 */
let duplicateKeysSeen = 0;
const { mapTag } = jsyaml;
const firstValueWins = jsyaml.defineMappingTag(mapTag.tagName, {
  create: mapTag.create,
  identify: mapTag.identify,
  represent: mapTag.represent,
  has: mapTag.has,
  keys: mapTag.keys,
  get: mapTag.get,
  addPair(container, key, value) {
    if (mapTag.has(container, key)) {
      duplicateKeysSeen++;
      return '';
    }
    return mapTag.addPair(container, key, value);
  },
});
const SCHEMA = jsyaml.CORE_SCHEMA.withTags(firstValueWins);

export type Path = ReadonlyArray<string | number>;

export interface YamlProblem {
  code: 'yaml-syntax' | 'yaml-duplicate-key';
  message: string;
  offset: number;
}

export interface YamlDocument {
  /** Position of the document among the file's documents, from 0. */
  index: number;
  value: unknown;
}

export interface ParsedYaml {
  documents: YamlDocument[];
  problems: YamlProblem[];
}

/** A file's events and where each document starts and ends in them, found again only to locate a diagnostic. */
interface EventIndex {
  events: Event[];
  bounds: Array<[number, number]>;
  offsets: number[];
  /** Per collection event: its children, found in one walk, so locating many findings stays linear. */
  children: Map<number, Children>;
}

/** A mapping's keys (first occurrence) to [key event, value event]; a sequence's item events. */
type Children = Map<string, [number, number]> | number[];

const eventIndexes = new WeakMap<SourceFile, EventIndex>();

function eventIndexOf(file: SourceFile): EventIndex {
  let index = eventIndexes.get(file);
  if (!index) {
    const events = jsyaml.parseEvents(file.text, { maxDepth: MAX_DEPTH });
    const bounds = documentBounds(events);
    index = { events, bounds, offsets: documentOffsets(file, events, bounds), children: new Map() };
    eventIndexes.set(file, index);
  }
  return index;
}

/** Offset of a document's content (or, for an empty one, its `---` marker). */
export function documentOffset(file: SourceFile, doc: YamlDocument): number {
  return eventIndexOf(file).offsets[doc.index] ?? 0;
}

/** Parses every document of a file; a broken document is a problem, the others still load. */
export function parseYaml(file: SourceFile): ParsedYaml {
  let events: Event[];
  try {
    events = jsyaml.parseEvents(file.text, { maxDepth: MAX_DEPTH });
  } catch (err) {
    return { documents: [], problems: [toProblem(err)] };
  }
  const duplicatesBefore = duplicateKeysSeen;
  const whole = tryConstruct(file, events);
  const documents: YamlDocument[] = [];
  const problems: YamlProblem[] = [];
  if (whole) {
    whole.values.forEach((value, index) => documents.push({ index, value }));
  } else {
    // one document failed: construct them one by one so the others still load
    documentBounds(events).forEach(([first, last], index) => {
      const value = constructOne(file, events.slice(first, last), problems);
      if (value !== FAILED) documents.push({ index, value });
    });
  }
  if (duplicateKeysSeen !== duplicatesBefore) problems.push(...duplicateKeyProblems(file, events));
  if (file.text.includes('*')) return refuseExpansion(events, documents, problems); // an alias needs a '*'
  return { documents, problems };
}

/**
 * Documents whose aliases expand beyond MAX_EXPANDED_VALUES become a finding: counting
 * aliases does not bound the size (80 aliases in 8 levels make 10^9 values), and anything
 * that walks such a value (a message, a comparison, JSON) would run out of time or memory.
 */
function refuseExpansion(events: Event[], documents: YamlDocument[], problems: YamlProblem[]): ParsedYaml {
  const bounds = documentBounds(events);
  const kept = documents.filter((doc) => {
    if (expandedSize(doc.value, new Map(), 0) <= MAX_EXPANDED_VALUES) return true;
    const [first, last] = bounds[doc.index];
    let alias = first;
    while (alias < last && events[alias].type !== EVENT_ID.ALIAS) alias++;
    problems.push({ code: 'yaml-syntax', message: `aliases expand this document to more than ${MAX_EXPANDED_VALUES} values: refusing a possible alias bomb`, offset: nodeOffset(events[alias]) });
    return false;
  });
  return { documents: kept, problems };
}

/** Values in `value` with every alias expanded, counted once per distinct node (memo), stopping past the limit. */
function expandedSize(value: unknown, memo: Map<object, number>, depth: number): number {
  if (typeof value !== 'object' || value === null) return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  if (depth > MAX_DEPTH + MAX_ALIASES_PER_DOCUMENT) return Infinity; // only a recursive alias nests this deep
  memo.set(value, Infinity); // a node reached again while it is being counted contains itself
  let size = 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    size += expandedSize(child, memo, depth + 1);
    if (size > MAX_EXPANDED_VALUES) break;
  }
  memo.set(value, size);
  return size;
}

/** Every key set again in its mapping, pointing at the repetition and naming the line of the first. */
function duplicateKeyProblems(file: SourceFile, events: Event[]): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const mappings: Array<{ keys: Map<string, number>; atKey: boolean } | undefined> = [];
  const nodeDone = () => {
    const parent = mappings[mappings.length - 1];
    if (parent) parent.atKey = !parent.atKey;
  };
  for (const event of events) {
    const parent = mappings[mappings.length - 1];
    if (parent?.atKey && event.type === EVENT_ID.SCALAR) {
      const key = keyIdentity(file, event);
      const offset = nodeOffset(event);
      const first = parent.keys.get(key);
      if (first === undefined) parent.keys.set(key, offset);
      else problems.push(duplicateKeyProblem(file, key, first, offset));
    }
    if (event.type === EVENT_ID.MAPPING) mappings.push({ keys: new Map(), atKey: true });
    else if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.DOCUMENT) mappings.push(undefined);
    else if (event.type === EVENT_ID.POP) {
      mappings.pop();
      nodeDone();
    } else nodeDone();
  }
  return problems;
}

/** A key as the mapping stores it: `1`, `0x1` and `'1'` are the same key. */
function keyIdentity(file: SourceFile, event: ScalarEvent): string {
  const text = jsyaml.getScalarValue(file.text, event);
  return event.style === jsyaml.SCALAR_STYLE.PLAIN ? String(SCHEMA.resolveImplicitScalarTag(text).value) : text;
}

function duplicateKeyProblem(file: SourceFile, key: string, firstOffset: number, offset: number): YamlProblem {
  const shown = key.length > KEY_SHOWN_CHARS ? `${key.slice(0, KEY_SHOWN_CHARS)}...` : key;
  const firstLine = file.location(firstOffset).line;
  return { code: 'yaml-duplicate-key', message: `key '${shown}' is set again here; it was first set on line ${firstLine}, and that first value is kept`, offset };
}

const FAILED = Symbol('failed');

function tryConstruct(file: SourceFile, events: Event[]): { values: unknown[] } | undefined {
  try {
    return { values: construct(file, events) };
  } catch {
    return undefined; // retried document by document, so one bad document costs only itself
  }
}

function constructOne(file: SourceFile, events: Event[], problems: YamlProblem[]): unknown {
  try {
    return construct(file, events)[0];
  } catch (err) {
    problems.push(toProblem(err));
    return FAILED;
  }
}

function construct(file: SourceFile, events: Event[]): unknown[] {
  return jsyaml.constructFromEvents(events, {
    source: file.text,
    schema: SCHEMA,
    json: true, // duplicate keys reach the mapping tag above instead of failing the document
    maxAliases: MAX_ALIASES_PER_DOCUMENT,
    maxTotalMergeKeys: 0,
  });
}

/** [first, end) event ranges of each top-level document. */
function documentBounds(events: Event[]): Array<[number, number]> {
  const bounds: Array<[number, number]> = [];
  let depth = 0;
  let first = 0;
  for (let i = 0; i < events.length; i++) {
    const type = events[i].type;
    if (type === EVENT_ID.POP) {
      if (--depth === 0) bounds.push([first, i + 1]);
    } else if (type === EVENT_ID.DOCUMENT || type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) {
      if (depth++ === 0) first = i;
    }
  }
  return bounds;
}

function toProblem(err: unknown): YamlProblem {
  const e = err as { reason?: string; message?: string; mark?: { position?: number } };
  const reason = e.reason ?? e.message ?? String(err);
  const offset = e.mark?.position ?? 0;
  if (/duplicated mapping key/.test(reason)) {
    return { code: 'yaml-duplicate-key', message: 'this key is already set earlier in the same mapping', offset };
  }
  if (/maxAliases|alias/i.test(reason) && /exceed/.test(reason)) {
    return { code: 'yaml-syntax', message: `too many aliases (more than ${MAX_ALIASES_PER_DOCUMENT} in one document): refusing a possible alias bomb`, offset };
  }
  if (/depth/i.test(reason)) {
    return { code: 'yaml-syntax', message: `nesting deeper than ${MAX_DEPTH} levels: refusing it`, offset };
  }
  return { code: 'yaml-syntax', message: `YAML does not parse: ${reason}`, offset };
}

/** Where each document starts: its content, or for an empty one the next `---` marker. */
function documentOffsets(file: SourceFile, events: Event[], bounds: Array<[number, number]>): number[] {
  let after = 0;
  return bounds.map(([first]) => {
    const content = events[first + 1];
    let offset = nodeOffset(content);
    const empty = offset < 0 || content?.type === EVENT_ID.POP || (content?.type === EVENT_ID.SCALAR && content.valueStart < 0);
    if (empty) {
      const marker = file.text.indexOf('---', after);
      offset = marker >= 0 ? marker : after;
    }
    after = offset + 1;
    return offset;
  });
}

function nodeOffset(event: Event | undefined): number {
  if (!event) return 0;
  switch (event.type) {
    case EVENT_ID.SCALAR: {
      // quoted scalars: point at the opening quote, not the text inside
      const quoted = event.style === jsyaml.SCALAR_STYLE.SINGLE_QUOTED || event.style === jsyaml.SCALAR_STYLE.DOUBLE_QUOTED;
      const start = quoted ? event.valueStart - 1 : event.valueStart;
      return event.anchorStart >= 0 ? Math.min(event.anchorStart, start) : start;
    }
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return event.start;
    case EVENT_ID.ALIAS:
      return Math.max(0, event.anchorStart - 1);
    default:
      return 0;
  }
}

/** Index just past the node that starts at `i`. */
function skipNode(events: Event[], i: number): number {
  const type = events[i].type;
  if (type !== EVENT_ID.MAPPING && type !== EVENT_ID.SEQUENCE) return i + 1;
  let depth = 0;
  for (let j = i; j < events.length; j++) {
    const t = events[j].type;
    if (t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP && --depth === 0) return j + 1;
  }
  return events.length;
}

function keyText(file: SourceFile, event: Event): string | undefined {
  return event.type === EVENT_ID.SCALAR ? jsyaml.getScalarValue(file.text, event) : undefined;
}

/**
 * Offset of the node at `path` inside a document (or of its key, with `at: 'key'`).
 * When the path does not exist (a missing field), the deepest node on it that does.
 */
export function locate(file: SourceFile, doc: YamlDocument, path: Path, at: 'value' | 'key' = 'value'): number {
  const index = eventIndexOf(file);
  const { events, bounds } = index;
  const documentStart = bounds[doc.index]?.[0];
  if (documentStart === undefined) return 0;
  let node = documentStart + 1;
  let keyIndex = -1;
  for (const step of path) {
    const found = child(file, index, node, step);
    if (found === undefined) break;
    [keyIndex, node] = found;
  }
  const target = at === 'key' && keyIndex >= 0 ? keyIndex : node;
  return nodeOffset(events[target]);
}

/** [key event index or -1, value event index] of a mapping key or sequence item. */
function child(file: SourceFile, index: EventIndex, node: number, step: string | number): [number, number] | undefined {
  let children = index.children.get(node);
  if (!children) {
    children = childrenOf(file, index.events, node);
    index.children.set(node, children);
  }
  if (Array.isArray(children)) return typeof step === 'number' && step < children.length ? [-1, children[step]] : undefined;
  return children.get(String(step));
}

function childrenOf(file: SourceFile, events: Event[], node: number): Children {
  const type = events[node]?.type;
  let i = node + 1;
  if (type === EVENT_ID.MAPPING) {
    const keys = new Map<string, [number, number]>();
    while (events[i].type !== EVENT_ID.POP) {
      const valueIndex = skipNode(events, i);
      const key = keyText(file, events[i]);
      if (key !== undefined && !keys.has(key)) keys.set(key, [i, valueIndex]);
      i = skipNode(events, valueIndex);
    }
    return keys;
  }
  const items: number[] = [];
  if (type === EVENT_ID.SEQUENCE) {
    for (; events[i].type !== EVENT_ID.POP; i = skipNode(events, i)) items.push(i);
  }
  return items;
}
