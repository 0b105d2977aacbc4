import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { RepositoryError } from '../errors.js';
import type { LetterFacts } from './facts.js';
import { markdownPdf } from './pdf.js';

export type LetterFormat = 'md' | 'html' | 'pdf';

// Resolves to leasekit's templates/ from src/loa and dist/loa.
const BUILT_IN = new URL('../../templates/', import.meta.url);

/** templates/NAME in the lease repository wins over leasekit's own: a lessor words its letters its way. */
export function letterTemplate(root: string, name: string): { source: string; file: string } {
  const own = path.join(root, 'templates', name);
  if (fs.existsSync(own)) return { source: fs.readFileSync(own, 'utf8'), file: own };
  const builtIn = new URL(name, BUILT_IN);
  return { source: fs.readFileSync(builtIn, 'utf8'), file: builtIn.pathname };
}

/** The letter in `format`: Markdown and HTML from their templates, the PDF typeset from the Markdown. */
export async function renderLetter(facts: LetterFacts, format: LetterFormat, root: string): Promise<Buffer> {
  if (format === 'html') return Buffer.from(renderHandlebars(letterTemplate(root, 'loa.html.hbs'), facts, false));
  const markdown = renderHandlebars(letterTemplate(root, 'loa.md.hbs'), markdownSafe(facts) as LetterFacts, true);
  if (format === 'md') return Buffer.from(markdown);
  return markdownPdf(markdown, { title: `Letter of authorisation ${facts.lease.prefix}`, author: facts.lessor.name, documentId: facts.documentId });
}

function renderHandlebars({ source, file }: { source: string; file: string }, facts: LetterFacts, markdown: boolean): string {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  try {
    // Markdown: the values are escaped beforehand (markdownSafe), so {{x}} is safe there too
    return hb.compile(source, { strict: false, noEscape: markdown })(facts);
  } catch (err) {
    throw new TemplateError(`${file}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** A letter template that does not compile or render: the repository's own file is at fault, exit 2. */
export class TemplateError extends RepositoryError {}

/** Every string made inert in Markdown: no line breaks, control characters, emphasis, links, HTML or table cells. */
export function markdownSafe(value: unknown): unknown {
  if (typeof value === 'string') return escapeLetterMarkdown(value);
  if (Array.isArray(value)) return value.map(markdownSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markdownSafe(v)]));
  return value;
}

export function escapeLetterMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^#/, '\\#');
}
