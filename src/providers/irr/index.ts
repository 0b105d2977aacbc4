import type { ProviderFactory } from '../index.js';

/** IRR databases: RIPE Database, IRRd v4 and ARIN IRR. */
export const IRR_FACTORIES: Record<string, ProviderFactory> = {};
