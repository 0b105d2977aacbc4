// ARIN Reg-RWS `<error>` bodies, read by one strict reader for both ARIN adapters (RPKI and
// IRR): code, message, components (name, message) and additionalInfo messages.
import { childNamed, childText, childrenNamed, descendantsNamed, parseXml, type XmlElement } from '../util/xml.js';

export interface RegRwsError {
  code: string;
  message: string;
  components: Array<{ name: string; message: string }>;
  additionalInfo: string[];
}

/** The Reg-RWS error body, or undefined when the text is not a well-formed `<error>` document. */
export function readRegRwsError(text: string): RegRwsError | undefined {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch {
    return undefined;
  }
  if (root.local !== 'error') return undefined;
  const componentsEl = childNamed(root, 'components');
  const components = (componentsEl ? childrenNamed(componentsEl, 'component') : []).map((c) => ({ name: childText(c, 'name') ?? '', message: childText(c, 'message') ?? '' }));
  const info = childNamed(root, 'additionalInfo');
  const additionalInfo = (info ? descendantsNamed(info, 'message') : []).map((m) => m.text.trim()).filter(Boolean);
  return { code: childText(root, 'code') ?? '', message: childText(root, 'message') ?? '', components, additionalInfo };
}

/** `message (name: message; …) [code] additional info`: ARIN's words as sent. */
export function formatRegRwsError(error: RegRwsError): string {
  const parts = error.components.map((c) => (c.name ? `${c.name}: ${c.message}` : c.message)).filter(Boolean);
  const head = `${error.message}${parts.length ? ` (${parts.join('; ')})` : ''}${error.code ? ` [${error.code}]` : ''}`;
  return [head, ...error.additionalInfo].join('; ');
}

/** The plain words of a Reg-RWS error body, or undefined when the body is not one. */
export function regRwsErrorText(text: string): string | undefined {
  const error = readRegRwsError(text);
  return error && formatRegRwsError(error);
}
