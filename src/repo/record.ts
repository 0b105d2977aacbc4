import type { Location } from '../model/diagnostic.js';
import type { FieldsOf, Kind } from '../model/records.js';
import type { SourceFile } from './source-file.js';
import { locate, type Path, type YamlDocument } from './yaml-documents.js';

/** One record as loaded: its fields plus where it came from, so every finding can point into the file. */
export interface RecordOf<K extends Kind = Kind> {
  kind: K;
  id: string;
  fields: FieldsOf[K];
  file: SourceFile;
  doc: YamlDocument;
  /** Top-level fields that failed their schema; rules that need one of them skip the record. */
  invalid: ReadonlySet<string>;
  /**
   * A slot for what resolve/resolved.ts derives from the record (parsed prefix, term, holding).
   * It lives on the record because a Map keyed by 100k record objects cost more than the rules.
   */
  derived?: unknown;
}

export type AnyRecord = { [K in Kind]: RecordOf<K> }[Kind];

export function locationOf(record: RecordOf, path: Path, at: 'value' | 'key' = 'value'): Location {
  return record.file.location(locate(record.file, record.doc, path, at));
}

/** Where a finding about `field` points: the field's value, or the record's id when the field is absent (a defaulted value). */
export function fieldLocation(record: RecordOf, field: string, ...rest: Path): Location {
  const fields = record.fields as unknown as Record<string, unknown>;
  return fields[field] === undefined ? locationOf(record, ['id']) : locationOf(record, [field, ...rest]);
}

/** The field's value when it is present and passed its schema. */
export function usable<K extends Kind, F extends keyof FieldsOf[K]>(record: RecordOf<K>, field: F): FieldsOf[K][F] | undefined {
  return record.invalid.has(field as string) ? undefined : record.fields[field];
}
