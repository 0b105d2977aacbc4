import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SafetyViolation } from '../plan/safety.js';
import type { Plan } from '../plan/types.js';
import type { ConflictRow } from '../render/conflicts-markdown.js';
import type { Github } from './client.js';
import { optionalText, type GithubContext } from './context.js';
import { RefusalError } from '../errors.js';

/**
 * The plan a fork's pull_request run uploads for the workflow_run job to post. That job has a
 * write token, so the file is data from an untrusted run: it is checked against a strict
 * schema, re-rendered through the escaping template, and never executed or pasted as Markdown.
 */
export const ARTIFACT_FILE = 'leasekit-plan.json';

export interface PlanArtifact {
  version: 1;
  pullRequest: number;
  headSha: string;
  at: string;
  records: number;
  plan?: Plan;
  diagnostics: Diagnostic[];
  violations: SafetyViolation[];
  conflicts: ConflictRow[];
}

/** An artifact that cannot be trusted or read: the job refuses it (exit 1). */
export class ArtifactError extends RefusalError {}

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;

const text = (max = 2000) => ({ type: 'string', maxLength: max });
const count = { type: 'integer', minimum: 0, maximum: 10_000_000 };
const location = { file: text(500), line: count, column: count };
const diagnostic = {
  type: 'object',
  required: ['severity', 'code', 'message', 'file', 'line', 'column'],
  properties: {
    severity: { enum: ['error', 'warning'] },
    code: text(100),
    message: text(),
    ...location,
    kind: text(50),
    id: text(200),
    related: { type: 'array', maxItems: 50, items: { type: 'object', required: ['file', 'line', 'column'], properties: { ...location, id: text(200) }, additionalProperties: false } },
  },
  additionalProperties: false,
};
const registryObject = {
  type: 'object',
  required: ['type', 'provider', 'prefix'],
  properties: {
    type: { enum: ['roa', 'route', 'child-resources'] },
    provider: text(100),
    prefix: text(50),
    maxLength: count,
    asn: count,
    source: text(50),
    origin: count,
    mntBy: { type: 'array', maxItems: 50, items: text(100) },
    remarks: { type: 'array', maxItems: 50, items: text(500) },
    descr: { type: 'array', maxItems: 50, items: text(500) },
    child: text(200),
  },
  additionalProperties: false,
};
const reason = { type: 'object', maxProperties: 1, properties: { lease: text(200), holding: text(200), delegation: text(200) }, additionalProperties: false };
const SCHEMA = {
  type: 'object',
  required: ['version', 'pullRequest', 'headSha', 'at', 'records', 'diagnostics', 'violations', 'conflicts'],
  properties: {
    version: { const: 1 },
    pullRequest: { type: 'integer', minimum: 1 },
    headSha: { type: 'string', pattern: '^[0-9a-f]{40}$' },
    at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    records: count,
    plan: {
      type: 'object',
      required: ['at', 'fingerprint', 'changes', 'unmanaged', 'summary', 'managedCounts'],
      properties: {
        at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        fingerprint: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
        changes: {
          type: 'array',
          maxItems: 1_000_000,
          items: {
            type: 'object',
            required: ['op', 'object'],
            properties: { op: { enum: ['create', 'update', 'delete'] }, object: registryObject, before: registryObject, reason, because: text(500) },
            additionalProperties: false,
          },
        },
        unmanaged: { type: 'array', items: registryObject },
        summary: { type: 'object', required: ['create', 'update', 'delete', 'unchanged'], properties: { create: count, update: count, delete: count, unchanged: count }, additionalProperties: false },
        managedCounts: { type: 'object', additionalProperties: count },
      },
      additionalProperties: false,
    },
    diagnostics: { type: 'array', maxItems: 100_000, items: diagnostic },
    violations: { type: 'array', maxItems: 1000, items: { type: 'object', required: ['provider', 'message'], properties: { provider: text(100), message: text() }, additionalProperties: false } },
    conflicts: {
      type: 'array',
      maxItems: 10_000,
      items: {
        type: 'object',
        required: ['diagnostic', 'pull'],
        properties: { diagnostic, pull: { type: 'object', required: ['number', 'title'], properties: { number: { type: 'integer', minimum: 1 }, title: text(1000), url: text(500) }, additionalProperties: false } },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

let validator: ReturnType<InstanceType<typeof Ajv>['compile']> | undefined;

export function writeArtifact(dir: string, artifact: PlanArtifact): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ARTIFACT_FILE);
  fs.writeFileSync(file, JSON.stringify(artifact) + '\n');
  return file;
}

/** Reads and checks an artifact; anything off the schema is refused, not repaired. */
export function readArtifact(file: string): PlanArtifact {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ArtifactError(`cannot read the plan artifact ${path.basename(file)}: ${(err as Error).message}`);
  }
  validator ??= new Ajv({ strict: false, allErrors: false }).compile(SCHEMA);
  if (!validator(value)) {
    const first = validator.errors?.[0];
    throw new ArtifactError(`the plan artifact is not a leasekit plan artifact (${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}); refusing it`);
  }
  return value as PlanArtifact;
}

/**
 * An artifact from a fork's run is believed only as far as GitHub confirms it: the pull
 * request must exist and its head must be the commit the artifact and the triggering run name.
 */
export async function verifiedArtifact(github: Github, ctx: GithubContext, file: string): Promise<PlanArtifact> {
  const artifact = readArtifact(file);
  const runHead = ctx.event.workflow_run?.head_sha;
  if (runHead !== undefined && runHead !== artifact.headSha) throw new ArtifactError(`the artifact is for ${artifact.headSha.slice(0, 12)}, the run was for ${(optionalText(runHead) ?? JSON.stringify(runHead)).slice(0, 12)}; refusing it`);
  const { data } = await github.rest.pulls.get({ ...ctx.repo, pull_number: artifact.pullRequest });
  if (data.head.sha !== artifact.headSha) throw new ArtifactError(`pull request #${artifact.pullRequest} is at ${data.head.sha.slice(0, 12)}, not ${artifact.headSha.slice(0, 12)} as the artifact says; refusing it`);
  return artifact;
}
