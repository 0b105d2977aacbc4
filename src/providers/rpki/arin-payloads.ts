// ARIN Reg-RWS RPKI payloads: the roaSpec list, the rpkiTransaction and
// the <error> body. Shared by the adapter and its test fake so both speak one dialect.
import { childNamed, childText, childrenNamed, descendantsNamed, el, parseXml, serializeXml, type XmlElement, type XmlNode } from '../../util/xml.js';

export const RPKI_NS = 'http://www.arin.net/regrws/rpki/v1';
export const CORE_NS = 'http://www.arin.net/regrws/core/v1';

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

export interface RegRwsError {
  code: string;
  message: string;
  components: Array<{ name: string; message: string }>;
}

/** Every roaSpec in a document, wherever the list wraps them (the wrapper is not documented). */
export function readRoaSpecs(text: string): RoaSpec[] {
  return descendantsOrSelf(parseXml(text), 'roaSpec').map(roaSpecFrom);
}

function descendantsOrSelf(root: XmlElement, local: string): XmlElement[] {
  return root.local === local ? [root] : descendantsNamed(root, local);
}

export function roaSpecFrom(spec: XmlElement): RoaSpec {
  const asNumber = integer(childText(spec, 'asNumber'), 'asNumber');
  const resourcesEl = childNamed(spec, 'resources');
  const resources = (resourcesEl ? childrenNamed(resourcesEl, 'roaSpecResource') : []).map((r) => {
    const cidrLength = integer(childText(r, 'cidrLength'), 'cidrLength');
    const max = childText(r, 'maxLength');
    return { startAddress: required(childText(r, 'startAddress'), 'startAddress'), cidrLength, maxLength: max ? integer(max, 'maxLength') : cidrLength };
  });
  const autoLink = childText(spec, 'autoLink');
  return {
    roaHandle: childText(spec, 'roaHandle') || undefined,
    asNumber,
    name: childText(spec, 'name') ?? '',
    ...(autoLink === undefined ? {} : { autoLink: autoLink === 'true' }),
    resources,
  };
}

export function readTransaction(text: string): RpkiTransaction {
  const root = parseXml(text);
  if (root.local !== 'rpkiTransaction' || root.ns !== RPKI_NS) throw new Error(`expected <rpkiTransaction xmlns="${RPKI_NS}">, got <${root.name}>`);
  const adds: RoaSpec[] = [];
  const deleteHandles: string[] = [];
  for (const c of root.children) {
    if (c.local === 'roaSpecAdd') {
      const spec = childNamed(c, 'roaSpec');
      if (!spec) throw new Error('roaSpecAdd without roaSpec');
      adds.push(roaSpecFrom(spec));
    } else if (c.local === 'roaSpecDelete') deleteHandles.push(required(childText(c, 'roaHandle'), 'roaHandle'));
    else throw new Error(`unexpected element <${c.name}> in rpkiTransaction`);
  }
  return { adds, deleteHandles };
}

export function writeTransaction(tx: RpkiTransaction): string {
  return serializeXml(
    el('rpkiTransaction', [...tx.deleteHandles.map((h) => el('roaSpecDelete', [el('roaHandle', h)])), ...tx.adds.map((s) => el('roaSpecAdd', [roaSpecNode(s)]))], {
      xmlns: RPKI_NS,
    }),
  );
}

export function roaSpecNode(spec: RoaSpec, attributes?: Record<string, string>): XmlNode {
  return el(
    'roaSpec',
    [
      el('autoLink', String(spec.autoLink ?? false)),
      el('asNumber', String(spec.asNumber)),
      el('name', spec.name),
      ...(spec.roaHandle ? [el('roaHandle', spec.roaHandle)] : []),
      el(
        'resources',
        spec.resources.map((r) =>
          el('roaSpecResource', [el('startAddress', r.startAddress), el('cidrLength', String(r.cidrLength)), el('maxLength', String(r.maxLength))]),
        ),
      ),
    ],
    attributes,
  );
}

/** The Reg-RWS error body, or undefined when the text is not one. */
export function readError(text: string): RegRwsError | undefined {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch {
    return undefined;
  }
  if (root.local !== 'error') return undefined;
  const componentsEl = childNamed(root, 'components');
  const components = (componentsEl ? childrenNamed(componentsEl, 'component') : []).map((c) => ({ name: childText(c, 'name') ?? '', message: childText(c, 'message') ?? '' }));
  return { code: childText(root, 'code') ?? '', message: childText(root, 'message') ?? '', components };
}

export function writeError(error: RegRwsError): string {
  return serializeXml(
    el(
      'error',
      [
        el('additionalInfo', []),
        el('code', error.code),
        el(
          'components',
          error.components.map((c) => el('component', [el('message', c.message), el('name', c.name)])),
        ),
        el('message', error.message),
      ],
      { xmlns: CORE_NS },
    ),
  );
}

/** `message (name: message; …) [code]`: ARIN's words as sent. */
export function formatError(error: RegRwsError): string {
  const parts = error.components.map((c) => (c.name ? `${c.name}: ${c.message}` : c.message)).filter(Boolean);
  return `${error.message}${parts.length ? ` (${parts.join('; ')})` : ''}${error.code ? ` [${error.code}]` : ''}`;
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
