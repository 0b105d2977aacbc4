// MRT record types and subtypes (RFC 6396, RFC 8050) that the reader understands.

export const MRT_HEADER_BYTES = 12;

export const TYPE_TABLE_DUMP = 12;
export const TYPE_TABLE_DUMP_V2 = 13;

/** Types a real MRT file may start with; used to recognise MRT input by content. */
export const KNOWN_TYPES = new Set([11, 12, 13, 16, 17, 32, 33, 48, 49]);

// TABLE_DUMP (v1) subtypes are address families.
export const V1_AFI_IPV4 = 1;
export const V1_AFI_IPV6 = 2;

// TABLE_DUMP_V2 subtypes.
export const PEER_INDEX_TABLE = 1;
export const RIB_IPV4_UNICAST = 2;
export const RIB_IPV4_MULTICAST = 3;
export const RIB_IPV6_UNICAST = 4;
export const RIB_IPV6_MULTICAST = 5;
export const RIB_GENERIC = 6;
export const RIB_IPV4_UNICAST_ADDPATH = 8;
export const RIB_IPV4_MULTICAST_ADDPATH = 9;
export const RIB_IPV6_UNICAST_ADDPATH = 10;
export const RIB_IPV6_MULTICAST_ADDPATH = 11;
export const RIB_GENERIC_ADDPATH = 12;

export const AFI_IPV4 = 1;
export const AFI_IPV6 = 2;
export const SAFI_UNICAST = 1;

// BGP path attributes (RFC 4271, RFC 6793).
export const ATTR_ORIGIN = 1;
export const ATTR_AS_PATH = 2;
export const ATTR_NEXT_HOP = 3;
export const ATTR_MP_REACH_NLRI = 14;
export const ATTR_AS4_PATH = 17;
export const ATTR_FLAG_EXTENDED_LENGTH = 0x10;

export const AS_SET = 1;
export const AS_SEQUENCE = 2;
export const AS_CONFED_SEQUENCE = 3;
export const AS_CONFED_SET = 4;

/** AS_TRANS (RFC 6793): what a 2-octet AS_PATH carries in place of a 4-octet AS. */
export const AS_TRANS = 23456;
