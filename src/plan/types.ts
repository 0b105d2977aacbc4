import type { DesiredObject, RegistryObject, Reason } from '../model/objects.js';

export type Op = 'create' | 'update' | 'delete';

export interface PlannedChange {
  op: Op;
  object: RegistryObject;
  /** The registry's current object, for updates and deletes. */
  before?: RegistryObject;
  /** Why, as data (docs/time.md); render/ makes the words. */
  reason?: Reason;
}

/** The changes of one future day of the schedule: from the day before to this day. */
export interface ScheduledDay {
  day: string;
  changes: PlannedChange[];
}

export interface Summary {
  create: number;
  update: number;
  delete: number;
  unchanged: number;
}

/** A plan is a value: the same repository, day and registry state give the same plan and fingerprint. */
export interface Plan {
  at: string;
  fingerprint: string;
  changes: PlannedChange[];
  /** Objects found in a registry that leasekit does not manage: reported, never touched. */
  unmanaged: RegistryObject[];
  summary: Summary;
  /** Managed objects each provider holds now, the base for safety thresholds. */
  managedCounts: Record<string, number>;
  /** Who each lease or delegation named by a reason is for (`lease:acme-1` → `ACME Hosting`), for people. */
  counterparties?: Record<string, string>;
  /** With `--horizon`: the days ahead on which the desired state changes. Not in the fingerprint. */
  schedule?: ScheduledDay[];
}

export interface PlanInputs {
  at: string;
  desired: DesiredObject[];
  /** Current objects per provider name. */
  current: Map<string, RegistryObject[]>;
}
