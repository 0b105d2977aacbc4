// What each provider type can do, declared in one place (as dnscontrol's providers declare
// their capabilities): `validate` checks records against it at their line, `plan` refuses an
// object type a provider cannot hold, and `providers check` prints it. Pure data: no adapter
// code is imported here, so rules can read it.
import type { ObjectType } from './objects.js';

/** An inclusive range of AS numbers. */
export type AsnRange = readonly [number, number];

export interface Capabilities {
  /** What the registry is, for messages. */
  label: string;
  /** Object types it carries. */
  objectTypes: readonly ObjectType[];
  /** `atomic`: a batch lands whole or not at all; `partial`: each object succeeds or fails alone. */
  batch: 'atomic' | 'partial';
  /** Whether it can check a batch without applying it (`plan --verify`). */
  dryRun: boolean;
  /** At most one maxLength for one (origin, prefix) pair in the whole set of ROAs. */
  oneMaxLengthPerOriginPrefix: boolean;
  /** Whether a lease's space can be handed to a child CA (`rpki-ca` delegations). */
  childCas: boolean;
  /** `yes`, or `unconfirmed` where the registry may refuse an AS0 ROA over ROAs inside it. */
  as0: 'yes' | 'unconfirmed';
  /** Origins the registry refuses in a ROA, with its words. */
  refusedOrigins: readonly AsnRange[];
  refusedOriginsReason?: string;
  /** Settings that name environment variables holding secrets; the first is the usual one. */
  secretSettings: readonly string[];
  /** Settings the provider cannot work without. */
  requiredSettings: readonly string[];
  /** Where docs/providers/<file>.md explains it. */
  doc: string;
}

/** rpki-core `application.yml` `private.asns.ranges`, enforced by `UpdateRoaConfigurationCommandHandler`. */
export const RIPE_REFUSED_ORIGINS: readonly AsnRange[] = [
  [112, 112],
  [23456, 23456],
  [64496, 64511],
  [64512, 65534],
  [65535, 65535],
  [65536, 65551],
  [4200000000, 4294967294],
  [4294967295, 4294967295],
];

const NONE: readonly AsnRange[] = [];

export const CAPABILITIES = {
  local: {
    label: 'the local registry file',
    objectTypes: ['roa', 'route', 'child-resources'],
    batch: 'atomic',
    dryRun: false,
    oneMaxLengthPerOriginPrefix: false,
    childCas: true,
    as0: 'yes',
    refusedOrigins: NONE,
    secretSettings: [],
    requiredSettings: [],
    doc: 'local',
  },
  'ripe-rpki': {
    label: 'RIPE NCC hosted RPKI',
    objectTypes: ['roa'],
    batch: 'atomic',
    dryRun: false,
    oneMaxLengthPerOriginPrefix: true,
    childCas: false,
    as0: 'yes',
    refusedOrigins: RIPE_REFUSED_ORIGINS,
    refusedOriginsReason: 'RIPE NCC refuses ROAs for private, reserved and documentation ASNs and AS112 ("ROA configuration has private ASN(s)"), and one such ROA blocks the whole publish',
    secretSettings: ['apiKeyEnv'],
    requiredSettings: ['apiKeyEnv'],
    doc: 'ripe-rpki',
  },
  'arin-rpki': {
    label: 'ARIN hosted RPKI',
    objectTypes: ['roa'],
    batch: 'atomic',
    dryRun: false,
    oneMaxLengthPerOriginPrefix: false,
    childCas: false,
    as0: 'unconfirmed',
    refusedOrigins: NONE,
    secretSettings: ['apiKeyEnv'],
    requiredSettings: ['org', 'apiKeyEnv'],
    doc: 'arin-rpki',
  },
  krill: {
    label: 'Krill',
    objectTypes: ['roa', 'child-resources'],
    batch: 'atomic',
    dryRun: false,
    oneMaxLengthPerOriginPrefix: false,
    childCas: true,
    as0: 'yes',
    refusedOrigins: NONE,
    secretSettings: ['tokenEnv'],
    requiredSettings: ['ca', 'tokenEnv'],
    doc: 'krill',
  },
  'ripe-db': {
    label: 'the RIPE Database',
    objectTypes: ['route'],
    batch: 'partial',
    dryRun: true,
    oneMaxLengthPerOriginPrefix: false,
    childCas: false,
    as0: 'yes',
    refusedOrigins: NONE,
    secretSettings: ['apiKeyEnv'],
    requiredSettings: ['apiKeyEnv'],
    doc: 'ripe-db',
  },
  irrd: {
    label: 'an IRRd v4 instance',
    objectTypes: ['route'],
    batch: 'partial',
    dryRun: false,
    oneMaxLengthPerOriginPrefix: false,
    childCas: false,
    as0: 'yes',
    refusedOrigins: NONE,
    secretSettings: ['apiKeyEnv', 'passwordEnv', 'overrideEnv'],
    requiredSettings: ['baseUrl'],
    doc: 'irrd',
  },
  'arin-irr': {
    label: "ARIN's IRR",
    objectTypes: ['route'],
    batch: 'partial',
    dryRun: false,
    oneMaxLengthPerOriginPrefix: false,
    childCas: false,
    as0: 'yes',
    refusedOrigins: NONE,
    secretSettings: ['apiKeyEnv'],
    requiredSettings: ['org', 'apiKeyEnv'],
    doc: 'arin-irr',
  },
} as const satisfies Record<string, Capabilities>;

export type ProviderType = keyof typeof CAPABILITIES;

/** The capabilities of a type named in leasekit.yaml, or undefined for a type leasekit does not know. */
export function capabilitiesOf(type: string): Capabilities | undefined {
  return Object.hasOwn(CAPABILITIES, type) ? CAPABILITIES[type as ProviderType] : undefined;
}

export function refusesOrigin(capabilities: Capabilities, asn: number): boolean {
  return capabilities.refusedOrigins.some(([low, high]) => asn >= low && asn <= high);
}
