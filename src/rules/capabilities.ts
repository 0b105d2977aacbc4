import { formatAsn, asnProblem } from '../net/asn.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Holding } from '../resolve/resolved.js';
import { capabilitiesOf, refusesOrigin, type Capabilities } from '../model/provider-capabilities.js';
import { LOCAL_PROVIDER } from '../repo/config.js';
import { locationOf, usable } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';

/** The capabilities of the provider a holding's `rpki` or `irr` section names (local by default). */
function providerOf(ctx: RuleContext, holding: Holding, section: 'rpki' | 'irr'): { name: string; capabilities: Capabilities } | undefined {
  const name = usable(holding, section)?.provider ?? LOCAL_PROVIDER;
  const config = ctx.model.repo.config.providers[name];
  const capabilities = config && capabilitiesOf(config.type);
  return capabilities && { name, capabilities };
}

/**
 * origin-refused: a lease origin that the RPKI provider of its holding refuses in a ROA (RIPE
 * NCC refuses AS112, private, reserved and documentation ASNs, and one refusal blocks the
 * whole publish). Origins that asn-reserved already reports under the policy are left to it.
 */
export function originRefused(ctx: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const lease of ctx.model.repo.byKind.lease) {
    const origins = usable(lease, 'origins');
    const holding = ctx.model.holdingOf(lease);
    const target = holding && providerOf(ctx, holding, 'rpki');
    if (!Array.isArray(origins) || !target || target.capabilities.refusedOrigins.length === 0) continue;
    origins.forEach((asn, i) => {
      if (typeof asn !== 'number' || !refusesOrigin(target.capabilities, asn) || asnProblem(asn, ctx.policy.allowDocumentationSpace)) return;
      const why = target.capabilities.refusedOriginsReason ?? `${target.capabilities.label} refuses this origin`;
      found.push(finding('origin-refused', lease, locationOf(lease, ['origins', i]), `${formatAsn(asn)} cannot be published through provider '${target.name}' (${target.capabilities.label}): ${why}; use another origin or publish the holding elsewhere`));
    });
  }
  return found;
}

/**
 * provider-capability: a record asks a provider for what it cannot do: a `rpki-ca` delegation
 * on a holding whose RPKI provider has no child CAs (at the delegation's type), or a holding
 * whose `rpki`/`irr` provider does not carry ROAs/route objects (at the provider name).
 */
export function providerCapability(ctx: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const holding of ctx.model.repo.byKind.holding) {
    for (const [section, type, what] of [
      ['rpki', 'roa', 'ROAs'],
      ['irr', 'route', 'route objects'],
    ] as const) {
      const target = providerOf(ctx, holding, section);
      if (!target || (target.capabilities.objectTypes as readonly string[]).includes(type)) continue;
      found.push(finding('provider-capability', holding, locationOf(holding, [section, 'provider']), `provider '${target.name}' is ${target.capabilities.label}, which holds no ${what}; name a provider for ${what} in ${section}.provider`));
    }
  }
  for (const delegation of ctx.model.repo.byKind.delegation) {
    if (usable(delegation, 'type') !== 'rpki-ca') continue;
    const lease = ctx.model.leaseOf(delegation);
    const holding = lease && ctx.model.holdingOf(lease);
    const target = holding && providerOf(ctx, holding, 'rpki');
    if (!target || target.capabilities.childCas) continue;
    found.push(finding('provider-capability', delegation, locationOf(delegation, ['type']), `holding '${holding.id}' publishes through provider '${target.name}' (${target.capabilities.label}), which cannot hand space to a child CA; use an irr-maintainer delegation, or publish the holding through krill`));
  }
  return found;
}
