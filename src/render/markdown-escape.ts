/**
 * Makes a record-derived string inert in GitHub Markdown: no HTML, no Markdown syntax,
 * no @-mentions or #-references. A lessee's name must never ping a team or inject an image.
 */
export function escapeMarkdown(value: unknown): string {
  return displayText(value)
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b') // a zero-width space after @ stops GitHub's mention linker
    .replace(/:/g, '&#58;'); // no autolinked scheme: or :emoji:
}

/** What String() shows for a template value, without pretending an object has a useful text. */
function displayText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(displayText).join(',');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? ''; // a mapping as JSON; functions and symbols as nothing
}
