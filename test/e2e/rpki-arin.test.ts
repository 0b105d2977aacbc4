import { describe } from 'vitest';
import { arinHarness } from '../providers/rpki/harness.js';
import { concurrentEditDuringApply, describeRpkiProvider } from './rpki-fixtures.js';

describeRpkiProvider(arinHarness);

describe('arin-rpki end to end: one atomic transaction', () => {
  concurrentEditDuringApply(arinHarness, /HTTP 400\): Payload has one or more errors\. \(.*Duplicate ROAs are not allowed\.\) \[E_ENTITY_VALIDATION\]/);
});
