import { HttpClient } from '../http.js';
import type { ProviderFactory } from '../index.js';
import { ArinRpkiProvider } from './arin.js';
import { KrillProvider } from './krill.js';
import { RipeRpkiProvider } from './ripe.js';

/** RPKI registries: hosted RPKI at RIPE NCC and ARIN, and Krill. Arrows, so an import cycle through ../index.js stays harmless. */
export const RPKI_FACTORIES: Record<string, ProviderFactory> = {
  'ripe-rpki': (name, config, ctx) => new RipeRpkiProvider(name, config, ctx.env, new HttpClient(name, ctx.retry)),
  'arin-rpki': (name, config, ctx) => new ArinRpkiProvider(name, config, ctx.env, new HttpClient(name, ctx.retry)),
  krill: (name, config, ctx) => new KrillProvider(name, config, ctx.env, new HttpClient(name, ctx.retry)),
};
