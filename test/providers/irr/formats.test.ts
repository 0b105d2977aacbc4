import { describe, expect, it } from 'vitest';
import { routeRefs } from '../../../src/providers/irr/arin-xml.js';
import { regRwsErrorText } from '../../../src/providers/reg-rws-error.js';
import { errorText, fillMessage } from '../../../src/providers/irr/ripe-resources.js';
import { parseRpsl, routeFromAttributes } from '../../../src/providers/irr/rpsl.js';

describe('RPSL text', () => {
  it('reads objects with comments, continuation lines and comma-separated maintainers', () => {
    const text = [
      '% comment from the server',
      'route:      192.0.2.0/24',
      'descr:      first line',
      '+           continued',
      'origin:     as64500 # the origin',
      'mnt-by:     A-MNT, B-MNT',
      'mnt-by:     C-MNT # ops',
      'remarks:    managed by leasekit, lease acme-1',
      'source:     example',
      'rpki-ov-state: valid',
      '',
      'route6:     2001:db8::/32',
      'origin:     AS64500',
      'source:     EXAMPLE',
      '',
    ].join('\n');
    const objects = parseRpsl(text);
    expect(objects).toHaveLength(2);
    expect(routeFromAttributes(objects[0], 'p')).toEqual({
      type: 'route',
      provider: 'p',
      source: 'EXAMPLE',
      prefix: '192.0.2.0/24',
      origin: 64500,
      mntBy: ['A-MNT', 'B-MNT', 'C-MNT'],
      remarks: ['managed by leasekit, lease acme-1'],
      descr: ['first line continued'],
    });
    expect(routeFromAttributes(objects[1], 'p')).toBeUndefined();
  });
});

describe('RIPE error messages', () => {
  it('fills %s placeholders from args in order and names an attribute', () => {
    expect(fillMessage({ text: 'Authorisation for [%s] %s failed\nusing "%s:"\nnot authenticated by: %s', args: [{ value: 'route' }, { value: '192.0.2.0/24AS64500' }, { value: 'mnt-by' }, { value: 'A-MNT' }] })).toBe(
      'Authorisation for [route] 192.0.2.0/24AS64500 failed\nusing "mnt-by:"\nnot authenticated by: A-MNT',
    );
    expect(fillMessage({ text: 'Syntax error in %s', args: [{ value: 'x' }], attribute: { name: 'route', value: 'x' } })).toBe('Syntax error in x (route: x)');
  });

  it('shows errors, not warnings, when both are present', () => {
    expect(errorText({ errormessages: { errormessage: [{ severity: 'Warning', text: 'careful' }, { severity: 'Error', text: 'no' }] } })).toBe('no');
  });
});

describe('ARIN Reg-RWS XML', () => {
  it('reads an error payload with components', () => {
    const xml = '<error xmlns="http://www.arin.net/regrws/core/v1"><additionalInfo><message>see docs &amp; retry</message></additionalInfo><code>E_ENTITY_VALIDATION</code><components><component><name>mnt-by</name><message>bad &lt;value&gt;</message></component></components><message>Payload has one or more errors.</message></error>';
    expect(regRwsErrorText(xml)).toBe('Payload has one or more errors. (mnt-by: bad <value>) [E_ENTITY_VALIDATION]; see docs & retry');
  });

  it('reads route keys from routeRef elements or URLs, skips route6 and refuses what it cannot read', () => {
    const xml = [
      '<collection xmlns="http://www.arin.net/regrws/core/v1">',
      '<routeRef entry="SIMPLE">https://reg.arin.net/rest/irr/route/192.0.2.0/24/AS64500</routeRef>',
      '<routeRef entry="ADVANCED"><orgHandle>AS7-X</orgHandle><originAS>AS64501</originAS><prefix>198.51.100.0/24</prefix></routeRef>',
      '<routeRef entry="SIMPLE">https://reg.arin.net/rest/irr/route6/2001:db8::/32/AS64500</routeRef>',
      '</collection>',
    ].join('');
    expect(routeRefs(xml)).toEqual([
      { prefix: '192.0.2.0/24', origin: 64500 },
      { prefix: '198.51.100.0/24', origin: 64501 },
    ]);
    expect(routeRefs('<routeRef entry="SIMPLE">mystery</routeRef>')).toEqual({ unreadable: '<routeRef>mystery</routeRef>' });
    expect(routeRefs('<collection><routeRef><orgHandle>AS1-CORP</orgHandle><prefix>192.0.2.0/24</prefix></routeRef></collection>')).toEqual({
      unreadable: '<routeRef><orgHandle>AS1-CORP</orgHandle><prefix>192.0.2.0/24</prefix></routeRef>',
    });
  });
});
