#!/usr/bin/env node
// Extracts the few GitHub REST operations leasekit (and its fake GitHub server) uses from
// GitHub's OpenAPI description, so the tests validate request bodies against the real schemas
// without a 385 MB dev dependency. The output is vendored as test/fakes/github-openapi-extract.json.
//
// Run it once when the operation list changes or to refresh the schemas:
//   npm install --prefix /tmp/github-openapi @octokit/openapi@23
//   node scripts/extract-github-openapi.mjs \
//     --spec /tmp/github-openapi/node_modules/@octokit/openapi/generated/api.github.com.deref.json
// (@octokit/openapi is MIT-licensed; it carries github/rest-api-description.)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** operationId -> why we need it. Keep sorted by area. */
const OPERATIONS = {
  'checks/create': 'github check',
  'checks/get': 'fake inspection',
  'checks/update': 'github check: further annotation batches',
  'checks/list-for-ref': 'finding an earlier check run',
  'git/create-ref': 'propose/reconcile branches (issue 7)',
  'git/get-ref': 'propose/reconcile branches (issue 7)',
  'git/update-ref': 'propose/reconcile branches (issue 7)',
  'git/delete-ref': 'propose/reconcile branches (issue 7)',
  'issues/add-labels': 'labelling pull requests (issue 7)',
  'issues/create': 'drift issues (issue 7)',
  'issues/create-comment': 'sticky plan comment',
  'issues/create-label': 'labelling pull requests (issue 7)',
  'issues/delete-comment': 'sticky comment: leftover parts',
  'issues/get': 'issues (issue 7)',
  'issues/get-comment': 'fake inspection',
  'issues/list-comments': 'sticky plan comment',
  'issues/list-for-repo': 'drift issues (issue 7)',
  'issues/list-labels-on-issue': 'labels (issue 7)',
  'issues/update': 'drift issues (issue 7)',
  'issues/update-comment': 'sticky plan comment',
  'pulls/create': 'propose/reconcile (issue 7)',
  'pulls/get': 'conflicts, fork artifact check',
  'pulls/list': 'conflicts',
  'pulls/list-files': 'conflicts',
  'pulls/request-reviewers': 'propose (issue 7)',
  'pulls/update': 'reconcile (issue 7)',
  'repos/create-commit-status': 'commit statuses',
  'repos/get': 'default branch',
  'repos/get-content': 'conflicts: files of other pull requests',
  'repos/list-commit-statuses-for-ref': 'fake inspection',
  'repos/list-pull-requests-associated-with-commit': 'apply gate: the merged pull request',
};

const DROPPED_KEYWORDS = new Set(['nullable', 'description', 'example', 'examples', 'externalDocs', 'title', 'deprecated', 'readOnly', 'writeOnly']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
const SCHEMA_LISTS = new Set(['oneOf', 'anyOf', 'allOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains']);

function main(argv) {
  const specFile = argValue(argv, '--spec') ?? findInstalledSpec();
  const outFile = argValue(argv, '--out') ?? fileURLToPath(new URL('../test/fakes/github-openapi-extract.json', import.meta.url));
  if (!specFile || !fs.existsSync(specFile)) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
  const extract = extractOperations(spec, Object.keys(OPERATIONS).sort());
  fs.writeFileSync(outFile, JSON.stringify(extract, null, 1) + '\n');
  process.stdout.write(`wrote ${Object.keys(extract.operations).length} operations to ${path.relative(process.cwd(), outFile)} (${fs.statSync(outFile).size} bytes)\n`);
  return 0;
}

function usage() {
  return [
    'usage: node scripts/extract-github-openapi.mjs --spec FILE [--out FILE]',
    '',
    'FILE is api.github.com.deref.json from @octokit/openapi. Install it outside the project, e.g.:',
    '  npm install --prefix /tmp/github-openapi @octokit/openapi@23',
    '  node scripts/extract-github-openapi.mjs --spec /tmp/github-openapi/node_modules/@octokit/openapi/generated/api.github.com.deref.json',
  ].join('\n');
}

function argValue(argv, name) {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
}

function findInstalledSpec() {
  const candidate = path.resolve('node_modules/@octokit/openapi/generated/api.github.com.deref.json');
  return fs.existsSync(candidate) ? candidate : undefined;
}

export function extractOperations(spec, wanted) {
  const operations = {};
  for (const [route, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || !wanted.includes(op.operationId)) continue;
      operations[op.operationId] = operationOf(method, route, op);
    }
  }
  const missing = wanted.filter((id) => !operations[id]);
  if (missing.length) throw new Error(`not in the description: ${missing.join(', ')}`);
  const sorted = Object.fromEntries(Object.keys(operations).sort().map((id) => [id, operations[id]]));
  return {
    source: { package: '@octokit/openapi', description: spec.info?.title, version: spec.info?.version, licence: 'MIT' },
    operations: sorted,
  };
}

function operationOf(method, route, op) {
  const parameters = (op.parameters ?? [])
    .filter((p) => p.in === 'path' || p.in === 'query')
    .map((p) => ({ name: p.name, in: p.in, required: Boolean(p.required), schema: clean(p.schema ?? {}) }));
  const body = op.requestBody?.content?.['application/json'];
  const result = { method: method.toUpperCase(), path: route, parameters };
  if (body) result.requestBody = { required: Boolean(op.requestBody.required), schema: clean(body.schema ?? {}) };
  return result;
}

/**
 * A plain JSON Schema: documentation keywords dropped (property names are kept whatever they
 * are called) and OpenAPI 3.0's `nullable` turned into a null type.
 */
function clean(schema) {
  if (typeof schema !== 'object' || schema === null) return schema;
  const out = {};
  if (schema.nullable === true) {
    const { nullable, ...rest } = schema;
    const inner = clean(rest);
    if (typeof inner.type === 'string') return { ...inner, type: [inner.type, 'null'], ...(inner.enum ? { enum: [...inner.enum, null] } : {}) };
    return { anyOf: [inner, { type: 'null' }] };
  }
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (SCHEMA_MAPS.has(key)) out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, clean(s)]));
    else if (SCHEMA_LISTS.has(key)) out[key] = value.map(clean);
    else if (SCHEMA_VALUES.has(key)) out[key] = clean(value);
    else out[key] = value;
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) process.exitCode = main(process.argv.slice(2));
