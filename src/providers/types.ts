import type { ObjectType, RegistryObject } from '../model/objects.js';
import { RefusalError } from '../errors.js';

/** The holdings (canonical prefixes) whose objects a provider is asked about. */
export interface ReadScope {
  prefixes: readonly string[];
}

/** One step of a plan, as a provider carries it out. */
export interface Change {
  op: 'create' | 'update' | 'delete';
  object: RegistryObject;
  /** For an update: the object as the registry holds it now. */
  before?: RegistryObject;
}

export interface ChangeResult {
  change: Change;
  ok: boolean;
  /** The registry's own words on a refusal, verbatim. */
  message?: string;
}

export interface VerifyResult {
  change: Change;
  ok: boolean;
  message?: string;
}

/**
 * A registry behind one small interface (octoDNS-style): read what it holds,
 * apply a batch. Providers know nothing of YAML or records.
 */
export interface Provider {
  readonly name: string;
  readonly type: string;
  /** Object types this provider carries (a ROA provider holds roa and maybe child-resources). */
  readonly objectTypes: readonly ObjectType[];
  /**
   * What the registry holds now. Registries that list a whole account (RPKI) may ignore
   * the scope; databases searched by prefix (IRR) query the holdings' prefixes and their
   * more-specifics.
   */
  read(scope: ReadScope): Promise<RegistryObject[]>;
  /**
   * Applies one batch. Atomic registries apply all or nothing and throw on refusal;
   * partial ones (IRRd) report each object. Throws UncertainOutcome when the call may
   * or may not have landed, so the caller re-reads before going on.
   */
  apply(changes: readonly Change[]): Promise<ChangeResult[]>;
  /** Asks the registry whether each change would be accepted, changing nothing (dry run). */
  verify?(changes: readonly Change[]): Promise<VerifyResult[]>;
  /** Takes an exclusive lock for a whole plan-and-apply (file-backed registries); returns the release. */
  lock?(): () => void;
}

/** A registry refused, or could not be reached: the message names the provider and never a secret. */
export class ProviderError extends RefusalError {
  constructor(
    readonly provider: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${provider}: ${message}`);
  }
}

/** The request may have been applied or not (timeout, reset, 5xx on a write): re-read before retrying. */
export class UncertainOutcome extends ProviderError {}

/** Credentials missing or refused: never retried. */
export class AuthError extends ProviderError {}
