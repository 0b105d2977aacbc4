import type { Reason } from '../model/objects.js';
import type { PlannedChange } from '../plan/types.js';

/** Why a change happens, in words (docs/time.md lists the events). */
export function reasonText(change: Pick<PlannedChange, 'op' | 'reason'>, counterparties: Record<string, string> = {}): string {
  const reason = change.reason;
  if (!reason) return '';
  const record = recordText(reason, counterparties);
  switch (reason.event) {
    case 'starts':
      return `${record} starts`;
    case 'active':
      return 'holding' in reason ? `${record}: AS0 over idle space` : `${record} is active`;
    case 'changed':
      return change.op === 'delete' ? `${record} no longer implies it` : `${record} changed`;
    case 'ended':
      return reason.day ? `${record} ended on ${reason.day}` : `${record} ended`;
    case 'not-started':
      return `${record} has not started`;
    case 'removed':
      return `${record} no longer exists`;
    case 'unknown':
      return 'no record explains it: run leasekit import first';
  }
}

/** `lease acme-1 (ACME Hosting)`: the record, and who it is for when known. */
function recordText(reason: Reason, counterparties: Record<string, string>): string {
  const party = (key: string) => (counterparties[key] ? ` (${counterparties[key]})` : '');
  if ('lease' in reason) return `lease ${reason.lease}${party(`lease:${reason.lease}`)}`;
  if ('delegation' in reason) return `delegation ${reason.delegation}${party(`delegation:${reason.delegation}`)}`;
  if ('holding' in reason) return `holding ${reason.holding}`;
  return 'no record';
}
