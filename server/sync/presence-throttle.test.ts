import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { PresenceThrottle } from './presence-throttle';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

test('past the burst only the latest presence waits, and it is applied once the rate allows', () => {
  const later: number[] = [];
  const throttle = new PresenceThrottle({ burst: 2, refillPerSecond: 10 }, (update) => later.push(update[0]!));
  const admitted = [1, 2, 3, 4, 5].map((n) => throttle.admit(Uint8Array.of(n)));
  expect(admitted).toEqual([true, true, false, false, false]);
  vi.advanceTimersByTime(99);
  expect(later).toEqual([]);
  vi.advanceTimersByTime(2);
  expect(later).toEqual([5]);
  // While one waits, a newer one replaces it rather than jumping the queue.
  expect(throttle.admit(Uint8Array.of(6))).toBe(false);
  throttle.stop();
  vi.advanceTimersByTime(1_000);
  expect(later).toEqual([5]);
});
