import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SafetyViolation } from '../plan/safety.js';
import { checkPlanFile, PlanFileError, type PlanFile } from '../plan/plan-file.js';
import type { ConflictRow } from '../render/conflicts-markdown.js';
import type { Github } from './client.js';
import type { GithubContext } from './context.js';
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
  /** The plan as `plan --out` writes it (schema/plan.schema.json). */
  plan?: PlanFile;
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
const SCHEMA = {
  type: 'object',
  required: ['version', 'pullRequest', 'headSha', 'at', 'records', 'diagnostics', 'violations', 'conflicts'],
  properties: {
    version: { const: 1 },
    pullRequest: { type: 'integer', minimum: 1 },
    headSha: { type: 'string', pattern: '^[0-9a-f]{40}$' },
    at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    records: count,
    plan: { type: 'object' }, // checked against schema/plan.schema.json by the plan-file reader
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
    const bytes = fs.statSync(file).size;
    if (bytes > ARTIFACT_BOUNDS.fileBytes) throw new Error(`${bytes} bytes, more than the ${ARTIFACT_BOUNDS.fileBytes} a plan artifact may have`);
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ArtifactError(`cannot read the plan artifact ${path.basename(file)}: ${(err as Error).message}`);
  }
  validator ??= new Ajv({ strict: false, allErrors: false }).compile(SCHEMA);
  if (!validator(value)) {
    const first = validator.errors?.[0];
    throw new ArtifactError(`the plan artifact is not a leasekit plan artifact (${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}); refusing it`);
  }
  const artifact = value as PlanArtifact;
  if (artifact.plan !== undefined) {
    try {
      checkPlanFile(artifact.plan, 'the plan in the artifact');
    } catch (err) {
      if (err instanceof PlanFileError) throw new ArtifactError(`${err.message}; refusing it`);
      throw err;
    }
  }
  return artifact;
}

/**
 * What one artifact can make the workflow_run job do, whatever it holds: the file's size, the
 * check-run annotations (50 per request) and the parts of the comment.
 */
export const ARTIFACT_BOUNDS = { fileBytes: 16 * 1024 * 1024, annotations: 250, commentParts: 3 } as const;

/**
 * The pull request the triggering workflow_run belongs to, from the event and GitHub, never from
 * the artifact: the event's `pull_requests` (same-repository heads), or else (GitHub leaves it
 * empty for forks) the one open pull request whose head is the run's repository, branch and commit.
 */
export async function pullRequestOfRun(github: Github, ctx: GithubContext): Promise<{ number: number; headSha: string }> {
  const run: unknown = ctx.event.workflow_run;
  if (ctx.eventName !== 'workflow_run' || !isRecord(run)) throw new ArtifactError(`a plan artifact is posted only from a workflow_run event, not '${ctx.eventName || 'unknown'}'`);
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const headSha = text(run.head_sha);
  const headRepo = isRecord(run.head_repository) ? text(run.head_repository.full_name) : '';
  const headBranch = text(run.head_branch);
  if (run.event !== 'pull_request' || !/^[0-9a-f]{40}$/.test(headSha)) throw new ArtifactError('the workflow_run is not a pull_request run with a head commit; refusing the artifact');
  const listed = Array.isArray(run.pull_requests) ? (run.pull_requests as unknown[]).map((p) => (isRecord(p) ? Number(p.number) : NaN)).filter(Number.isSafeInteger) : [];
  let numbers = listed;
  if (!numbers.length && headRepo.includes('/') && headBranch) {
    const { data } = await github.rest.pulls.list({ ...ctx.repo, state: 'open', head: `${headRepo.split('/')[0]}:${headBranch}`, per_page: 100 });
    numbers = data.filter((p) => p.head.sha === headSha && p.head.repo?.full_name === headRepo).map((p) => p.number);
  }
  const unique = [...new Set(numbers)];
  if (unique.length !== 1) throw new ArtifactError(`the workflow_run for ${headSha.slice(0, 12)} belongs to ${unique.length} open pull requests, not one; refusing the artifact`);
  const { data } = await github.rest.pulls.get({ ...ctx.repo, pull_number: unique[0] });
  if (data.head.sha !== headSha) throw new ArtifactError(`pull request #${unique[0]} is at ${data.head.sha.slice(0, 12)}, the run was for ${headSha.slice(0, 12)}; refusing the artifact`);
  return { number: unique[0], headSha };
}

/**
 * An artifact from a fork's run is believed only as far as the event and GitHub confirm it: it
 * must name the pull request and head commit the triggering run belongs to.
 */
export async function verifiedArtifact(github: Github, ctx: GithubContext, file: string): Promise<PlanArtifact> {
  const artifact = readArtifact(file);
  const pull = await pullRequestOfRun(github, ctx);
  if (artifact.headSha !== pull.headSha) throw new ArtifactError(`the artifact is for ${artifact.headSha.slice(0, 12)}, the run was for ${pull.headSha.slice(0, 12)}; refusing it`);
  if (artifact.pullRequest !== pull.number) throw new ArtifactError(`the artifact names pull request #${artifact.pullRequest}, the run belongs to #${pull.number}; refusing it`);
  return artifact;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
