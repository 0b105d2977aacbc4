import { parseOrigin } from './rpsl.js';

/**
 * The bits of ARIN Reg-RWS XML the IRR adapter reads: the `<error>` payload and the
 * `routeRef` entries of a route list. Both are read leniently by pattern, because their
 * exact shape is not documented where we could confirm it.
 */

/** `message (code); component: message …`, from `<error xmlns="http://www.arin.net/regrws/core/v1">`. */
export function regRwsErrorText(xml: string): string | undefined {
  const error = element(xml, 'error');
  if (error === undefined) return undefined;
  const withoutComponents = error.replace(/<components>[\s\S]*?<\/components>/g, '');
  const code = element(withoutComponents, 'code');
  const message = element(withoutComponents.replace(/<additionalInfo>[\s\S]*?<\/additionalInfo>/g, ''), 'message');
  const components = elements(error, 'component').map((c) => `${element(c, 'name') ?? '?'}: ${element(c, 'message') ?? ''}`);
  const extra = elements(element(error, 'additionalInfo') ?? '', 'message').map((m) => decode(m).trim());
  const head = [message, code && `(${code})`].filter(Boolean).join(' ');
  return [head, ...components, ...extra].filter(Boolean).join('; ') || undefined;
}

export interface RouteRef {
  prefix: string;
  origin: number;
}

/**
 * IPv4 route keys from `GET /rest/org/{ORG}/routes`. Each `routeRef` is read from its
 * object URL (`…/irr/route/192.0.2.0/24/AS64500`) or else from a prefix and an AS number
 * anywhere in it. route6 entries are skipped; an entry that cannot be read is an error,
 * since missing an object would make the plan try to create it again.
 */
export function routeRefs(xml: string): RouteRef[] | { unreadable: string } {
  const refs: RouteRef[] = [];
  for (const entry of xml.match(/<routeRef\b[^>]*?(?:\/>|>[\s\S]*?<\/routeRef>)/g) ?? []) {
    const ref = fromUrl(entry) ?? fromParts(entry);
    if (ref) refs.push(ref);
    else if (!isRoute6(entry)) return { unreadable: entry };
  }
  return refs;
}

function isRoute6(entry: string): boolean {
  return /route6/i.test(entry) || /[0-9a-f]*::[0-9a-f:]*\/\d{1,3}/i.test(entry);
}

function fromUrl(entry: string): RouteRef | undefined {
  const m = /\/irr\/route\/(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})\/(AS\d+)/i.exec(entry);
  const origin = m ? parseOrigin(m[3]) : undefined;
  return m && origin !== undefined ? { prefix: `${m[1]}/${m[2]}`, origin } : undefined;
}

function fromParts(entry: string): RouteRef | undefined {
  const prefix = /(\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2})/.exec(entry)?.[1];
  const asn = /\bAS(\d+)\b/i.exec(entry)?.[1] ?? /originAS="(\d+)"/i.exec(entry)?.[1];
  return prefix && asn ? { prefix, origin: Number(asn) } : undefined;
}

/** The text of the first `<name>` element (namespace prefixes allowed), entities decoded. */
function element(xml: string, name: string): string | undefined {
  const m = new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(xml);
  return m ? decode(m[1]).trim() : undefined;
}

function elements(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${name}>`, 'g'))].map((m) => m[1]);
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}
