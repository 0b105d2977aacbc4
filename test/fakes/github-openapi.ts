import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';

// GitHub's own description of the operations we use (scripts/extract-github-openapi.mjs made
// the extract): it routes requests and validates their path, query and body.
const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Record<string, unknown>;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; schema: Record<string, unknown> };
}

export interface RoutedRequest {
  operationId: string;
  params: Record<string, string>;
}

/** The request's JSON body and its query with types coerced and defaults filled in (per_page 30, …). */
export interface Validated {
  body: unknown;
  query: Record<string, unknown>;
}

export type Problem = { status: number; message: string; errors?: unknown[] };

interface Route {
  operationId: string;
  method: string;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
  validateBody?: ValidateFunction;
  validateQuery: ValidateFunction;
  bodyRequired: boolean;
}

const EXTRACT = new URL('./github-openapi-extract.json', import.meta.url);

/** Routes and validates requests against the vendored extract of GitHub's OpenAPI description. */
export class GithubOpenApi {
  private readonly routes: Route[];

  constructor(extract: { operations: Record<string, Operation> } = JSON.parse(fs.readFileSync(EXTRACT, 'utf8'))) {
    // strict:false for the OpenAPI keywords (nullable, …); formats are GitHub's business, not ours
    const bodies = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    const queries = new Ajv({ strict: false, validateFormats: false, allErrors: true, coerceTypes: true, useDefaults: true });
    this.routes = Object.entries(extract.operations)
      .map(([operationId, op]) => routeOf(operationId, op, bodies, queries))
      // the most literal route wins: /issues/comments/{id} before /issues/{issue_number}
      .sort((a, b) => b.literalSegments - a.literalSegments);
  }

  get operationIds(): string[] {
    return this.routes.map((r) => r.operationId);
  }

  /** The operation a request names, or undefined (GitHub answers 404). */
  route(method: string, path: string): RoutedRequest | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (m) return { operationId: route.operationId, params: Object.fromEntries(route.names.map((n, i) => [n, m[i + 1]])) };
    }
    return undefined;
  }

  /** Checks the query and the JSON body; answers with GitHub's 400/422 shapes. */
  validate(operationId: string, query: URLSearchParams, rawBody: string): Validated | Problem {
    const route = this.routes.find((r) => r.operationId === operationId)!;
    const queryValues: Record<string, unknown> = Object.fromEntries(query.entries());
    if (!route.validateQuery(queryValues)) return invalid(route.validateQuery.errors, 'query');
    if (!route.validateBody) return { body: undefined, query: queryValues };
    if (rawBody.trim() === '') {
      return route.bodyRequired ? { status: 400, message: 'Problems parsing JSON' } : { body: {}, query: queryValues };
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return { status: 400, message: 'Problems parsing JSON' };
    }
    if (!route.validateBody(body)) return invalid(route.validateBody.errors, 'body');
    return { body, query: queryValues };
  }
}

function routeOf(operationId: string, op: Operation, bodies: InstanceType<typeof Ajv>, queries: InstanceType<typeof Ajv>): Route {
  const names: string[] = [];
  const segments = op.path.split('/').filter(Boolean);
  const source = segments
    .map((segment, i) => {
      const name = /^\{(.+)\}$/.exec(segment)?.[1];
      if (!name) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      const integer = op.parameters.find((p) => p.name === name)?.schema.type === 'integer';
      // a trailing parameter such as {path} or {ref} may hold slashes
      return integer ? '(\\d+)' : i === segments.length - 1 ? '(.+)' : '([^/]+)';
    })
    .join('/');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const querySchema = {
    type: 'object',
    properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])),
    required: queryParams.filter((p) => p.required).map((p) => p.name),
  };
  return {
    operationId,
    method: op.method,
    pattern: new RegExp(`^/${source}$`),
    names,
    literalSegments: segments.filter((s) => !s.startsWith('{')).length,
    validateBody: op.requestBody ? bodies.compile(op.requestBody.schema) : undefined,
    validateQuery: queries.compile(querySchema),
    bodyRequired: Boolean(op.requestBody?.required),
  };
}

/** GitHub's wording: `Invalid request.\n\nFor 'properties/x', … .` with status 422. */
function invalid(errors: ErrorObject[] | null | undefined, where: string): Problem {
  const lines = (errors ?? []).map((e) => `For '${where}${e.instancePath || ''}', ${e.message ?? 'is invalid'}.`);
  return { status: 422, message: `Invalid request.\n\n${lines.join('\n')}`, errors: errors ?? [] };
}
