// The JSON that `leasekit audit --format json` writes, read back for the site.
import fs from 'node:fs';
import { UsageError } from '../errors.js';

export interface AuditFinding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  prefix?: string;
  origin?: number;
  lease?: string;
  holding?: string;
  rpki?: string;
}

export interface AuditReport {
  at: string;
  routes?: number;
  vrps?: number;
  findings: AuditFinding[];
  summary: { errors: number; warnings: number };
}

/** Reads an audit report; anything that is not that shape is a usage error naming the file and the field. */
export function readAuditReport(file: string): AuditReport {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--audit ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(err as Error).message})`}`);
  }
  const fail = (field: string, expected: string): never => {
    throw new UsageError(`--audit ${file}: ${field} must be ${expected} (the JSON that leasekit audit --format json writes)`);
  };
  if (!isObject(value)) return fail('the top level', 'an object');
  if (typeof value.at !== 'string') fail('at', 'a date string');
  if (!Array.isArray(value.findings)) fail('findings', 'a list');
  const findings = (value.findings as unknown[]).map((f, i) => {
    if (!isObject(f) || typeof f.code !== 'string' || typeof f.message !== 'string') return fail(`findings[${i}]`, 'an object with code and message strings');
    if (f.severity !== 'error' && f.severity !== 'warning') return fail(`findings[${i}].severity`, '"error" or "warning"');
    const text = (k: string) => (typeof f[k] === 'string' ? { [k]: f[k] } : {});
    return { code: f.code, severity: f.severity === 'error' ? ('error' as const) : ('warning' as const), message: f.message, ...text('prefix'), ...text('lease'), ...text('holding'), ...text('rpki'), ...(typeof f.origin === 'number' ? { origin: f.origin } : {}) };
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    at: value.at as string,
    ...(typeof value.routes === 'number' ? { routes: value.routes } : {}),
    ...(typeof value.vrps === 'number' ? { vrps: value.vrps } : {}),
    findings,
    summary: { errors, warnings: findings.length - errors },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
