// A deliberately small XML reader and writer for the ARIN fakes, written apart from the
// adapters' XML code so a misreading in one cannot hide in the other. It handles what Reg-RWS
// payloads use: elements with optional prefixes, attributes, text and the five entities.

export interface Node {
  /** Local name, prefix dropped. */
  name: string;
  /** The namespace URI in scope for the element. */
  ns?: string;
  attrs: Record<string, string>;
  kids: Node[];
  text: string;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITY[e],
  );
}

export function encode(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Parses a document; throws with a short reason on anything it does not understand. */
export function readXml(source: string): Node {
  const body = source.replace(/^\uFEFF?\s*(<\?[\s\S]*?\?>\s*)?/, '').replace(/<!--[\s\S]*?-->/g, '');
  if (/<!DOCTYPE/i.test(body)) throw new Error('DOCTYPE not accepted');
  const tokens = body.match(/<[^>]*>|[^<]+/g) ?? [];
  const stack: Array<{ node: Node; qname: string; scope: Record<string, string> }> = [];
  let root: Node | undefined;
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      if (stack.length === 0) {
        if (token.trim()) throw new Error('text outside the root element');
        continue;
      }
      stack.at(-1)!.node.text += decode(token);
      continue;
    }
    if (token.startsWith('</')) {
      const qname = token.slice(2, -1).trim();
      const open = stack.pop();
      if (!open || open.qname !== qname) throw new Error(`unexpected </${qname}>`);
      open.node.text = open.node.text.trim();
      continue;
    }
    const selfClosing = token.endsWith('/>');
    const inner = token.slice(1, selfClosing ? -2 : -1).trim();
    const qname = /^[\w.:-]+/.exec(inner)?.[0];
    if (!qname) throw new Error(`bad tag ${token}`);
    const attrs: Record<string, string> = {};
    for (const m of inner.slice(qname.length).matchAll(/([\w.:-]+)\s*=\s*"([^"]*)"|([\w.:-]+)\s*=\s*'([^']*)'/g)) attrs[m[1] ?? m[3]] = decode(m[2] ?? m[4]);
    const scope = { ...(stack.at(-1)?.scope ?? {}) };
    for (const [k, v] of Object.entries(attrs)) if (k === 'xmlns' || k.startsWith('xmlns:')) scope[k] = v;
    const prefix = qname.includes(':') ? qname.split(':')[0] : undefined;
    const node: Node = { name: qname.split(':').at(-1)!, ns: scope[prefix ? `xmlns:${prefix}` : 'xmlns'], attrs, kids: [], text: '' };
    if (stack.length) stack.at(-1)!.node.kids.push(node);
    else if (root) throw new Error('more than one root element');
    else root = node;
    if (!selfClosing) stack.push({ node, qname, scope });
  }
  if (!root || stack.length) throw new Error('document is not complete');
  return root;
}

export function kids(node: Node, name: string): Node[] {
  return node.kids.filter((k) => k.name === name);
}

export function kid(node: Node, name: string): Node | undefined {
  return node.kids.find((k) => k.name === name);
}

export function kidText(node: Node, name: string): string | undefined {
  return kid(node, name)?.text;
}

/** `tag(name, children-or-text, attributes)` → XML text. */
export function tag(name: string, content: string | string[] = [], attrs: Record<string, string> = {}): string {
  const attributes = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${encode(v)}"`)
    .join('');
  const inner = typeof content === 'string' ? encode(content) : content.join('');
  return `<${name}${attributes}>${inner}</${name}>`;
}
