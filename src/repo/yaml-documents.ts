import * as jsyaml from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import type { SourceFile } from './source-file.js';

// js-yaml's event stream carries source offsets: values come from it at the
// speed of a plain load, positions are found again only when a diagnostic needs one.
const { EVENT_ID } = jsyaml;
const MAX_ALIASES_PER_DOCUMENT = 100;
const MAX_DEPTH = 64;

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
}

const eventIndexes = new WeakMap<SourceFile, EventIndex>();

function eventIndexOf(file: SourceFile): EventIndex {
  let index = eventIndexes.get(file);
  if (!index) {
    const events = jsyaml.parseEvents(file.text, { maxDepth: MAX_DEPTH });
    const bounds = documentBounds(events);
    index = { events, bounds, offsets: documentOffsets(file, events, bounds) };
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
  const whole = tryConstruct(file, events);
  if (whole) return { documents: whole.values.map((value, index) => ({ index, value })), problems: [] };
  // one document failed: construct them one by one so the others still load
  const documents: YamlDocument[] = [];
  const problems: YamlProblem[] = [];
  documentBounds(events).forEach(([first, last], index) => {
    const value = constructOne(file, events.slice(first, last), problems);
    if (value !== FAILED) documents.push({ index, value });
  });
  return { documents, problems };
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
    schema: jsyaml.CORE_SCHEMA,
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
  return event.type === EVENT_ID.SCALAR ? jsyaml.getScalarValue(file.text, event as ScalarEvent) : undefined;
}

/**
 * Offset of the node at `path` inside a document (or of its key, with `at: 'key'`).
 * When the path does not exist (a missing field), the deepest node on it that does.
 */
export function locate(file: SourceFile, doc: YamlDocument, path: Path, at: 'value' | 'key' = 'value'): number {
  const { events, bounds } = eventIndexOf(file);
  const documentStart = bounds[doc.index]?.[0];
  if (documentStart === undefined) return 0;
  let node = documentStart + 1;
  let keyIndex = -1;
  for (const step of path) {
    const found = child(file, events, node, step);
    if (found === undefined) break;
    [keyIndex, node] = found;
  }
  const target = at === 'key' && keyIndex >= 0 ? keyIndex : node;
  return nodeOffset(events[target]);
}

/** [key event index or -1, value event index] of a mapping key or sequence item. */
function child(file: SourceFile, events: Event[], node: number, step: string | number): [number, number] | undefined {
  const type = events[node]?.type;
  let i = node + 1;
  if (type === EVENT_ID.MAPPING) {
    while (events[i].type !== EVENT_ID.POP) {
      const valueIndex = skipNode(events, i);
      if (keyText(file, events[i]) === String(step)) return [i, valueIndex];
      i = skipNode(events, valueIndex);
    }
  } else if (type === EVENT_ID.SEQUENCE && typeof step === 'number') {
    for (let n = 0; events[i].type !== EVENT_ID.POP; n++) {
      if (n === step) return [-1, i];
      i = skipNode(events, i);
    }
  }
  return undefined;
}

/**
 * The text a scalar at `path` was written as (its value before the schema made it a number or
 * a string), or undefined when the node there is not a scalar. For checks the parsed value
 * cannot make: `0x1F4`, `0o17`, `0777` and `6.45e4` all load as plain numbers.
 */
export function scalarText(file: SourceFile, doc: YamlDocument, path: Path): string | undefined {
  const { events, bounds } = eventIndexOf(file);
  const documentStart = bounds[doc.index]?.[0];
  if (documentStart === undefined) return undefined;
  let node = documentStart + 1;
  for (const step of path) {
    const found = child(file, events, node, step);
    if (found === undefined) return undefined;
    node = found[1];
  }
  const event = events[node];
  return event?.type === EVENT_ID.SCALAR ? jsyaml.getScalarValue(file.text, event as ScalarEvent) : undefined;
}
