import { describe, expect, it } from 'vitest';
import { childText, descendantsNamed, el, parseXml, serializeXml, XmlError } from '../../src/util/xml.js';

describe('xml reader', () => {
  it('reads elements, namespaces (default and prefixed), entities, CDATA and comments', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- list -->\n<c xmlns="urn:core" xmlns:r="urn:rpki"><r:roaSpec a=\'1\'><r:name>A &amp; B &#x41;&#66;</r:name><r:note><![CDATA[<raw> & ]]></r:note></r:roaSpec></c>',
    );
    expect(root).toMatchObject({ local: 'c', ns: 'urn:core' });
    const [spec] = descendantsNamed(root, 'roaSpec');
    expect(spec).toMatchObject({ name: 'r:roaSpec', ns: 'urn:rpki', attributes: { a: '1' } });
    expect(childText(spec, 'name')).toBe('A & B AB');
    expect(childText(spec, 'note')).toBe('<raw> &');
  });

  it.each([
    ['<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>', /DOCTYPE is not allowed/],
    ['<a><b></a>', /<\/a> closes <b>/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a>x & y</a>', /unterminated entity/],
    ['<p:a/>', /undeclared namespace prefix 'p'/],
    ['<a/><b/>', /content after the root element/],
    ['<a x="1" x="2"/>', /attribute x repeated/],
    ['<a>', /<a> is not closed/],
  ])('refuses %s', (text, message) => {
    expect(() => parseXml(text)).toThrow(XmlError);
    expect(() => parseXml(text)).toThrow(message);
  });

  it('refuses nesting deeper than 64 levels', () => {
    expect(() => parseXml('<a>'.repeat(100) + '</a>'.repeat(100))).toThrow(/nested deeper/);
  });
});

describe('xml writer', () => {
  it('escapes text and attributes, and reads back the same', () => {
    const text = serializeXml(el('root', [el('name', `<a & "b" 'c'>`), el('empty', [])], { xmlns: 'urn:x' }));
    expect(text).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<root xmlns="urn:x"><name>&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;</name><empty/></root>\n');
    expect(childText(parseXml(text), 'name')).toBe(`<a & "b" 'c'>`);
  });
});
