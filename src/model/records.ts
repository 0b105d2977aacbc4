/** The record kinds of docs/format.md#kinds, as plain data once their schema has passed. */
export type Kind = 'party' | 'holding' | 'contract' | 'lease' | 'delegation';
export const KINDS: readonly Kind[] = ['party', 'holding', 'contract', 'lease', 'delegation'];

export type RegistryName = 'ripe' | 'arin' | 'apnic' | 'lacnic' | 'afrinic';

export interface PartyFields {
  name: string;
  self?: boolean;
  asns?: number[];
  abuse?: string;
  irrMaintainer?: string;
  country?: string;
}

export interface HoldingFields {
  prefix: string;
  registry: RegistryName;
  source: 'allocation' | 'legacy' | 'inbound';
  contract?: string;
  rpki?: { provider?: string; as0?: boolean };
  irr?: { provider?: string; source?: string; maintainer?: string };
}

export interface ContractFields {
  direction: 'outbound' | 'inbound' | 'internal';
  counterparty: string;
  start: string;
  end?: string;
  renewal?: { auto?: boolean; periodMonths?: number; noticeDays?: number };
  sublease?: boolean;
  rpki?: 'lessor-managed' | 'delegated';
  price?: { amount: number; currency: string; per: string };
  usage?: { acceptableUse?: string[]; abuseResponseHours?: number };
  liability?: string;
  documents?: Array<{ path: string; sha256: string }>;
}

export interface LeaseFields {
  contract: string;
  prefix: string;
  start?: string;
  end?: string;
  origins: number[];
  maxLength?: number;
  irr?: boolean;
  note?: string;
}

export interface DelegationFields {
  lease: string;
  type: 'rpki-ca' | 'irr-maintainer';
  to: string;
  handle?: string;
  maintainer?: string;
  start?: string;
  end?: string;
}

export interface FieldsOf {
  party: PartyFields;
  holding: HoldingFields;
  contract: ContractFields;
  lease: LeaseFields;
  delegation: DelegationFields;
}
