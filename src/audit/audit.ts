// The audit (docs/audit.md): every announcement that overlaps a holding, judged against the
// leases of `at` (and the ended ones) and the VRPs; then the leases and VRPs themselves.
// Three prefix indexes (holdings, leases, VRPs) keep it near-linear in the announcements.
import { compileDesired, isManagedHolding } from '../compile/desired.js';
import { isActive } from '../model/dates.js';
import type { Location } from '../model/diagnostic.js';
import type { Holding, Lease, Resolved } from '../resolve/resolved.js';
import { PrefixIndex } from '../net/interval-index.js';
import { formatPrefix, type Prefix } from '../net/ipv4.js';
import { fieldLocation, usable, type RecordOf } from '../repo/record.js';
import type { Origin, RouteSet } from '../routes/route-set.js';
import type { Vrp } from '../routes/vrp.js';
import { AUDIT_SEVERITY, type AuditCode } from './codes.js';
import { hasEnded, isPublished } from './lease-window.js';
import { VrpIndex, type RpkiState } from './rov.js';

export interface AuditFinding {
  code: AuditCode;
  severity: 'error' | 'warning';
  prefix: string;
  origin?: Origin;
  maxLength?: number;
  asn?: number;
  lease?: string;
  holding?: string;
  rpki?: RpkiState;
  message: string;
  /** The record the finding is about, for annotations: its prefix field. */
  file?: string;
  line?: number;
  column?: number;
}

export interface AuditReport {
  at: string;
  routes: number;
  vrps: number;
  skipped: { mrtRecords: number; ipv6: number };
  findings: AuditFinding[];
  summary: { errors: number; warnings: number };
}

export interface AuditInput {
  model: Resolved;
  at: string;
  routes: RouteSet;
  vrps: readonly Vrp[];
  skipped?: { mrtRecords: number; ipv6: number };
}

interface LeaseFacts {
  lease: Lease;
  prefix: Prefix;
  origins: number[];
  maxLength: number;
  published: boolean;
  active: boolean;
  ended: boolean;
  end?: string;
  announced: boolean;
}

export function audit({ model, at, routes, vrps, skipped = { mrtRecords: 0, ipv6: 0 } }: AuditInput): AuditReport {
  const holdings = model.repo.byKind.holding.filter((h) => model.prefixOf(h));
  const holdingIndex = new PrefixIndex(holdings, (h) => model.prefixOf(h)!);
  const leases = leaseFacts(model, at);
  const leaseIndex = new PrefixIndex(leases, (l) => l.prefix);
  const vrpIndex = new VrpIndex(vrps);
  const routeFindings: Array<{ finding: AuditFinding; start: number; length: number }> = [];
  const probe: Prefix = { text: '', start: 0, end: 0, length: 0 };
  routes.forEachRaw((start, length, origin) => {
    probe.start = start;
    probe.length = length;
    probe.end = (start + 2 ** (32 - length) - 1) >>> 0;
    const around = holdingIndex.overlapping(probe);
    if (around.length === 0) return;
    const finding = judgeRoute(probe, origin, around, leaseIndex.containing(probe), vrpIndex);
    if (finding) routeFindings.push({ finding, start, length });
  });
  routeFindings.sort((a, b) => a.start - b.start || a.length - b.length || (a.finding.origin ?? -1) - (b.finding.origin ?? -1));
  const findings = [
    ...routeFindings.map((r) => r.finding),
    ...leasesNotAnnounced(leases),
    ...vrpFindings(model, at, vrps, holdingIndex),
  ];
  return {
    at,
    routes: routes.size,
    vrps: vrps.length,
    skipped,
    findings,
    summary: { errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length },
  };
}

function leaseFacts(model: Resolved, at: string): LeaseFacts[] {
  const facts: LeaseFacts[] = [];
  for (const lease of model.repo.byKind.lease) {
    const prefix = model.prefixOf(lease);
    const term = model.leaseTerm(lease);
    if (!prefix || !term) continue;
    facts.push({
      lease,
      prefix,
      origins: usable(lease, 'origins') ?? [],
      maxLength: usable(lease, 'maxLength') ?? prefix.length,
      published: isPublished(term, model.repo.config, at),
      active: isActive(term, at),
      ended: hasEnded(term, at),
      end: term.end,
      announced: false,
    });
  }
  return facts;
}

/** The first code of the table that applies to one announcement, or none. */
function judgeRoute(p: Prefix, origin: Origin, around: Holding[], containing: LeaseFacts[], vrps: VrpIndex): AuditFinding | undefined {
  for (const l of containing) if (l.active) l.announced = true;
  const holding = around[around.length - 1]; // innermost containing, else the first inside
  const prefix = formatPrefix(p.start, p.length);
  const rpki = vrps.validate(p.start, p.length, origin);
  const who = origin === null ? 'an AS_SET origin' : `AS${origin}`;
  const base = { prefix, origin, holding: holding.id, rpki };
  let lease: LeaseFacts | undefined;
  for (const l of containing) if (l.published) lease = l; // innermost
  if (!lease) {
    let former: LeaseFacts | undefined;
    for (const l of containing) if (l.ended && origin !== null && l.origins.includes(origin) && (!former || l.end! > former.end!)) former = l;
    if (former) return finding('route-after-end', { ...base, lease: former.lease.id }, `${prefix} from ${who}: lease ${former.lease.id} ended on ${former.end}, and no published lease contains it (the former lessee still announces)`, former.lease);
    return finding('route-idle-space', base, `${prefix} from ${who} in holding ${holding.id}: no published lease contains it`, holding);
  }
  const withLease = { ...base, lease: lease.lease.id };
  if (origin === null || !lease.origins.includes(origin)) {
    return finding('route-unauthorized-origin', withLease, `${prefix} from ${who}: lease ${lease.lease.id} allows origin${lease.origins.length === 1 ? '' : 's'} ${lease.origins.map((o) => `AS${o}`).join(', ')}`, lease.lease);
  }
  if (p.length > lease.maxLength) {
    return finding('route-too-specific', withLease, `${prefix} from ${who} is longer than lease ${lease.lease.id} allows (maxLength ${lease.maxLength})`, lease.lease);
  }
  if (rpki === 'invalid') return finding('route-rpki-invalid', withLease, `${prefix} from ${who} (lease ${lease.lease.id}) is RPKI invalid: VRPs cover it and none matches, so validating networks drop it`, lease.lease);
  if (rpki === 'not-found') return finding('route-rpki-not-found', withLease, `${prefix} from ${who} (lease ${lease.lease.id}) is RPKI not-found: no VRP covers it`, lease.lease);
  return undefined;
}

function leasesNotAnnounced(leases: LeaseFacts[]): AuditFinding[] {
  return leases
    .filter((l) => l.active && !l.announced)
    .sort((a, b) => a.prefix.start - b.prefix.start || a.prefix.length - b.prefix.length)
    .map((l) => finding('lease-not-announced', { prefix: l.prefix.text, lease: l.lease.id }, `lease ${l.lease.id} (${l.prefix.text}) is active, and no announcement lies inside it`, l.lease));
}

/** Desired ROAs without an identical VRP; VRPs inside managed holdings that the desired state lacks. */
function vrpFindings(model: Resolved, at: string, vrps: readonly Vrp[], holdingIndex: PrefixIndex<Holding>): AuditFinding[] {
  // a desired ROA lies inside a holding, so only VRPs inside one can match it or be unexpected:
  // most VRPs of a relying party's full set are dropped here, before anything is keyed or sorted
  const inside: Array<{ vrp: Vrp; prefix: Prefix; holding: Holding }> = [];
  for (const v of vrps) {
    const prefix: Prefix = { text: v.prefix, start: v.start, end: v.end, length: v.length };
    const holding = holdingIndex.containing(prefix).pop();
    if (holding) inside.push({ vrp: v, prefix, holding });
  }
  const key = (prefix: string, maxLength: number, asn: number) => `${prefix}|${maxLength}|${asn}`;
  const read = new Set(inside.map(({ vrp: v }) => key(v.prefix, v.maxLength, v.asn)));
  const expected = new Set<string>();
  const missing: AuditFinding[] = [];
  const delegated: Prefix[] = [];
  for (const o of compileDesired(model, at)) {
    if (o.type === 'child-resources') delegated.push(model.prefixOf(model.byId.lease.get(leaseIdOf(model, o.reason))!)!);
    if (o.type !== 'roa') continue;
    const k = key(o.prefix, o.maxLength, o.asn);
    expected.add(k);
    if (read.has(k)) continue;
    const record = 'lease' in o.reason ? model.byId.lease.get(o.reason.lease) : 'holding' in o.reason ? model.byId.holding.get(o.reason.holding) : undefined;
    const owner = 'lease' in o.reason ? { lease: o.reason.lease } : 'holding' in o.reason ? { holding: o.reason.holding } : {};
    missing.push(finding('vrp-missing', { prefix: o.prefix, maxLength: o.maxLength, asn: o.asn, ...owner }, `ROA ${o.prefix}-${o.maxLength} AS${o.asn} (${'lease' in o.reason ? `lease ${o.reason.lease}` : 'AS0 over the holding'}) has no VRP: not published yet, or lost`, record));
  }
  const delegatedIndex = new PrefixIndex(delegated, (p) => p);
  const unexpected = inside
    // others publish inside space leasekit does not manage, and inside leases delegated to the lessee's CA
    .filter(({ vrp: v, prefix, holding }) => isManagedHolding(model, holding) && delegatedIndex.containing(prefix).length === 0 && !expected.has(key(v.prefix, v.maxLength, v.asn)))
    .sort(({ vrp: a }, { vrp: b }) => a.start - b.start || a.length - b.length || a.maxLength - b.maxLength || a.asn - b.asn)
    .map(({ vrp: v, holding }) =>
      finding('vrp-unexpected', { prefix: v.prefix, maxLength: v.maxLength, asn: v.asn, holding: holding.id }, `VRP ${v.prefix}-${v.maxLength} AS${v.asn} inside holding ${holding.id} is not in the desired state (a leftover, or someone else's)`, holding),
    );
  return [...missing, ...unexpected];
}

function leaseIdOf(model: Resolved, reason: object): string {
  if ('lease' in reason) return reason.lease as string;
  return model.leaseOf(model.byId.delegation.get((reason as { delegation: string }).delegation)!)!.id;
}

/** The record each finding is about; its place in the files is looked up only when asked for (`locateFindings`). */
const recordOf = new WeakMap<AuditFinding, RecordOf>();

/**
 * Adds `file`, `line` and `column` (the record's prefix) to each finding about a record.
 * Separate from the audit because locating re-reads each record's YAML document.
 */
export function locateFindings(findings: readonly AuditFinding[]): void {
  const located = new Map<RecordOf, Location>();
  for (const f of findings) {
    const record = recordOf.get(f);
    if (!record) continue;
    let where = located.get(record);
    if (!where) located.set(record, (where = fieldLocation(record, 'prefix')));
    Object.assign(f, { file: where.file, line: where.line, column: where.column });
  }
}

function finding(code: AuditCode, fields: Omit<AuditFinding, 'code' | 'severity' | 'message'>, message: string, record?: RecordOf): AuditFinding {
  const made: AuditFinding = { code, severity: AUDIT_SEVERITY[code], ...fields, message };
  if (record) recordOf.set(made, record);
  return made;
}

