import YAML from 'yaml';
import { yamlValue } from '../util/yaml-value.js';
import { RefusalError } from '../errors.js';

/**
 * Edits to record files that keep every byte the edit is not about: the yaml Document API finds
 * the documents and nodes (with their source ranges), and only those ranges of the text are
 * replaced or cut. Re-stringifying whole documents would reflow flow collections and comments.
 */
export interface RecordRef {
  kind: string;
  id: string;
}

const MODELINE = /^# yaml-language-server:.*$/m;

/** The text with the top-level scalar `field` of record `ref` set to `value`, in the value's old quoting style. */
export function setRecordField(text: string, ref: RecordRef, field: string, value: string): string {
  const doc = documentsOf(text).find((d) => isRecord(d, ref));
  if (!doc) throw new RefusalError(`no ${ref.kind} ${ref.id} in this file`);
  const node = doc.get(field, true);
  if (!YAML.isScalar(node) || !node.range) throw new RefusalError(`${ref.kind} ${ref.id} has no ${field} to change`);
  const replacement = new YAML.Scalar(value);
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') replacement.type = node.type;
  return text.slice(0, node.range[0]) + yamlValue(replacement) + text.slice(node.range[1]);
}

/** The text without the documents of `refs`, or null when no document would be left (remove the file). */
export function removeRecords(text: string, refs: readonly RecordRef[]): string | null {
  const docs = documentsOf(text);
  const starts = docs.map((d, i) => (i === 0 ? 0 : d.range[0]));
  const segments = docs.map((d, i) => ({ text: text.slice(starts[i], starts[i + 1] ?? text.length), removed: refs.some((r) => isRecord(d, r)) }));
  const kept = segments.filter((s) => !s.removed);
  if (kept.length === 0) return null;
  if (!segments[0].removed) return kept.map((s) => s.text).join('');
  // the first document went: keep the editor's schema line, and the file needs no leading ---
  const modeline = MODELINE.exec(segments[0].text.slice(0, docs[0].range[0]))?.[0];
  const rest = kept.map((s) => s.text).join('').replace(/^---[ \t]*\n/, '');
  return modeline ? `${modeline}\n${rest}` : rest;
}

function documentsOf(text: string): YAML.Document.Parsed[] {
  const docs = YAML.parseAllDocuments(text);
  if (!Array.isArray(docs)) return [];
  const broken = docs.find((d) => d.errors.length > 0);
  if (broken) throw new RefusalError(`the file does not parse: ${broken.errors[0].message}`);
  return docs;
}

function isRecord(doc: YAML.Document.Parsed, ref: RecordRef): boolean {
  return doc.get('kind') === ref.kind && String(doc.get('id')) === ref.id;
}
