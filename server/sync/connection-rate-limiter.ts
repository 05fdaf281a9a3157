import { limits } from '@/lib/limits';

/**
 * Token buckets by key in memory (a person's new connections, an address's unauthenticated
 * upgrades): a burst, then a steady rate. Per process, which is enough to blunt a reconnect
 * storm or a flood from one machine.
 */
export class ConnectionRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(private readonly settings: { burst: number; refillPerSecond: number }) {}

  /** Takes a token for this key; false when it has none left. */
  tryTake(key: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.settings.burst, updatedAt: now };
    bucket.tokens = Math.min(this.settings.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.settings.refillPerSecond);
    bucket.updatedAt = now;
    if (this.buckets.size > limits.sync.rateLimiterSweepAboveKeys) this.sweep(now);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return true;
  }

  /** Forgets full buckets, so the map does not grow without bound. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const tokens = bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.settings.refillPerSecond;
      if (tokens >= this.settings.burst) this.buckets.delete(key);
    }
  }
}
