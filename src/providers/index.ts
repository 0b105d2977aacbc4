// The providers' public surface: the registry of types, their capabilities and settings.
export { CAPABILITIES, capabilitiesOf, type Capabilities } from '../model/provider-capabilities.js';
export { createProvider, providerContext, PROVIDER_TYPES, type ProviderContext } from './registry.js';
export { ProviderSettings } from './settings.js';
