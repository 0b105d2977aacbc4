// ARIN Reg-RWS RPKI payloads (docs/providers/arin-rpki.md): the roaSpec list that
// GET /rest/roa/{ORG} answers and the rpkiTransaction that POST /rest/rpki/{ORG} takes.
import { childNamed, childText, childrenNamed, descendantsNamed, el, parseXml, serializeXml, type XmlElement, type XmlNode } from '../../util/xml.js';

export const RPKI_NS = 'http://www.arin.net/regrws/rpki/v1';

/** One resource of a roaSpec; IPv6 resources are kept so a rewrite can carry them over. */
export interface RoaSpecResource {
  startAddress: string;
  cidrLength: number;
  maxLength: number;
}

export interface RoaSpec {
  roaHandle?: string;
  asNumber: number;
  name: string;
  autoLink?: boolean;
  resources: RoaSpecResource[];
}

export interface RpkiTransaction {
  adds: RoaSpec[];
  deleteHandles: string[];
}

/** Every roaSpec in a document, wherever the list wraps them (the list's root is not documented). */
export function readRoaSpecs(text: string): RoaSpec[] {
  const root = parseXml(text);
  return (root.local === 'roaSpec' ? [root] : descendantsNamed(root, 'roaSpec')).map(roaSpecFrom);
}

/**
 * A roaSpec as ARIN lists it or as it is sent. ARIN's list repeats `<resources>` once per
 * resource with the fields directly inside; what is sent wraps each in `<roaSpecResource>`
 * inside one `<resources>`. Both are read; a roaSpec with neither is an error, never a ROA
 * with no resources (which would make every plan re-create what exists).
 */
export function roaSpecFrom(spec: XmlElement): RoaSpec {
  const asNumber = integer(childText(spec, 'asNumber'), 'asNumber');
  const name = childText(spec, 'name') ?? '';
  const resources = childrenNamed(spec, 'resources').flatMap((r) => {
    const wrapped = childrenNamed(r, 'roaSpecResource');
    if (wrapped.length) return wrapped.map(resourceFrom);
    if (childNamed(r, 'startAddress')) return [resourceFrom(r)];
    return [];
  });
  if (resources.length === 0) {
    throw new Error(`roaSpec '${name}' (AS${asNumber}) lists no resource in either known shape (<resources><startAddress>… or <resources><roaSpecResource>…)`);
  }
  const autoLink = childText(spec, 'autoLink');
  return {
    roaHandle: childText(spec, 'roaHandle') || undefined,
    asNumber,
    name,
    ...(autoLink === undefined ? {} : { autoLink: autoLink === 'true' }),
    resources,
  };
}

function resourceFrom(r: XmlElement): RoaSpecResource {
  const cidrLength = integer(childText(r, 'cidrLength'), 'cidrLength');
  const max = childText(r, 'maxLength');
  return { startAddress: required(childText(r, 'startAddress'), 'startAddress'), cidrLength, maxLength: max ? integer(max, 'maxLength') : cidrLength };
}

/**
 * ARIN's transaction template: one `<roaSpecDelete>` holding every `<roaHandle>` (each with
 * `autoLink="false"`, which ARIN's test system is reported to require), then one `<roaSpecAdd>`
 * holding every `<roaSpec>`; never one wrapper per item.
 */
export function writeTransaction(tx: RpkiTransaction): string {
  const deletes = tx.deleteHandles.length ? [el('roaSpecDelete', tx.deleteHandles.map((h) => el('roaHandle', h, { autoLink: 'false' })))] : [];
  const adds = tx.adds.length ? [el('roaSpecAdd', tx.adds.map(roaSpecNode))] : [];
  return serializeXml(el('rpkiTransaction', [...deletes, ...adds], { xmlns: RPKI_NS }));
}

function roaSpecNode(spec: RoaSpec): XmlNode {
  return el('roaSpec', [
    el('autoLink', String(spec.autoLink ?? false)),
    el('asNumber', String(spec.asNumber)),
    el('name', spec.name),
    el(
      'resources',
      spec.resources.map((r) => el('roaSpecResource', [el('startAddress', r.startAddress), el('cidrLength', String(r.cidrLength)), el('maxLength', String(r.maxLength))])),
    ),
  ]);
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`missing <${name}>`);
  return value;
}

function integer(value: string | undefined, name: string): number {
  const text = required(value, name);
  if (!/^\d{1,10}$/.test(text)) throw new Error(`<${name}> is not an integer: '${text}'`);
  return Number(text);
}
