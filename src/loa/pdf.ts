import { RefusalError } from '../errors.js';

/**
 * Typesets the letter's Markdown as a one-page A4 PDF with real text (searchable, copyable),
 * so the PDF says exactly what the Markdown template says. The subset a letter needs:
 * `#` letterhead, `##` headings, paragraphs (two trailing spaces break a line), `**bold**`,
 * `` `code` ``, `|` tables, `- ` lists, `---` rules, and `<!-- pdf:small -->` for fine print.
 */
export async function markdownPdf(markdown: string, meta: { title: string; author: string; documentId: string }): Promise<Buffer> {
  const PDFDocument = await loadPdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 40, left: 62, right: 62 },
    info: { Title: meta.title, Author: meta.author, Subject: `Letter of authorisation ${meta.documentId}`, Keywords: meta.documentId, Creator: 'leasekit' },
    bufferPages: false,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  new Typesetter(doc).blocks(parseBlocks(markdown));
  doc.end();
  return done;
}

/** Loaded on demand: the GitHub Action's bundle leaves pdfkit out (scripts/build-action.mjs). */
async function loadPdfkit(): Promise<typeof import('pdfkit')> {
  try {
    return (await import('pdfkit')).default;
  } catch {
    throw new RefusalError('PDF letters need the pdfkit package, which the GitHub Action bundle leaves out: write .md or .html there, or run leasekit from npm');
  }
}

type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'rule' }
  | { type: 'paragraph'; lines: string[] }
  | { type: 'table'; header: string[]; rows: string[][] }
  | { type: 'list'; items: string[] }
  | { type: 'small' };

export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] | undefined;
  const endParagraph = () => {
    if (paragraph) blocks.push({ type: 'paragraph', lines: paragraph });
    paragraph = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '') {
      endParagraph();
    } else if (/^<!--\s*pdf:small\s*-->$/.test(trimmed)) {
      endParagraph();
      blocks.push({ type: 'small' });
    } else if (/^<!--.*-->$/.test(trimmed)) {
      continue;
    } else if (/^-{3,}$/.test(trimmed)) {
      endParagraph();
      blocks.push({ type: 'rule' });
    } else if (/^#{1,3} /.test(trimmed)) {
      endParagraph();
      blocks.push({ type: 'heading', level: trimmed.indexOf(' '), text: trimmed.slice(trimmed.indexOf(' ') + 1) });
    } else if (trimmed.startsWith('|')) {
      endParagraph();
      const rows: string[][] = [];
      for (; i < lines.length && lines[i].trim().startsWith('|'); i++) rows.push(tableCells(lines[i].trim()));
      i--;
      const separator = rows.length > 1 && rows[1].every((c) => /^:?-+:?$/.test(c.trim()));
      blocks.push({ type: 'table', header: rows[0], rows: rows.slice(separator ? 2 : 1) });
    } else if (/^[-*] /.test(trimmed)) {
      endParagraph();
      const last = blocks[blocks.length - 1];
      if (last?.type === 'list') last.items.push(trimmed.slice(2));
      else blocks.push({ type: 'list', items: [trimmed.slice(2)] });
    } else {
      (paragraph ??= []).push(line);
    }
  }
  endParagraph();
  return blocks;
}

/** Splits `| a | b \| c |` on unescaped pipes. */
function tableCells(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < row.length; i++) {
    if (row[i] === '\\' && i + 1 < row.length) {
      cell += row[i] + row[++i];
    } else if (row[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += row[i];
    }
  }
  if (cell.trim()) cells.push(cell.trim());
  return cells;
}

interface Run {
  text: string;
  bold: boolean;
  code: boolean;
}

/** `**bold**`, `` `code` `` and backslash escapes into runs of plain text. */
export function inlineRuns(text: string): Run[] {
  const runs: Run[] = [];
  let bold = false;
  let code = false;
  let current = '';
  const flush = () => {
    if (current) runs.push({ text: current, bold, code });
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!code && c === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (c === '`') {
      flush();
      code = !code;
    } else if (!code && c === '*' && text[i + 1] === '*') {
      flush();
      bold = !bold;
      i++;
    } else {
      current += c;
    }
  }
  flush();
  return runs;
}

const plain = (text: string) => inlineRuns(text).map((r) => r.text).join('');

const INK = '#1b1f24';
const ACCENT = '#1f4e79';
const MUTED = '#5b6570';
const RULE = '#b8c2cc';

class Typesetter {
  private small = false;
  private afterLetterhead = false;

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  blocks(blocks: Block[]): void {
    for (const block of blocks) {
      if (block.type === 'small') this.small = true;
      else if (block.type === 'rule') this.rule();
      else if (block.type === 'heading') this.heading(block.level, block.text);
      else if (block.type === 'paragraph') this.paragraph(block.lines);
      else if (block.type === 'table') this.table(block.header, block.rows);
      else this.list(block.items);
    }
  }

  private get size(): number {
    return this.small ? 7.5 : 10;
  }

  private heading(level: number, text: string): void {
    const doc = this.doc;
    if (level === 1) {
      doc.font('Helvetica-Bold').fontSize(19).fillColor(ACCENT).text(plain(text), this.left, doc.y, { width: this.width });
      this.afterLetterhead = true;
      return;
    }
    doc.moveDown(0.4);
    doc.font('Helvetica-Bold').fontSize(level === 2 ? 13 : 11).fillColor(ACCENT).text(plain(text), this.left, doc.y, { width: this.width });
    doc.moveDown(0.3);
  }

  private rule(): void {
    const doc = this.doc;
    const y = doc.y + 4;
    doc.save().moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(this.afterLetterhead ? 1.6 : 0.6).strokeColor(this.afterLetterhead ? ACCENT : RULE).stroke().restore();
    this.afterLetterhead = false;
    doc.y = y + 9;
  }

  private paragraph(lines: string[]): void {
    const doc = this.doc;
    const letterheadLine = this.afterLetterhead;
    const size = letterheadLine ? 8.5 : this.size;
    const color = letterheadLine || this.small ? MUTED : INK;
    // a line ending in two spaces (or a backslash) is a hard break; other lines join
    const visual: string[] = [];
    let pending = '';
    for (const line of lines) {
      const hard = / {2,}$/.test(line) || (/\\$/.test(line) && !/\\\\$/.test(line));
      pending += (pending ? ' ' : '') + line.replace(/( {2,}|\\)$/, '').trim();
      if (hard) {
        visual.push(pending);
        pending = '';
      }
    }
    if (pending) visual.push(pending);
    for (const text of visual) this.runs(inlineRuns(text), size, color);
    doc.moveDown(this.small ? 0.2 : 0.55);
  }

  private runs(runs: Run[], size: number, color: string): void {
    const doc = this.doc;
    doc.fillColor(color);
    doc.x = this.left;
    if (runs.length === 0) return void doc.moveDown(0.5);
    // a signature line gets room above it to sign
    if (runs.length === 1 && /^_{5,}$/.test(runs[0].text)) doc.moveDown(2.2);
    runs.forEach((run, i) => {
      const font = run.code ? 'Courier' : run.bold ? 'Helvetica-Bold' : 'Helvetica';
      const continued = i < runs.length - 1;
      // only the first run positions the line; later ones flow on from where it stopped
      if (i === 0) doc.font(font).fontSize(size).text(run.text, this.left, doc.y, { width: this.width, continued, lineGap: 1.5 });
      else doc.font(font).fontSize(size).text(run.text, { continued });
    });
  }

  private list(items: string[]): void {
    for (const item of items) this.runs([{ text: '•  ', bold: false, code: false }, ...inlineRuns(item)], this.size, INK);
    this.doc.moveDown(0.4);
  }

  private table(header: string[], rows: string[][]): void {
    const doc = this.doc;
    const columns = Math.max(header.length, ...rows.map((r) => r.length));
    const size = this.small ? 7.5 : 9;
    const pad = 4;
    const cells = [header, ...rows].map((r) => Array.from({ length: columns }, (_, c) => plain(r[c] ?? '')));
    // widths follow each column's longest line, scaled to the text width
    doc.fontSize(size);
    const natural = Array.from({ length: columns }, (_, c) => Math.max(24, ...cells.map((r, i) => doc.font(i === 0 ? 'Helvetica-Bold' : 'Helvetica').widthOfString(r[c]) + 2 * pad)));
    const total = natural.reduce((a, b) => a + b, 0);
    const widths = total <= this.width ? natural.map((w, c) => (c === columns - 1 ? w + this.width - total : w)) : fitWidths(natural, this.width);
    const heightOf = (row: string[], r: number) => {
      doc.font(r === 0 ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
      return Math.max(...row.map((text, c) => doc.heightOfString(text || ' ', { width: widths[c] - 2 * pad }))) + 2 * pad;
    };
    const draw = (row: string[], r: number, y: number, height: number) => {
      const font = r === 0 ? 'Helvetica-Bold' : 'Helvetica';
      let x = this.left;
      if (r === 0) doc.save().rect(x, y, this.width, height).fill('#e8eef5').restore();
      row.forEach((text, c) => {
        doc.font(font).fontSize(size).fillColor(r === 0 ? ACCENT : INK).text(text, x + pad, y + pad, { width: widths[c] - 2 * pad, lineGap: 1 });
        x += widths[c];
      });
      doc.save().moveTo(this.left, y + height).lineTo(this.left + this.width, y + height).lineWidth(0.5).strokeColor(RULE).stroke().restore();
    };
    const headerHeight = heightOf(cells[0], 0);
    let y = doc.y + 2;
    cells.forEach((row, r) => {
      const height = heightOf(row, r);
      if (y + height > doc.page.height - doc.page.margins.bottom) {
        // a table that runs onto the next page repeats its header there
        doc.addPage();
        y = doc.page.margins.top;
        if (r > 0) {
          draw(cells[0], 0, y, headerHeight);
          y += headerHeight;
        }
      }
      draw(row, r, y, height);
      y += height;
    });
    doc.x = this.left;
    doc.y = y + 8;
  }
}

/** Shrinks the widest columns first until the table fits, never below a readable minimum. */
function fitWidths(natural: number[], width: number): number[] {
  const widths = [...natural];
  const minimum = 48;
  let excess = widths.reduce((a, b) => a + b, 0) - width;
  while (excess > 0.5) {
    const widest = widths.indexOf(Math.max(...widths));
    const second = Math.max(minimum, ...widths.filter((_, i) => i !== widest));
    const cut = Math.min(excess, Math.max(widths[widest] - second, 1));
    widths[widest] -= cut;
    excess -= cut;
    if (widths.every((w) => w <= minimum)) break;
  }
  return widths;
}
