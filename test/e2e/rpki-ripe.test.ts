import { describe } from 'vitest';
import { ripeHarness } from '../providers/rpki/harness.js';
import { concurrentEditDuringApply, describeRpkiProvider } from './rpki-fixtures.js';

describeRpkiProvider(ripeHarness);

describe('ripe-rpki end to end: optimistic locking', () => {
  // the publish carries the ETag of apply's own read: RIPE answers the stale tag with a 400
  concurrentEditDuringApply(ripeHarness, /registry changed since it was read .*specified entity tag/);
});
