import YAML from 'yaml';

// Line breaks and control characters never go out plain or folded: inside a template they would
// need indentation the template cannot know. Double quotes with escapes keep them on one line.
const NEEDS_ESCAPES = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

/**
 * One value as YAML text that fits after `key: ` on a single line: a string that would read
 * as something else (`true`, `123`, `a: b`, `# x`) comes out quoted, lists come out in flow
 * style. It is the only way values enter the lease template: never raw interpolation.
 */
export function yamlValue(value: unknown): string {
  const node = YAML.isNode(value) ? value : new YAML.Document(value).contents;
  if (YAML.isScalar(node) && typeof node.value === 'string' && NEEDS_ESCAPES.test(node.value)) node.type = 'QUOTE_DOUBLE';
  const text = YAML.stringify(node, { lineWidth: 0, blockQuote: false, doubleQuotedAsJSON: true, collectionStyle: 'flow', flowCollectionPadding: false });
  return text.replace(/\n$/, '');
}
