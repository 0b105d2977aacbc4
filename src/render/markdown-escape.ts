import { neutralise } from './text-safe.js';

/**
 * Makes a record-derived string inert in GitHub Markdown: no HTML, no Markdown syntax,
 * no @-mentions or #-references. A lessee's name must never ping a team or inject an image.
 */
export function escapeMarkdown(value: unknown): string {
  return neutralise(String(value ?? '').replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b') // a zero-width space after @ stops GitHub's mention linker
    .replace(/:/g, '&#58;'); // no autolinked scheme: or :emoji:
}
