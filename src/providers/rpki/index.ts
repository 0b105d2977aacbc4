import type { ProviderFactory } from '../index.js';

/** RPKI registries: hosted RPKI at RIPE NCC and ARIN, and Krill. */
export const RPKI_FACTORIES: Record<string, ProviderFactory> = {};
