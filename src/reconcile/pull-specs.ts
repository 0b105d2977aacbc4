import { renderTemplate } from '../render/templates.js';
import type { FileChanges } from '../git/branch-commit.js';
import type { Expiry } from './expiries.js';
import { keyLine, keyOf, markerLine } from './markers.js';
import type { Renewal } from './renewals.js';

/** A pull request reconcile wants open: its branch's content on top of the base, and what it says. */
export interface PullProposal {
  /** `renewal:<contract>` or `expiry`: names its marker. */
  kind: string;
  branch: string;
  title: string;
  body: string;
  /** Stays the same while the proposal means the same thing; a closed pull request with this key was declined. */
  key: string;
  changes: FileChanges;
}

/** Branches reconcile owns: it force-pushes them and closes their pull requests when no longer needed. */
export const RENEW_PREFIX = 'leasekit/renew/';
export const EXPIRE_PREFIX = 'leasekit/expire/';
// one rolling branch for all leases past quarantine: new ones join the open pull request
export const EXPIRE_BRANCH = `${EXPIRE_PREFIX}past-quarantine`;

export function renewalProposal(r: Renewal): PullProposal {
  const kind = `renewal:${r.contract}`;
  const key = keyOf([kind, r.oldEnd, r.newEnd]);
  const body = renderTemplate('reconcile-renewal.md.hbs', { marker: markerLine(kind), keyLine: keyLine(key), ...r });
  return { kind, branch: `${RENEW_PREFIX}${r.contract}`, title: `Renew contract ${r.contract} to ${r.newEnd}`, body, key, changes: r.changes };
}

export function expiryProposal(e: Expiry): PullProposal {
  const kind = 'expiry';
  const ids = e.leases.map((l) => l.id).sort();
  const key = keyOf([kind, ...ids]);
  const body = renderTemplate('reconcile-expiry.md.hbs', { marker: markerLine(kind), keyLine: keyLine(key), ...e });
  const title = ids.length === 1 ? `Remove lease ${ids[0]}, past its quarantine` : `Remove ${ids.length} leases past their quarantine`;
  return { kind, branch: EXPIRE_BRANCH, title, body, key, changes: e.changes };
}
