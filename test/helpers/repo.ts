import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';

export const EXAMPLE_ROOT = path.resolve(import.meta.dirname, '../..');

/** A throwaway repository: files given as path -> text, written under a fresh temp folder. */
export function tempRepo(files: Record<string, string | Buffer>, base?: 'example'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'leasekit-'));
  if (base === 'example') {
    for (const entry of ['leases', 'documents', 'leasekit.yaml']) {
      fs.cpSync(path.join(EXAMPLE_ROOT, entry), path.join(root, entry), { recursive: true });
    }
  }
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  return root;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function cli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: options.env ?? {},
    isTTY: false,
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

export interface JsonReport {
  ok: boolean;
  records: number;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

/** Validates a repository at a fixed day and returns the JSON report. */
export async function validateJson(root: string, at = '2026-06-01'): Promise<JsonReport & { code: number }> {
  const result = await cli(['validate', '--repo', root, '--at', at, '--format', 'json']);
  if (result.stderr) throw new Error(result.stderr);
  return { ...(JSON.parse(result.stdout) as JsonReport), code: result.code };
}

export function withCode(report: JsonReport, code: string): Diagnostic[] {
  return report.diagnostics.filter((d) => d.code === code);
}

/** The usual cast of a small lessor: self party, one lessee, one holding, one outbound contract. */
export const BASE: Record<string, string> = {
  'leasekit.yaml': 'policy:\n  allowDocumentationSpace: true\n',
  'leases/parties.yaml': [
    'kind: party\nid: us\nname: Us\nself: true\nasns: [64500]\nirrMaintainer: US-MNT',
    'kind: party\nid: acme\nname: Acme\nasns: [64501, 64502]',
    'kind: party\nid: globex\nname: Globex\nasns: [64503]',
  ].join('\n---\n') + '\n',
  'leases/holdings.yaml': 'kind: holding\nid: h1\nprefix: 192.0.2.0/24\nregistry: ripe\nsource: allocation\n',
  'leases/contracts.yaml': [
    'kind: contract\nid: c-acme\ndirection: outbound\ncounterparty: acme\nstart: 2026-01-01\nend: 2027-01-01',
    'kind: contract\nid: c-globex\ndirection: outbound\ncounterparty: globex\nstart: 2026-01-01',
  ].join('\n---\n') + '\n',
};
