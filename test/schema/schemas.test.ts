import fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS: under module nodenext a default import is their
// `module.exports`, which carries the class / plugin again as `.default` (typed and present at runtime).
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

const SCHEMA_DIR = new URL('../../schema/', import.meta.url);
const NAMES = ['common', 'party', 'holding', 'contract', 'lease', 'delegation', 'record', 'leasekit'] as const;
type Name = (typeof NAMES)[number];
type Json = Record<string, unknown>;

const raw = new Map<Name, Json>();
const warnings: unknown[] = [];
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  logger: { log: () => {}, warn: (...args: unknown[]) => warnings.push(args), error: (...args: unknown[]) => warnings.push(args) },
});
addFormats(ajv, ['date', 'email', 'uri']);
for (const name of NAMES) {
  const schema = JSON.parse(fs.readFileSync(new URL(`${name}.schema.json`, SCHEMA_DIR), 'utf8')) as Json;
  raw.set(name, schema);
  ajv.addSchema(schema);
}
for (const name of NAMES) ajv.getSchema(`${name}.schema.json`); // compile all now: strict mode throws here

function errors(name: Name, value: unknown): ErrorObject[] {
  const validate = ajv.getSchema(`${name}.schema.json`)!;
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** The errors that matter to a user: `if` wrappers ("must match then schema") only repeat an inner error. */
function real(name: Name, value: unknown): Array<Pick<ErrorObject, 'keyword' | 'instancePath' | 'params'>> {
  return errors(name, value)
    .filter((e) => e.keyword !== 'if')
    .map(({ keyword, instancePath, params }) => ({ keyword, instancePath, params }));
}

/** Checks `value` against its kind's schema and against record.schema.json; both must report the same. */
function check(kind: Name, value: unknown) {
  const own = real(kind, value);
  if (kind !== 'leasekit' && kind !== 'common' && kind !== 'record') expect(real('record', value)).toEqual(own);
  return own;
}

function expectValid(kind: Name, value: unknown) {
  expect(check(kind, value)).toEqual([]);
}

/** Exactly one error, matching `expected`. */
function expectOne(kind: Name, value: unknown, expected: Partial<ErrorObject>) {
  const errs = check(kind, value);
  expect(errs).toHaveLength(1);
  expect(errs[0]).toMatchObject(expected);
}

const with_ = (base: Json, patch: Json): Json => ({ ...base, ...patch });
const without = (base: Json, key: string): Json => {
  const copy = { ...base };
  delete copy[key];
  return copy;
};

const party: Json = {
  kind: 'party',
  id: 'acme',
  name: 'ACME Networks B.V.',
  self: true,
  asns: [64500, 4200000000],
  abuse: 'abuse@acme.example',
  irrMaintainer: 'ACME-MNT',
  country: 'NL',
};
const holding: Json = {
  kind: 'holding',
  id: 'h-185-50',
  prefix: '185.50.0.0/22',
  registry: 'ripe',
  source: 'allocation',
  rpki: { provider: 'ripe-main', as0: true },
  irr: { provider: 'ripe-db', source: 'RIPE', maintainer: 'ACME-MNT' },
};
const inboundHolding: Json = {
  kind: 'holding',
  id: 'h-in',
  prefix: '193.0.0.0/24',
  registry: 'arin',
  source: 'inbound',
  contract: 'c-in',
};
const contract: Json = {
  kind: 'contract',
  id: 'c-2026-001',
  direction: 'outbound',
  counterparty: 'beta.net',
  start: '2026-01-01',
  end: '2027-01-01',
  renewal: { auto: true, periodMonths: 12, noticeDays: 30 },
  sublease: false,
  rpki: 'lessor-managed',
  price: { amount: 0.45, currency: 'EUR', per: 'ip-month' },
  usage: { acceptableUse: ['no spam', 'no DDoS'], abuseResponseHours: 24 },
  liability: 'Capped at fees paid in the last 12 months.',
  documents: [{ path: 'docs/c-2026-001.pdf', sha256: 'aB'.repeat(32) }],
};
const lease: Json = {
  kind: 'lease',
  id: 'l-185-50-1-0',
  contract: 'c-2026-001',
  prefix: '185.50.1.0/24',
  start: '2026-01-01',
  end: '2026-07-01',
  origins: [64501, 0],
  maxLength: 24,
  irr: true,
  note: 'first lease',
};
const delegationCa: Json = {
  kind: 'delegation',
  id: 'd-ca',
  lease: 'l-185-50-1-0',
  type: 'rpki-ca',
  to: 'beta.net',
  handle: 'beta-ca',
  start: '2026-02-01',
  end: '2026-06-01',
};
const delegationMnt: Json = {
  kind: 'delegation',
  id: 'd-mnt',
  lease: 'l-185-50-1-0',
  type: 'irr-maintainer',
  to: 'beta.net',
  maintainer: 'BETA-MNT',
};
const config: Json = {
  policy: { quarantineDays: 30, expiryWarningDays: 14, allowDocumentationSpace: true },
  thresholds: { maxDeletePercent: 10.5, maxUpdatePercent: 100, minObjects: 0 },
  providers: {
    local: { type: 'local', path: 'state/' },
    'ripe-main': { type: 'ripe-rpki', apiKeyEnv: 'RIPE_API_KEY' },
    'ripe-pilot': { type: 'ripe-rpki', baseUrl: 'https://localcert.ripe.net/api/rpki', apiKeyEnv: 'RIPE_PILOT_KEY', thresholds: { minObjects: 0 } },
    arin: { type: 'arin-rpki', baseUrl: 'https://reg.ote.arin.net', org: 'ACME-1', apiKeyEnv: 'ARIN_API_KEY' },
    krill: { type: 'krill', baseUrl: 'https://localhost:3000/api/v1', ca: 'acme', tokenEnv: 'KRILL_ADMIN_TOKEN' },
    'ripe-db': { type: 'ripe-db', baseUrl: 'https://rest-test.db.ripe.net', source: 'TEST', apiKeyEnv: 'RIPE_DB_KEY' },
    altdb: {
      type: 'irrd',
      baseUrl: 'https://irrd.example.net',
      source: 'ALTDB',
      apiKeyEnv: 'IRRD_KEY',
      passwordEnv: 'IRRD_PASSWORD',
      overrideEnv: '_IRRD_OVERRIDE',
      thresholds: { maxDeletePercent: 5, maxUpdatePercent: 20, minObjects: 3 },
    },
    'arin-irr': { type: 'arin-irr', baseUrl: 'https://reg.arin.net', org: 'ACME-1', apiKeyEnv: 'ARIN_API_KEY' },
  },
};

// ---------------------------------------------------------------------------------------------

describe('schema files', () => {
  it('all compile together under ajv strict mode without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it.each(NAMES)('%s has $schema, a matching $id, a title and a description', (name) => {
    const schema = raw.get(name)!;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`${name}.schema.json`);
    expect(typeof schema.title).toBe('string');
    expect(typeof schema.description).toBe('string');
  });

  it('every property of every schema has a description (editor hover text)', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
      if (!node || typeof node !== 'object') return;
      const obj = node as Json;
      for (const [key, value] of Object.entries(obj)) {
        if ((key === 'properties' || key === '$defs') && value && typeof value === 'object') {
          for (const [prop, sub] of Object.entries(value as Json)) {
            // `false` forbids a property (holding.contract unless inbound): nothing to hover.
            if (sub !== false && typeof (sub as Json)?.description !== 'string') missing.push(`${path}/${key}/${prop}`);
          }
        }
        // `if` conditions only select a branch; editors do not show them.
        if (key !== 'if') walk(value, `${path}/${key}`);
      }
    };
    for (const name of NAMES) walk(raw.get(name), `${name}.schema.json#`);
    expect(missing).toEqual([]);
  });

  it('every kind schema requires kind and id and forbids unknown fields', () => {
    for (const kind of ['party', 'holding', 'contract', 'lease', 'delegation'] as const) {
      const schema = raw.get(kind)!;
      expect(schema.type).toBe('object');
      expect(schema.required).toEqual(expect.arrayContaining(['kind', 'id']));
      expect(schema.additionalProperties).toBe(false);
      expect((schema.properties as Json).kind).toMatchObject({ const: kind });
    }
  });
});

describe('common definitions', () => {
  const ids = ['a', '0', 'acme', 'beta.net', 'l-185_50', 'a'.repeat(63)];
  const badIds = ['', 'Acme', '-acme', '.a', '_a', 'a b', 'a/b', 'a'.repeat(64), 'ä', 'acme\n'];
  it.each(ids)('id %j is valid', (id) => expectValid('party', with_(party, { id })));
  it.each(badIds)('id %j is a pattern error at /id', (id) =>
    expectOne('party', with_(party, { id }), { keyword: 'pattern', instancePath: '/id' }),
  );
  it('an id must be a string', () => {
    expectOne('party', with_(party, { id: 42 }), { keyword: 'type', instancePath: '/id' });
  });

  it.each(['2026-01-01', '2024-02-29', '1999-12-31'])('date %s is valid', (start) =>
    expectValid('contract', with_(contract, { start, end: undefined })),
  );
  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-1', '26-01-01', '2026-01-01T00:00:00Z', '01/01/2026'])(
    'date %s is a format error',
    (start) =>
      expectOne('contract', with_(contract, { start }), {
        keyword: 'format',
        instancePath: '/start',
        params: { format: 'date' },
      }),
  );
  it('a date must be a string (YAML 1.2 core schema keeps 2026-01-01 a string)', () => {
    expectOne('contract', with_(contract, { start: new Date('2026-01-01') }), { keyword: 'type', instancePath: '/start' });
  });

  it('ASNs are integers in 0..4294967295', () => {
    expectValid('party', with_(party, { asns: [0, 4294967295] }));
    expectOne('party', with_(party, { asns: ['AS64500'] }), { keyword: 'type', instancePath: '/asns/0' });
    expectOne('party', with_(party, { asns: [64500, '64501'] }), { keyword: 'type', instancePath: '/asns/1' });
    expectOne('party', with_(party, { asns: [4294967296] }), { keyword: 'maximum', instancePath: '/asns/0' });
    expectOne('party', with_(party, { asns: [-1] }), { keyword: 'minimum', instancePath: '/asns/0' });
    expectOne('party', with_(party, { asns: [64500.5] }), { keyword: 'type', instancePath: '/asns/0' });
    expectOne('party', with_(party, { asns: 64500 }), { keyword: 'type', instancePath: '/asns' });
  });

  it('a prefix is only checked to be a string (the prefix-* rules parse it)', () => {
    expectValid('holding', with_(holding, { prefix: 'not a prefix' }));
    expectValid('holding', with_(holding, { prefix: '2001:db8::/32' }));
    expectOne('holding', with_(holding, { prefix: 185 }), { keyword: 'type', instancePath: '/prefix' });
  });
});

describe('party', () => {
  it('a full example is valid', () => expectValid('party', party));
  it('a minimal example is valid', () => expectValid('party', { kind: 'party', id: 'beta.net', name: 'Beta' }));

  it('an unknown field is an additionalProperties error naming the field', () => {
    expectOne('party', with_(party, { asn: [64500] }), {
      keyword: 'additionalProperties',
      instancePath: '',
      params: { additionalProperty: 'asn' },
    });
  });
  it.each(['kind', 'id', 'name'])('missing %s is a required error', (field) => {
    const errs = real('party', without(party, field));
    expect(errs).toContainEqual({ keyword: 'required', instancePath: '', params: { missingProperty: field } });
  });
  it('kind is a const', () => {
    // (record.schema.json would dispatch this to the lease schema instead.)
    expect(real('party', with_(party, { kind: 'lease' }))).toEqual([
      { keyword: 'const', instancePath: '/kind', params: { allowedValue: 'party' } },
    ]);
  });
  it('checks field types and formats', () => {
    expectOne('party', with_(party, { self: 'yes' }), { keyword: 'type', instancePath: '/self' });
    expectOne('party', with_(party, { name: '' }), { keyword: 'minLength', instancePath: '/name' });
    expectOne('party', with_(party, { abuse: 'not-an-email' }), { keyword: 'format', instancePath: '/abuse' });
    expectOne('party', with_(party, { country: 'nl' }), { keyword: 'pattern', instancePath: '/country' });
    expectOne('party', with_(party, { country: 'NLD' }), { keyword: 'pattern', instancePath: '/country' });
    expectOne('party', with_(party, { irrMaintainer: 7 }), { keyword: 'type', instancePath: '/irrMaintainer' });
  });
  it('reports every problem, not just the first', () => {
    const errs = real('party', with_(party, { id: 'Bad', country: 'x', extra: 1 }));
    expect(errs.map((e) => e.instancePath || e.keyword).sort()).toEqual(['/country', '/id', 'additionalProperties']);
  });
});

describe('holding', () => {
  it('a full example is valid', () => expectValid('holding', holding));
  it('an inbound holding with its contract is valid', () => expectValid('holding', inboundHolding));
  it('a legacy holding without rpki/irr is valid', () =>
    expectValid('holding', { kind: 'holding', id: 'h', prefix: '1.2.3.0/24', registry: 'afrinic', source: 'legacy' }));

  it.each(['kind', 'id', 'prefix', 'registry', 'source'])('missing %s is a required error', (field) => {
    expect(real('holding', without(holding, field))).toContainEqual({
      keyword: 'required',
      instancePath: '',
      params: { missingProperty: field },
    });
  });
  it('an unknown field is an error', () => {
    expectOne('holding', with_(holding, { registy: 'ripe' }), {
      keyword: 'additionalProperties',
      params: { additionalProperty: 'registy' },
    });
  });
  it('registry and source are enums', () => {
    expectOne('holding', with_(holding, { registry: 'RIPE' }), { keyword: 'enum', instancePath: '/registry' });
    expectOne('holding', with_(holding, { source: 'leased' }), { keyword: 'enum', instancePath: '/source' });
  });
  it('an inbound holding without contract is an error', () => {
    expectOne('holding', without(inboundHolding, 'contract'), {
      keyword: 'required',
      instancePath: '',
      params: { missingProperty: 'contract' },
    });
  });
  it.each(['allocation', 'legacy'])('a %s holding with a contract is an error at /contract', (source) => {
    expectOne('holding', with_(inboundHolding, { source }), { keyword: 'false schema', instancePath: '/contract' });
  });
  it('a missing or misspelt source is reported once, whatever contract says', () => {
    expectOne('holding', without(inboundHolding, 'source'), { keyword: 'required', params: { missingProperty: 'source' } });
    expectOne('holding', with_(inboundHolding, { source: 'inbund' }), { keyword: 'enum', instancePath: '/source' });
  });
  it('the contract reference is an id', () => {
    expectOne('holding', with_(inboundHolding, { contract: 'C IN' }), { keyword: 'pattern', instancePath: '/contract' });
  });
  it('rpki and irr are closed objects', () => {
    expectOne('holding', with_(holding, { rpki: { provider: 'x', as0: 'yes' } }), { keyword: 'type', instancePath: '/rpki/as0' });
    expectOne('holding', with_(holding, { rpki: { provider: 'x', AS0: true } }), {
      keyword: 'additionalProperties',
      instancePath: '/rpki',
      params: { additionalProperty: 'AS0' },
    });
    expectOne('holding', with_(holding, { irr: { mntner: 'X-MNT' } }), {
      keyword: 'additionalProperties',
      instancePath: '/irr',
      params: { additionalProperty: 'mntner' },
    });
    expectOne('holding', with_(holding, { irr: { source: 1 } }), { keyword: 'type', instancePath: '/irr/source' });
    expectValid('holding', with_(holding, { rpki: {}, irr: {} }));
  });
});

describe('contract', () => {
  it('a full example is valid', () => expectValid('contract', contract));
  it('a minimal example is valid', () =>
    expectValid('contract', { kind: 'contract', id: 'c', direction: 'internal', counterparty: 'acme', start: '2026-01-01' }));

  it.each(['kind', 'id', 'direction', 'counterparty', 'start'])('missing %s is a required error', (field) => {
    expect(real('contract', without(contract, field))).toContainEqual({
      keyword: 'required',
      instancePath: '',
      params: { missingProperty: field },
    });
  });
  it('an unknown field is an error', () => {
    expectOne('contract', with_(contract, { ends: '2027-01-01' }), {
      keyword: 'additionalProperties',
      params: { additionalProperty: 'ends' },
    });
  });
  it('checks direction, counterparty, end and rpki', () => {
    expectOne('contract', with_(contract, { direction: 'out' }), { keyword: 'enum', instancePath: '/direction' });
    expectOne('contract', with_(contract, { counterparty: 'Beta' }), { keyword: 'pattern', instancePath: '/counterparty' });
    expectOne('contract', with_(contract, { end: '2027-02-30' }), { keyword: 'format', instancePath: '/end' });
    expectOne('contract', with_(contract, { rpki: 'lessee' }), { keyword: 'enum', instancePath: '/rpki' });
    expectOne('contract', with_(contract, { sublease: 'no' }), { keyword: 'type', instancePath: '/sublease' });
    expectOne('contract', with_(contract, { liability: ['x'] }), { keyword: 'type', instancePath: '/liability' });
  });
  it('checks renewal', () => {
    expectValid('contract', with_(contract, { renewal: {} }));
    expectOne('contract', with_(contract, { renewal: { periodMonths: 0 } }), { keyword: 'minimum', instancePath: '/renewal/periodMonths' });
    expectOne('contract', with_(contract, { renewal: { periodMonths: 1.5 } }), { keyword: 'type', instancePath: '/renewal/periodMonths' });
    expectOne('contract', with_(contract, { renewal: { noticeDays: -1 } }), { keyword: 'minimum', instancePath: '/renewal/noticeDays' });
    expectOne('contract', with_(contract, { renewal: { auto: 1 } }), { keyword: 'type', instancePath: '/renewal/auto' });
    expectOne('contract', with_(contract, { renewal: { every: 12 } }), {
      keyword: 'additionalProperties',
      instancePath: '/renewal',
      params: { additionalProperty: 'every' },
    });
  });
  it('checks price', () => {
    expectValid('contract', with_(contract, { price: { amount: 0, currency: 'USD', per: 'total' } }));
    expectOne('contract', with_(contract, { price: { amount: -1, currency: 'EUR', per: 'total' } }), { keyword: 'minimum', instancePath: '/price/amount' });
    expectOne('contract', with_(contract, { price: { amount: 1, currency: 'eur', per: 'total' } }), { keyword: 'pattern', instancePath: '/price/currency' });
    expectOne('contract', with_(contract, { price: { amount: 1, currency: 'EUR', per: 'ip-year' } }), { keyword: 'enum', instancePath: '/price/per' });
    expectOne('contract', with_(contract, { price: { amount: 1, currency: 'EUR' } }), {
      keyword: 'required',
      instancePath: '/price',
      params: { missingProperty: 'per' },
    });
    expectOne('contract', with_(contract, { price: { amount: '1', currency: 'EUR', per: 'total' } }), { keyword: 'type', instancePath: '/price/amount' });
  });
  it('checks usage', () => {
    expectOne('contract', with_(contract, { usage: { acceptableUse: 'no spam' } }), { keyword: 'type', instancePath: '/usage/acceptableUse' });
    expectOne('contract', with_(contract, { usage: { acceptableUse: [1] } }), { keyword: 'type', instancePath: '/usage/acceptableUse/0' });
    expectOne('contract', with_(contract, { usage: { abuseResponseHours: -2 } }), { keyword: 'minimum', instancePath: '/usage/abuseResponseHours' });
    expectOne('contract', with_(contract, { usage: { aup: [] } }), { keyword: 'additionalProperties', instancePath: '/usage' });
  });
  it('checks documents', () => {
    const doc = { path: 'docs/a.pdf', sha256: '0'.repeat(64) };
    expectValid('contract', with_(contract, { documents: [] }));
    expectOne('contract', with_(contract, { documents: [{ ...doc, path: '' }] }), { keyword: 'minLength', instancePath: '/documents/0/path' });
    expectOne('contract', with_(contract, { documents: [doc, { ...doc, sha256: 'g'.repeat(64) }] }), { keyword: 'pattern', instancePath: '/documents/1/sha256' });
    expectOne('contract', with_(contract, { documents: [{ ...doc, sha256: '0'.repeat(63) }] }), { keyword: 'pattern', instancePath: '/documents/0/sha256' });
    expectOne('contract', with_(contract, { documents: [{ path: 'a.pdf' }] }), {
      keyword: 'required',
      instancePath: '/documents/0',
      params: { missingProperty: 'sha256' },
    });
    expectOne('contract', with_(contract, { documents: [{ ...doc, signed: true }] }), {
      keyword: 'additionalProperties',
      instancePath: '/documents/0',
      params: { additionalProperty: 'signed' },
    });
    expectOne('contract', with_(contract, { documents: doc }), { keyword: 'type', instancePath: '/documents' });
  });
});

describe('lease', () => {
  it('a full example is valid', () => expectValid('lease', lease));
  it('a minimal example is valid', () =>
    expectValid('lease', { kind: 'lease', id: 'l', contract: 'c', prefix: '185.50.1.0/24', origins: [64501] }));

  it.each(['kind', 'id', 'contract', 'prefix', 'origins'])('missing %s is a required error', (field) => {
    expect(real('lease', without(lease, field))).toContainEqual({
      keyword: 'required',
      instancePath: '',
      params: { missingProperty: field },
    });
  });
  it('an unknown field is an error', () => {
    expectOne('lease', with_(lease, { origin: 64501 }), { keyword: 'additionalProperties', params: { additionalProperty: 'origin' } });
  });
  it('origins is a non-empty array of ASNs', () => {
    expectOne('lease', with_(lease, { origins: [] }), { keyword: 'minItems', instancePath: '/origins' });
    expectOne('lease', with_(lease, { origins: ['AS64500'] }), { keyword: 'type', instancePath: '/origins/0' });
    expectOne('lease', with_(lease, { origins: [64500, 4294967296] }), { keyword: 'maximum', instancePath: '/origins/1' });
    expectOne('lease', with_(lease, { origins: 64500 }), { keyword: 'type', instancePath: '/origins' });
  });
  it('maxLength is an integer; its range is a rule', () => {
    expectValid('lease', with_(lease, { maxLength: 99 }));
    expectValid('lease', with_(lease, { maxLength: 8 }));
    expectOne('lease', with_(lease, { maxLength: '24' }), { keyword: 'type', instancePath: '/maxLength' });
    expectOne('lease', with_(lease, { maxLength: 24.5 }), { keyword: 'type', instancePath: '/maxLength' });
  });
  it('checks contract, dates, irr and note', () => {
    expectOne('lease', with_(lease, { contract: 'c/1' }), { keyword: 'pattern', instancePath: '/contract' });
    expectOne('lease', with_(lease, { start: '2026-02-30' }), { keyword: 'format', instancePath: '/start' });
    expectOne('lease', with_(lease, { end: 20260101 }), { keyword: 'type', instancePath: '/end' });
    expectOne('lease', with_(lease, { irr: 'NO' }), { keyword: 'type', instancePath: '/irr' });
    expectOne('lease', with_(lease, { note: 5 }), { keyword: 'type', instancePath: '/note' });
  });
});

describe('delegation', () => {
  it('a full rpki-ca example is valid', () => expectValid('delegation', delegationCa));
  it('a full irr-maintainer example is valid', () => expectValid('delegation', delegationMnt));

  it.each(['kind', 'id', 'lease', 'type', 'to'])('missing %s is a required error', (field) => {
    expect(real('delegation', without(delegationCa, field))).toContainEqual({
      keyword: 'required',
      instancePath: '',
      params: { missingProperty: field },
    });
  });
  it('an rpki-ca delegation without handle is an error', () => {
    expectOne('delegation', without(delegationCa, 'handle'), { keyword: 'required', instancePath: '', params: { missingProperty: 'handle' } });
  });
  it('an irr-maintainer delegation without maintainer is an error', () => {
    expectOne('delegation', without(delegationMnt, 'maintainer'), {
      keyword: 'required',
      instancePath: '',
      params: { missingProperty: 'maintainer' },
    });
  });
  it('a missing or unknown type is reported once', () => {
    expectOne('delegation', without(delegationCa, 'type'), { keyword: 'required', params: { missingProperty: 'type' } });
    expectOne('delegation', with_(delegationCa, { type: 'rpki' }), { keyword: 'enum', instancePath: '/type' });
  });
  it('checks references, strings and dates', () => {
    expectOne('delegation', with_(delegationCa, { lease: 'L1' }), { keyword: 'pattern', instancePath: '/lease' });
    expectOne('delegation', with_(delegationCa, { to: '' }), { keyword: 'pattern', instancePath: '/to' });
    expectOne('delegation', with_(delegationCa, { handle: '' }), { keyword: 'minLength', instancePath: '/handle' });
    expectOne('delegation', with_(delegationMnt, { maintainer: 1 }), { keyword: 'type', instancePath: '/maintainer' });
    expectOne('delegation', with_(delegationCa, { end: '2026-06-31' }), { keyword: 'format', instancePath: '/end' });
  });
  it('an unknown field is an error', () => {
    expectOne('delegation', with_(delegationCa, { mntner: 'X' }), { keyword: 'additionalProperties', params: { additionalProperty: 'mntner' } });
  });
});

describe('record (any kind)', () => {
  it.each([party, holding, inboundHolding, contract, lease, delegationCa, delegationMnt])('accepts a valid $kind', (record) => {
    expect(errors('record', record)).toEqual([]);
  });
  it('an unknown kind is one enum error at /kind', () => {
    expect(real('record', { kind: 'lessee', id: 'x', whatever: 1 })).toEqual([
      { keyword: 'enum', instancePath: '/kind', params: { allowedValues: ['party', 'holding', 'contract', 'lease', 'delegation'] } },
    ]);
  });
  it('a missing kind is one required error', () => {
    expect(real('record', without(lease, 'kind'))).toEqual([{ keyword: 'required', instancePath: '', params: { missingProperty: 'kind' } }]);
  });
  it('a document that is not a mapping is one type error', () => {
    for (const value of [null, 'lease', 42, [lease]]) {
      expect(real('record', value)).toEqual([{ keyword: 'type', instancePath: '', params: { type: 'object' } }]);
    }
  });
  it("dispatches to the kind's schema", () => {
    expect(real('record', with_(lease, { name: 'x' }))).toEqual([
      { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'name' } },
    ]);
    expectValid('party', { kind: 'party', id: 'x', name: 'x' });
    expect(real('record', { kind: 'party', id: 'x', contract: 'c', prefix: 'p', origins: [1] }).map((e) => e.keyword).sort()).toEqual([
      'additionalProperties',
      'additionalProperties',
      'additionalProperties',
      'required',
    ]);
  });
  it('wraps errors of the dispatched schema in an `if` error that callers should drop', () => {
    const all = errors('record', without(lease, 'origins'));
    expect(all.map((e) => e.keyword).sort()).toEqual(['if', 'required']);
    expect(all.find((e) => e.keyword === 'if')).toMatchObject({ instancePath: '', params: { failingKeyword: 'then' } });
  });
});

describe('leasekit.yaml', () => {
  it('a full example is valid', () => expectValid('leasekit', config));
  it('an empty mapping is valid (all defaults)', () => expectValid('leasekit', {}));
  it('the documented example is valid', () =>
    expectValid('leasekit', {
      policy: { quarantineDays: 0, expiryWarningDays: 30, allowDocumentationSpace: false },
      thresholds: { maxDeletePercent: 25, maxUpdatePercent: 50, minObjects: 10 },
      providers: { 'ripe-main': { type: 'ripe-rpki', apiKeyEnv: 'RIPE_API_KEY' } },
    }));

  it('documents the defaults', () => {
    const props = raw.get('leasekit')!.properties as Record<string, { properties: Record<string, { default?: unknown }> }>;
    const defaults = (section: string) =>
      Object.fromEntries(Object.entries(props[section].properties).map(([k, v]) => [k, v.default]));
    expect(defaults('policy')).toEqual({ quarantineDays: 0, expiryWarningDays: 30, allowDocumentationSpace: false });
    expect(defaults('thresholds')).toEqual({ maxDeletePercent: 25, maxUpdatePercent: 50, minObjects: 10 });
  });

  it('every section is closed', () => {
    expectOne('leasekit', with_(config, { policies: {} }), { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'policies' } });
    expectOne('leasekit', { policy: { quarantine: 1 } }, { keyword: 'additionalProperties', instancePath: '/policy', params: { additionalProperty: 'quarantine' } });
    expectOne('leasekit', { thresholds: { maxDelete: 1 } }, { keyword: 'additionalProperties', instancePath: '/thresholds', params: { additionalProperty: 'maxDelete' } });
  });
  it('checks policy', () => {
    expectOne('leasekit', { policy: { quarantineDays: -1 } }, { keyword: 'minimum', instancePath: '/policy/quarantineDays' });
    expectOne('leasekit', { policy: { expiryWarningDays: 1.5 } }, { keyword: 'type', instancePath: '/policy/expiryWarningDays' });
    expectOne('leasekit', { policy: { allowDocumentationSpace: 'NO' } }, { keyword: 'type', instancePath: '/policy/allowDocumentationSpace' });
  });
  it('checks thresholds', () => {
    expectValid('leasekit', { thresholds: { maxDeletePercent: 0, maxUpdatePercent: 100 } });
    expectOne('leasekit', { thresholds: { maxDeletePercent: 101 } }, { keyword: 'maximum', instancePath: '/thresholds/maxDeletePercent' });
    expectOne('leasekit', { thresholds: { maxUpdatePercent: -0.1 } }, { keyword: 'minimum', instancePath: '/thresholds/maxUpdatePercent' });
    expectOne('leasekit', { thresholds: { minObjects: 2.5 } }, { keyword: 'type', instancePath: '/thresholds/minObjects' });
    expectOne('leasekit', { thresholds: { minObjects: -1 } }, { keyword: 'minimum', instancePath: '/thresholds/minObjects' });
  });
  it('provider names match the id pattern', () => {
    const errs = real('leasekit', { providers: { RIPE: { type: 'local' } } });
    expect(errs).toContainEqual({ keyword: 'pattern', instancePath: '/providers', params: { pattern: '^[a-z0-9][a-z0-9._-]{0,62}$' } });
    expect(errs).toContainEqual({ keyword: 'propertyNames', instancePath: '/providers', params: { propertyName: 'RIPE' } });
  });
  it('an unknown provider type is one enum error', () => {
    expectOne('leasekit', { providers: { x: { type: 'rpki-client', baseUrl: 'https://x' } } }, { keyword: 'enum', instancePath: '/providers/x/type' });
  });
  it('a provider without type is one required error', () => {
    expectOne('leasekit', { providers: { x: { baseUrl: 'https://x' } } }, {
      keyword: 'required',
      instancePath: '/providers/x',
      params: { missingProperty: 'type' },
    });
  });
  it('a provider that is not a mapping is one type error', () => {
    expectOne('leasekit', { providers: { x: 'ripe-rpki' } }, { keyword: 'type', instancePath: '/providers/x' });
    expectOne('leasekit', { providers: { x: null } }, { keyword: 'type', instancePath: '/providers/x' });
  });
  it('fields of one provider type are unknown on another', () => {
    expectOne('leasekit', { providers: { x: { type: 'ripe-rpki', org: 'ACME-1' } } }, {
      keyword: 'additionalProperties',
      instancePath: '/providers/x',
      params: { additionalProperty: 'org' },
    });
    expectOne('leasekit', { providers: { x: { type: 'krill', apiKeyEnv: 'K' } } }, {
      keyword: 'additionalProperties',
      params: { additionalProperty: 'apiKeyEnv' },
    });
    expectOne('leasekit', { providers: { x: { type: 'local', baseUrl: 'https://x' } } }, {
      keyword: 'additionalProperties',
      params: { additionalProperty: 'baseUrl' },
    });
  });
  it('irrd requires baseUrl', () => {
    expectOne('leasekit', { providers: { x: { type: 'irrd', source: 'ALTDB' } } }, {
      keyword: 'required',
      instancePath: '/providers/x',
      params: { missingProperty: 'baseUrl' },
    });
  });
  it.each(['ripe_api_key', 'Ripe', '1KEY', 'RIPE-KEY', 'RIPE KEY', ''])('env name %j is a pattern error', (name) => {
    expectOne('leasekit', { providers: { x: { type: 'ripe-rpki', apiKeyEnv: name } } }, {
      keyword: 'pattern',
      instancePath: '/providers/x/apiKeyEnv',
    });
  });
  it('every *Env field is checked', () => {
    const errs = real('leasekit', {
      providers: { x: { type: 'irrd', baseUrl: 'https://irrd.example', apiKeyEnv: 'a', passwordEnv: 'b', overrideEnv: 'c' } },
    });
    expect(errs.map((e) => e.instancePath).sort()).toEqual(['/providers/x/apiKeyEnv', '/providers/x/overrideEnv', '/providers/x/passwordEnv']);
    expectOne('leasekit', { providers: { k: { type: 'krill', tokenEnv: 'krill_token' } } }, { keyword: 'pattern', instancePath: '/providers/k/tokenEnv' });
  });
  it('baseUrl is a URI', () => {
    expectOne('leasekit', { providers: { x: { type: 'ripe-db', baseUrl: 'rest.db.ripe.net' } } }, {
      keyword: 'format',
      instancePath: '/providers/x/baseUrl',
      params: { format: 'uri' },
    });
  });
  it('per-provider thresholds have the same fields and limits', () => {
    expectValid('leasekit', { providers: { x: { type: 'local', thresholds: {} } } });
    expectOne('leasekit', { providers: { x: { type: 'local', thresholds: { maxDeletePercent: 200 } } } }, {
      keyword: 'maximum',
      instancePath: '/providers/x/thresholds/maxDeletePercent',
    });
    expectOne('leasekit', { providers: { x: { type: 'arin-irr', thresholds: { min: 1 } } } }, {
      keyword: 'additionalProperties',
      instancePath: '/providers/x/thresholds',
      params: { additionalProperty: 'min' },
    });
  });
  it('per-provider thresholds carry no defaults (absent fields fall back to the global ones)', () => {
    const defs = raw.get('leasekit')!.$defs as Record<string, { properties: Record<string, Json> }>;
    for (const field of Object.values(defs.providerThresholds.properties)) expect(field).not.toHaveProperty('default');
  });
});
