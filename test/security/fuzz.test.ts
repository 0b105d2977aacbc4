import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as yamlStringify } from 'yaml';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { RegistryObject } from '../../src/model/objects.js';
import { diagnosticsGithub, diagnosticsText, validationReport } from '../../src/render/diagnostics.js';
import { escapeMarkdown } from '../../src/render/markdown-escape.js';
import { changeText, objectText } from '../../src/render/objects.js';
import { GATE_REPO } from '../helpers/github.js';
import { cli, tempRepo, type CliResult } from '../helpers/repo.js';

/**
 * Property-based fuzzing, bounded in time (each property stops after its budget) and memory
 * (every generated text is small): random and hostile YAML through the loader, the rules and
 * the renderers; random strings through the text renderers; random registry answers through
 * the RPKI adapters. Whatever comes in: no crash, no "internal error", no raw control
 * character in a text output, no line a runner would take for a workflow command, no secret.
 */
const BUDGET_MS = 3000;
const RUNS = { numRuns: 400, interruptAfterTimeLimit: BUDGET_MS, seed: Number(process.env.LEASEKIT_FUZZ_SEED ?? Date.now() % 2 ** 31) };
const SECRET = 'sk-fuzz-5ecr3t-never-print';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/;
const AT = '2026-06-01';

/** Hostile pieces: workflow commands, escapes, separators, YAML syntax, bidi overrides. */
const HOSTILE = ['\n::error::x', '::add-mask::', '::stop-commands::t', '\u001b[31m', '\u001b]8;;http://e/\u0007', '\u0007', '\u2028', '\u2029', '\u202e', '\r', '\u0000', '<!-- leasekit:plan -->', '`', '@org/team', '%0A'];
const hostileText = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 6 }).map((parts) => parts.join(''));
const YAML_UNITS = ['a', 'Z', '0', '7', ' ', '\n', ':', '-', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', "'", '"', '#', '?', '%', '@', '\t', '\\', '\u2028', '\u001b', 'kind', 'id', 'lease', 'party', '0x1F', '.', 'e5'];
const yamlNoise = fc.string({ unit: fc.constantFrom(...YAML_UNITS), maxLength: 200 });
const KINDS = ['party', 'holding', 'contract', 'lease', 'delegation', 'other'];
const scalar = fc.oneof(hostileText, fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constantFrom('185.50.1.0/24', '2026-01-01', 'c-globex', 'globex', 'acme-1', 'US-MNT', '0777'));
const record = fc.record(
  {
    kind: fc.constantFrom(...KINDS),
    id: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/), hostileText),
    name: hostileText,
    contract: scalar,
    prefix: scalar,
    origins: fc.array(scalar, { maxLength: 3 }),
    asns: fc.array(scalar, { maxLength: 3 }),
    handle: hostileText,
    maintainer: hostileText,
    irrMaintainer: hostileText,
    lease: scalar,
    type: fc.constantFrom('rpki-ca', 'irr-maintainer', 'x'),
    to: scalar,
    counterparty: scalar,
    direction: fc.constantFrom('outbound', 'inbound', 'internal', 'sideways'),
    start: scalar,
    end: scalar,
    note: hostileText,
  },
  { requiredKeys: ['kind', 'id'] },
);
const recordsYaml = fc.array(record, { minLength: 1, maxLength: 4 }).map((docs) => docs.map((d) => yamlStringify(d)).join('---\n'));
/** Valid records whose free text is hostile: the text reaches plan reasons and every renderer. */
const validWithHostileText = fc.tuple(hostileText, hostileText).map(([name, note]) =>
  [
    `kind: party\nid: fz\nname: ${JSON.stringify(name || 'x')}\nasns: [64509]`,
    'kind: contract\nid: c-fz\ndirection: outbound\ncounterparty: fz\nstart: 2026-01-01',
    `kind: lease\nid: l-fz\ncontract: c-fz\nprefix: 185.51.0.0/24\norigins: [64509]\nnote: ${JSON.stringify(note)}`,
  ].join('\n---\n') + '\n',
);

function expectSafe(result: CliResult, annotations = false): void {
  const all = result.stdout + result.stderr;
  if (!annotations) expect(all.split('\n').filter((l) => /^\s*::/.test(l))).toEqual([]);
  expect(all).not.toContain('internal error');
  expect(all).not.toContain(SECRET);
  expect(all).not.toMatch(RAW);
}

/** Lines of a --format github output: annotations (one per finding) and the summary line only. */
function expectOneLinePerFinding(out: string): void {
  for (const line of out.split('\n').filter(Boolean)) expect(line).toMatch(/^(::(error|warning) file=[^\n]*::[^\n]*|leasekit: \d+ records, \d+ errors, \d+ warnings)$/);
}

describe('fuzz: text renderers', () => {
  it('neutralise any string in every text renderer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), hostileText, (any, hostile) => {
        for (const text of [any, hostile]) {
          const d: Diagnostic = { severity: 'error', code: 'schema', message: text, file: `leases/${text}.yaml`, line: 1, column: 1, related: [{ file: text, line: 2, column: 1, id: text }] };
          const report = validationReport({ diagnostics: [d, { ...d, severity: 'warning' }], errors: 1, warnings: 1 }, 2);
          const roa: RegistryObject = { type: 'route', provider: text, source: text, prefix: text, origin: 1, mntBy: [text] };
          const outputs = [diagnosticsText(report), escapeMarkdown(text), objectText(roa), changeText({ op: 'create', object: roa, reason: { lease: text, event: 'starts' } }, { [text]: text })];
          for (const out of outputs) expect(out).not.toMatch(RAW);
          expect(diagnosticsText(report).split('\n')).toHaveLength(6); // two findings, a related line each, the total, the end
          const github = diagnosticsGithub(report);
          expect(github.split('\n')).toHaveLength(4);
          expectOneLinePerFinding(github);
        }
      }),
      RUNS,
    );
  });
});

describe('fuzz: hostile YAML through loader, rules, plan and renderers', () => {
  let root: string;
  beforeAll(async () => {
    root = tempRepo(GATE_REPO);
    // warm up (lazy imports, schema compilation) outside the time budget of the property
    for (const argv of [['validate'], ['plan', '--format', 'markdown']]) await cli([...argv, '--repo', root, '--at', AT], { env: {} });
  }, 30_000);

  it('never crashes, never says "internal error", never lets text through raw', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: yamlNoise, weight: 1 }, { arbitrary: recordsYaml, weight: 1 }, { arbitrary: validWithHostileText, weight: 3 }), async (text) => {
        runs++;
        fs.writeFileSync(path.join(root, 'leases/fuzz.yaml'), text);
        for (const argv of [['validate', '--format', 'github'], ['plan'], ['plan', '--format', 'markdown']]) {
          const result = await cli([...argv, '--repo', root, '--at', AT], { env: {} });
          expect([0, 1]).toContain(result.code);
          expectSafe(result, argv.includes('github'));
          if (argv.includes('github')) expectOneLinePerFinding(result.stdout);
        }
      }),
      { ...RUNS, numRuns: 200 },
    );
    expect(runs).toBeGreaterThan(0);
  }, 30_000);
});

describe('fuzz: random registry answers through the RPKI adapters', () => {
  let server: http.Server;
  let answer: { status: number; type: string; body: string } = { status: 200, type: 'application/json', body: '[]' };
  let base = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { 'content-type': answer.type, 'retry-after': '0' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const CONFIGS = {
    'ripe-rpki': () => `{ type: ripe-rpki, baseUrl: '${base}', apiKeyEnv: RPKI_KEY }`,
    'arin-rpki': () => `{ type: arin-rpki, baseUrl: '${base}', org: EXAMPLE-1, apiKeyEnv: RPKI_KEY }`,
    krill: () => `{ type: krill, baseUrl: '${base}', ca: lessor, tokenEnv: RPKI_KEY }`,
  };
  const body = fc.oneof(
    fc.json({ maxDepth: 3 }),
    hostileText,
    fc.constantFrom('', '{', '[{"prefix": 1}]', '{"roas": null}', '<xml/>', '[{"asn": "x", "prefix": "192.0.2.0/24", "max_length": -1}]', '{"error": "\\u001b[2J\\n::error::x"}'),
    fc.array(fc.record({ asn: scalar, prefix: scalar, maxLength: scalar, max_length: scalar }, { requiredKeys: [] }), { maxLength: 3 }).map((x) => JSON.stringify(x)),
  );

  it('plan and apply end in a clear answer, with no secret and no raw control character', async () => {
    const roots = Object.fromEntries(
      Object.entries(CONFIGS).map(([type, config]) => [
        type,
        tempRepo({
          ...GATE_REPO,
          'leasekit.yaml': `policy:\n  allowDocumentationSpace: true\nproviders:\n  rpki: ${config()}\n`,
          'leases/holdings.yaml': 'kind: holding\nid: h1\nprefix: 185.48.0.0/12\nregistry: ripe\nsource: allocation\nrpki: { provider: rpki, as0: true }\n',
        }),
      ]),
    );
    let registryRuns = 0;
    const env = { RPKI_KEY: SECRET, LEASEKIT_RETRY_BASE_MS: '0', LEASEKIT_HTTP_TIMEOUT_MS: '1000' };
    await cli(['plan', '--repo', roots.krill, '--at', AT], { env }); // warm-up, outside the budget
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(CONFIGS)), fc.constantFrom(200, 200, 201, 204, 400, 401, 403, 404, 409, 422, 500, 503), fc.constantFrom('application/json', 'text/plain', 'application/xml'), body, async (type, status, contentType, text) => {
        answer = { status, type: contentType, body: text };
        registryRuns++;
        for (const argv of [['plan'], ['apply', '--yes']]) {
          const result = await cli([...argv, '--repo', roots[type], '--at', AT], { env });
          expect([0, 1, 2]).toContain(result.code);
          expectSafe(result);
        }
      }),
      { ...RUNS, numRuns: 100 },
    );
    expect(registryRuns).toBeGreaterThan(0);
  }, 30_000);
});
