// A small, strict XML reader and writer (ARIN's Reg-RWS payloads use it). It knows elements,
// attributes, namespaces, text, CDATA, comments and the five predefined entities; it
// refuses DOCTYPE (no entity expansion, so no XXE or entity bombs) and anything malformed.

export interface XmlElement {
  /** The name as written, prefix included (`ns2:roaSpec`). */
  name: string;
  /** The name without its prefix (`roaSpec`). */
  local: string;
  /** The namespace URI the element is in, resolved from xmlns declarations. */
  ns: string | undefined;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its descendants'), entities decoded. */
  text: string;
}

export class XmlError extends Error {}

const MAX_DEPTH = 64;
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses a whole document; throws XmlError naming the offset of the first problem. */
export function parseXml(text: string): XmlElement {
  return new Reader(text).document();
}

class Reader {
  private pos = 0;

  constructor(private readonly src: string) {}

  document(): XmlElement {
    if (this.src.startsWith('\uFEFF')) this.pos = 1;
    this.skipMisc();
    if (this.src.startsWith('<!DOCTYPE', this.pos)) this.fail('DOCTYPE is not allowed');
    if (this.src[this.pos] !== '<') this.fail('expected the root element');
    const root = this.element(new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 0);
    this.skipMisc();
    if (this.pos < this.src.length) this.fail('content after the root element');
    return root;
  }

  /** Whitespace, comments and processing instructions (the XML declaration included). */
  private skipMisc(): void {
    for (;;) {
      while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
      if (this.src.startsWith('<?', this.pos)) this.pos = this.after('?>');
      else if (this.src.startsWith('<!--', this.pos)) this.pos = this.after('-->');
      else return;
    }
  }

  private element(scope: Map<string, string>, depth: number): XmlElement {
    if (depth > MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH}`);
    this.pos++; // '<'
    const name = this.name();
    const attributes = this.attributes();
    const inner = declareNamespaces(scope, attributes);
    const el: XmlElement = { name, local: localName(name), ns: resolve(inner, name, this.pos), attributes, children: [], text: '' };
    if (this.src.startsWith('/>', this.pos)) {
      this.pos += 2;
      return el;
    }
    this.expect('>');
    this.content(el, inner, depth);
    return el;
  }

  private content(el: XmlElement, scope: Map<string, string>, depth: number): void {
    for (;;) {
      if (this.pos >= this.src.length) this.fail(`<${el.name}> is not closed`);
      if (this.src.startsWith('</', this.pos)) {
        this.pos += 2;
        const closing = this.name();
        if (closing !== el.name) this.fail(`</${closing}> closes <${el.name}>`);
        while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
        this.expect('>');
        return;
      }
      if (this.src.startsWith('<!--', this.pos)) this.pos = this.after('-->');
      else if (this.src.startsWith('<![CDATA[', this.pos)) {
        const end = this.after(']]>');
        el.text += this.src.slice(this.pos + 9, end - 3);
        this.pos = end;
      } else if (this.src.startsWith('<?', this.pos)) this.pos = this.after('?>');
      else if (this.src.startsWith('<!', this.pos)) this.fail('declarations are not allowed inside elements');
      else if (this.src[this.pos] === '<') el.children.push(this.element(scope, depth + 1));
      else el.text += this.chars();
    }
  }

  private attributes(): Record<string, string> {
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = this.pos;
      while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
      const c = this.src[this.pos];
      if (c === '>' || c === '/') return attributes;
      if (this.pos === before) this.fail('expected whitespace between attributes');
      const name = this.name();
      if (Object.hasOwn(attributes, name)) this.fail(`attribute ${name} repeated`);
      this.expect('=');
      const quote = this.src[this.pos];
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${name} needs a quoted value`);
      const end = this.src.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail(`attribute ${name} is not closed`);
      const raw = this.src.slice(this.pos + 1, end);
      if (raw.includes('<')) this.fail(`'<' in attribute ${name}`);
      attributes[name] = decode(raw, this.pos);
      this.pos = end + 1;
    }
  }

  private chars(): string {
    const end = this.src.indexOf('<', this.pos);
    const stop = end < 0 ? this.src.length : end;
    const raw = this.src.slice(this.pos, stop);
    const at = this.pos;
    this.pos = stop;
    return decode(raw, at);
  }

  private name(): string {
    const match = NAME.exec(this.src.slice(this.pos, this.pos + 200));
    if (!match) this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  private expect(s: string): void {
    if (!this.src.startsWith(s, this.pos)) this.fail(`expected '${s}'`);
    this.pos += s.length;
  }

  /** The offset just past the next `end`. */
  private after(end: string): number {
    const i = this.src.indexOf(end, this.pos);
    if (i < 0) this.fail(`missing '${end}'`);
    return i + end.length;
  }

  private fail(message: string): never {
    throw new XmlError(`XML: ${message} at offset ${this.pos}`);
  }
}

function declareNamespaces(scope: Map<string, string>, attributes: Record<string, string>): Map<string, string> {
  let inner = scope;
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    if (inner === scope) inner = new Map(scope);
    inner.set(name === 'xmlns' ? '' : name.slice(6), value);
  }
  return inner;
}

function resolve(scope: Map<string, string>, name: string, at: number): string | undefined {
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const uri = scope.get(prefix);
  if (prefix && uri === undefined) throw new XmlError(`XML: undeclared namespace prefix '${prefix}' at offset ${at}`);
  return uri || undefined;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function decode(raw: string, at: number): string {
  return raw.replace(/&([^;\s&<]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`XML: unterminated entity reference at offset ${at}`);
    if (Object.hasOwn(ENTITIES, ref)) return ENTITIES[ref];
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d{1,7}$/.test(ref) ? Number(ref.slice(1)) : NaN;
    if (!Number.isInteger(code) || code > 0x10ffff || code === 0) throw new XmlError(`XML: unknown entity &${ref}; at offset ${at}`);
    return String.fromCodePoint(code);
  });
}

// --- reading helpers -------------------------------------------------------

/** Direct children with this local name. */
export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

export function childNamed(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

/** The trimmed text of the first child with this local name. */
export function childText(el: XmlElement, local: string): string | undefined {
  return childNamed(el, local)?.text.trim();
}

/** Every element below `el` (not `el` itself) with this local name, in document order. */
export function descendantsNamed(el: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const c of el.children) {
    if (c.local === local) found.push(c);
    found.push(...descendantsNamed(c, local));
  }
  return found;
}

// --- writing ---------------------------------------------------------------

/** An element to write: text or children, never both (Reg-RWS payloads have no mixed content). */
export interface XmlNode {
  name: string;
  attributes?: Record<string, string>;
  text?: string;
  children?: XmlNode[];
}

/** Shorthand: `el('asNumber', '64500')`, `el('roaSpec', [ ...children ])`. */
export function el(name: string, content?: string | XmlNode[], attributes?: Record<string, string>): XmlNode {
  return typeof content === 'string' ? { name, text: content, attributes } : { name, children: content ?? [], attributes };
}

export function serializeXml(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root)}\n`;
}

function write(node: XmlNode): string {
  const attrs = Object.entries(node.attributes ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.text !== undefined) return `<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>`;
  const inner = (node.children ?? []).map(write).join('');
  return inner ? `<${node.name}${attrs}>${inner}</${node.name}>` : `<${node.name}${attrs}/>`;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
