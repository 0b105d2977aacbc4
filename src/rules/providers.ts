import type { Diagnostic } from '../model/diagnostic.js';
import { locationOf, usable } from '../repo/record.js';
import { finding, type RuleContext } from './context.js';

/** provider-unknown: a holding publishes to a provider that leasekit.yaml does not define. */
export function providerKnown({ model }: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  const defined = model.repo.config.providers;
  for (const holding of model.repo.byKind.holding) {
    for (const section of ['rpki', 'irr'] as const) {
      const name = usable(holding, section)?.provider;
      if (name === undefined || Object.hasOwn(defined, name)) continue;
      const names = Object.keys(defined).join(', ');
      found.push(finding('provider-unknown', holding, locationOf(holding, [section, 'provider']), `${section} provider '${name}' is not defined under providers in leasekit.yaml (defined: ${names})`));
    }
  }
  return found;
}
