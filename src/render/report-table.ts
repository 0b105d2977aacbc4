// Plain tables for the report commands: aligned text for people, RFC 4180 CSV for spreadsheets.

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | boolean;
  /** Numbers read best right-aligned. */
  align?: 'right';
}

/** Control characters (an escape sequence in a lessee's name) are shown, never sent to the terminal. */
export function printable(s: string): string {
   
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function cellText(v: string | number | null | boolean): string {
  if (v === null) return '-';
  return printable(String(v));
}

export function textTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const cells = rows.map((r) => columns.map((c) => cellText(c.value(r))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

/**
 * RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break. A text
 * field starting with = + - @ (a spreadsheet formula) gets a leading apostrophe, since lessee
 * names are untrusted; numbers stay numbers.
 */
export function csvTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const field = (v: string | number | null | boolean) => {
    if (v === null) return '';
    if (typeof v !== 'string') return String(v);
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns.map((c) => field(c.header)), ...rows.map((r) => columns.map((c) => field(c.value(r))))].map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
