import { childText, descendantsNamed, parseXml, XmlError } from '../../util/xml.js';
import { parseOrigin } from './rpsl.js';

export interface RouteRef {
  prefix: string;
  origin: number;
}

/**
 * IPv4 route keys from `GET /rest/org/{ORG}/routes` (ARIN's IRR RESTful guide):
 * `<collection><routeRef><orgHandle/><originAS/><prefix/></routeRef>…`. Fields are read by
 * element name (an org handle may itself look like `AS1-CORP`); an entry whose text is the
 * object's URL is read from the URL. route6 entries are skipped; an entry that cannot be read
 * is an error, since missing an object would make the plan try to create it again.
 */
export function routeRefs(xml: string): RouteRef[] | { unreadable: string } {
  let root;
  try {
    root = parseXml(xml);
  } catch (err) {
    return { unreadable: err instanceof XmlError ? `not XML: ${err.message}` : xml.slice(0, 200) };
  }
  const refs: RouteRef[] = [];
  for (const entry of root.local === 'routeRef' ? [root] : descendantsNamed(root, 'routeRef')) {
    const prefix = childText(entry, 'prefix');
    const originText = childText(entry, 'originAS');
    const fromElements = prefix !== undefined || originText !== undefined;
    const url = fromElements ? undefined : /\/irr\/route6?\/([^/\s]+)\/(\d{1,3})\/(AS\d+)\s*$/i.exec(entry.text.trim());
    const text = fromElements ? prefix : url && `${url[1]}/${url[2]}`;
    if (text?.includes(':')) continue; // route6: not leasekit's
    const origin = parseOrigin(fromElements ? (originText ?? '') : (url?.[3] ?? ''));
    if (!text || !/^\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}$/.test(text) || origin === undefined) {
      return { unreadable: describe(entry) };
    }
    refs.push({ prefix: text, origin });
  }
  return refs;
}

function describe(entry: ReturnType<typeof parseXml>): string {
  const fields = entry.children.map((c) => `<${c.local}>${c.text.trim()}</${c.local}>`).join('');
  return `<routeRef>${fields || entry.text.trim()}</routeRef>`.slice(0, 200);
}
