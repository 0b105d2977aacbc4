import type { Diagnostic, Location, Related } from '../model/diagnostic.js';
import type { Resolved } from '../resolve/resolved.js';
import type { Policy } from '../repo/config.js';
import type { AnyRecord, RecordOf } from '../repo/record.js';
import { RULE_SEVERITY, type RuleCode } from './codes.js';

export interface RuleContext {
  model: Resolved;
  policy: Policy;
  /** The day `--at` names, for rules that look at "now". */
  at: string;
  root: string;
}

/** A rule: a pure function from the resolved records to findings. */
export type Rule = (ctx: RuleContext) => Diagnostic[];

export interface RelatedRecord {
  record: RecordOf;
  location: Location;
}

export function finding(code: RuleCode, record: RecordOf | AnyRecord, location: Location, message: string, related: RelatedRecord[] = []): Diagnostic {
  const diagnostic: Diagnostic = { severity: RULE_SEVERITY[code], code, message, ...location, kind: record.kind, id: record.id };
  if (related.length) diagnostic.related = related.map((r): Related => ({ ...r.location, id: r.record.id }));
  return diagnostic;
}
