import { afterEach } from 'vitest';
import type { RawSyncClient } from './raw-sync-client';
import type { SyncHarness } from './sync-harness';

/**
 * For a test file: registers an `afterEach` that stops every harness and destroys every raw
 * client handed to the returned `track` in that test, newest first, and returns `track`.
 */
export function stoppedAfterEach(): <T extends SyncHarness | RawSyncClient>(thing: T) => T {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return (thing) => {
    cleanups.push(() => ('destroy' in thing ? thing.destroy() : thing.stop()));
    return thing;
  };
}
