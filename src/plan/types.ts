import type { DesiredObject, RegistryObject, Reason } from '../model/objects.js';

export type Op = 'create' | 'update' | 'delete';

export interface PlannedChange {
  op: Op;
  object: RegistryObject;
  /** The registry's current object, for updates and deletes. */
  before?: RegistryObject;
  reason?: Reason;
  /** For people: the record behind the change and its counterparty, e.g. `lease acme-1 (ACME Hosting)`. */
  because?: string;
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
}

export interface PlanInputs {
  at: string;
  desired: DesiredObject[];
  /** Current objects per provider name. */
  current: Map<string, RegistryObject[]>;
}
