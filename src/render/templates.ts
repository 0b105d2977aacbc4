import fs from 'node:fs';
import Handlebars from 'handlebars';
import { escapeMarkdown } from './markdown-escape.js';
import { yamlValue } from '../util/yaml-value.js';

// Resolves to the repository's templates/ from src/render, dist/render and the action bundle (action/dist).
const TEMPLATE_DIR = new URL('../../templates/', import.meta.url);

const hb = Handlebars.create();
// {{md x}}: a record-derived string made inert in Markdown; {{yaml x}}: a YAML scalar or flow list
hb.registerHelper('md', (value: unknown) => new hb.SafeString(escapeMarkdown(value)));
hb.registerHelper('yaml', (value: unknown) => new hb.SafeString(yamlValue(value)));

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Renders templates/<name> (compiled once); HTML escaping is Handlebars' default for plain {{x}}. */
export function renderTemplate(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = hb.compile(templateSource(name), { strict: true });
    compiled.set(name, template);
  }
  return template(data);
}

export function templateSource(name: string): string {
  return fs.readFileSync(new URL(name, TEMPLATE_DIR), 'utf8');
}
