// MRT (RFC 6396) RIB dumps: TABLE_DUMP_V2 (with RFC 8050 ADD-PATH and RIB_GENERIC) and TABLE_DUMP.
export { readMrt } from './reader.js';
export { routeAttributes, type RouteAttributes } from './attributes.js';
export { MrtError } from './errors.js';
export { emptyStats, type MrtPeer, type MrtRoute, type MrtStats } from './parse.js';
export { KNOWN_TYPES } from './constants.js';
