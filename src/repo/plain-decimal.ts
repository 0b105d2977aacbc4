import type { Diagnostic } from '../model/diagnostic.js';
import type { Kind } from '../model/records.js';
import type { SourceFile } from './source-file.js';
import { locate, scalarText, type YamlDocument } from './yaml-documents.js';

/**
 * ASNs are written in plain decimal. The YAML 1.2 core schema reads `0x1F4`, `0o17`, `0777`,
 * `+500` and `6.45e4` as integers too, so the check needs the source text; it is looked up only
 * in files that hold such a number token at all, so ordinary repositories pay one regex scan.
 */
const ASN_LISTS: Partial<Record<Kind, string>> = { party: 'asns', lease: 'origins' };
const DECIMAL = /^(0|[1-9][0-9]*)$/;
// plain number tokens (after a space, `[` or `,`; before a space, `,`, `]`, `}` or `#`)
const NUMBER_TOKEN = /(?<=^|[\s[,])[-+]?(?:0[xXoO][0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)(?=$|[\s,\]}#])/gm;

const suspectFiles = new WeakMap<SourceFile, boolean>();

function hasOtherNumberForms(file: SourceFile): boolean {
  let suspect = suspectFiles.get(file);
  if (suspect === undefined) {
    suspect = false;
    for (const m of file.text.matchAll(NUMBER_TOKEN)) {
      if (!DECIMAL.test(m[0])) {
        suspect = true;
        break;
      }
    }
    suspectFiles.set(file, suspect);
  }
  return suspect;
}

/** Schema findings for ASNs not written in plain decimal, and the fields they make invalid. */
export function nonDecimalAsns(file: SourceFile, doc: YamlDocument, kind: Kind, value: Record<string, unknown>, id: string | undefined): { diagnostics: Diagnostic[]; fields: string[] } {
  const field = ASN_LISTS[kind];
  const list = field ? value[field] : undefined;
  if (!field || !Array.isArray(list) || !list.some((v) => typeof v === 'number') || !hasOtherNumberForms(file)) return { diagnostics: [], fields: [] };
  const diagnostics: Diagnostic[] = [];
  list.forEach((asn, i) => {
    if (!Number.isInteger(asn)) return; // not an integer at all: asn-invalid says so
    const written = scalarText(file, doc, [field, i]);
    if (written === undefined || DECIMAL.test(written)) return;
    const message = `'${field}[${i}]' must be an ASN in plain decimal: '${written.slice(0, 40)}' is read as ${asn}; write ${asn}`;
    diagnostics.push({ severity: 'error', code: 'schema', message, ...file.location(locate(file, doc, [field, i])), kind, ...(id !== undefined ? { id } : {}) });
  });
  return { diagnostics, fields: diagnostics.length ? [field] : [] };
}
