/**
 * The one neutraliser of record- and registry-derived text for every text output (plan, apply,
 * validate, GitHub annotations, Markdown). A value must never start a new line (where a runner
 * would read `::error::`, `::add-mask::` or `::stop-commands::`), never drive the terminal
 * (ANSI CSI, OSC hyperlinks and titles, BEL) and never reorder what is shown (bidirectional
 * overrides). Such characters are shown as visible escapes, e.g. `\n`, `\u001b`, `\u2028`.
 */
// C0 controls, DEL, C1 controls, line/paragraph separators, bidi marks/embeddings/isolates, BOM
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function neutralise(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : typeof value === 'object' ? (JSON.stringify(value) ?? '') : `${value as number}`;
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether a string holds a character `neutralise` would rewrite. */
export function hasUnsafeText(value: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(value);
  UNSAFE.lastIndex = 0;
  return found;
}

// what JSON.stringify leaves raw inside strings but a terminal or a JavaScript reader may act on
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/g;

/** JSON text with those characters escaped as \uXXXX: the same value, nothing raw. */
export function jsonSafe(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
