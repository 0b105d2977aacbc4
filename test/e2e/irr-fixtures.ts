import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { BASE, cli, tempRepo } from '../helpers/repo.js';

/**
 * A small lessor for the IRR end-to-end tests: one holding (192.0.2.0/24) whose route
 * objects go to the IRR provider under test and whose ROAs go to the local registry;
 * lease acme-1 (192.0.2.0/25, AS64501, ends 2027-01-01) with Acme's maintainer delegated,
 * lease globex-1 (192.0.2.128/26, AS64503, open-ended).
 */
export const AT = '2026-06-01';
export const AFTER_ACME = '2027-02-01';

export interface IrrRepoOptions {
  /** The provider block under `providers:` in leasekit.yaml, named `irr`. */
  provider: string;
  /** The holding's `irr:` block beyond `provider: irr`. */
  holdingIrr?: string;
  registry?: string;
  acmeMaintainer?: string;
  /** More holdings, leases and contracts (YAML documents). */
  extraRecords?: string[];
}

export function irrRepo(options: IrrRepoOptions): string {
  const holding = [
    'kind: holding',
    'id: h1',
    'prefix: 192.0.2.0/24',
    `registry: ${options.registry ?? 'ripe'}`,
    'source: allocation',
    'rpki: { provider: local }',
    `irr: { provider: irr${options.holdingIrr ? `, ${options.holdingIrr}` : ''} }`,
  ].join('\n');
  return tempRepo({
    'leasekit.yaml': `policy:\n  allowDocumentationSpace: true\nproviders:\n  irr: ${options.provider}\n`,
    'leases/parties.yaml': [
      'kind: party\nid: us\nname: Us\nself: true\nasns: [64500]\nirrMaintainer: US-MNT',
      'kind: party\nid: acme\nname: Acme\nasns: [64501]',
      'kind: party\nid: globex\nname: Globex\nasns: [64503]',
    ].join('\n---\n') + '\n',
    'leases/holdings.yaml': [holding, ...(options.extraRecords ?? [])].join('\n---\n') + '\n',
    'leases/contracts.yaml': BASE['leases/contracts.yaml'],
    'leases/leases.yaml': [
      'kind: lease\nid: acme-1\ncontract: c-acme\nprefix: 192.0.2.0/25\norigins: [64501]',
      'kind: lease\nid: globex-1\ncontract: c-globex\nprefix: 192.0.2.128/26\norigins: [64503]',
    ].join('\n---\n') + '\n',
    'leases/delegations.yaml': delegation(options.acmeMaintainer ?? 'ACME-MNT'),
  });
}

export function delegation(maintainer: string): string {
  return `kind: delegation\nid: acme-irr\nlease: acme-1\ntype: irr-maintainer\nto: acme\nmaintainer: ${maintainer}\n`;
}

/** Re-points Acme's delegated maintainer, as a pull request would. */
export function changeAcmeMaintainer(root: string, maintainer: string): void {
  fs.writeFileSync(path.join(root, 'leases/delegations.yaml'), delegation(maintainer));
}

export interface PlanItem {
  op: string;
  type: string;
  provider: string;
  prefix: string;
  origin?: number;
  mntBy?: string[];
}

/** The IRR part of `plan --format json` as `op prefix ASorigin`. */
export async function routeChanges(root: string, env: NodeJS.ProcessEnv, at = AT): Promise<string[]> {
  const result = await cli(['plan', '--repo', root, '--at', at, '--format', 'json'], { env });
  expect(result.code, result.stderr).toBe(0);
  const plan = JSON.parse(result.stdout) as { changes: PlanItem[] };
  return plan.changes.filter((c) => c.type === 'route').map((c) => `${c.op} ${c.prefix} AS${c.origin} ${c.mntBy?.join(',') ?? ''}`.trim());
}

export async function apply(root: string, env: NodeJS.ProcessEnv, at = AT) {
  return cli(['apply', '--repo', root, '--at', at, '--yes'], { env });
}

/** What the journal says each IRR batch sent and got back. */
export function journal(root: string): Array<{ provider: string; phase: string; results: Array<{ ok: boolean; message?: string }>; error?: string }> {
  const file = path.join(root, 'state/journal.jsonl');
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

export const ACME_ROUTE = { prefix: '192.0.2.0/25', origin: 64501, remarks: ['managed by leasekit, lease acme-1'], descr: [] as string[] };
export const GLOBEX_ROUTE = { prefix: '192.0.2.128/26', origin: 64503, remarks: ['managed by leasekit, lease globex-1'], descr: [] as string[] };
/** Someone else's object inside the holding: never updated or deleted. */
export const FOREIGN_ROUTE = { prefix: '192.0.2.192/26', origin: 64999, mntBy: ['OTHER-MNT'], descr: ['hand-made, not ours'] };
