/** A token bucket: up to `burst` at once, then `refillPerSecond`. Time in milliseconds (`performance.now()`). */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly settings: { burst: number; refillPerSecond: number },
    now = performance.now(),
  ) {
    this.tokens = settings.burst;
    this.updatedAt = now;
  }

  /** Whether `cost` tokens are there now (a cost above the burst counts as the whole burst). */
  has(cost: number, now = performance.now()): boolean {
    this.refill(now);
    return this.tokens >= Math.min(cost, this.settings.burst);
  }

  take(cost: number, now = performance.now()): void {
    this.refill(now);
    this.tokens -= Math.min(cost, this.settings.burst);
  }

  /** Takes all of `cost` now, whatever is there: the bucket may go into debt, repaid by the refill. */
  charge(cost: number, now = performance.now()): void {
    this.refill(now);
    this.tokens -= cost;
  }

  /** Takes `cost` if it is there; false (and nothing taken) when it is not. */
  tryTake(cost = 1, now = performance.now()): boolean {
    if (!this.has(cost, now)) return false;
    this.take(cost, now);
    return true;
  }

  /** How long until `cost` tokens are there. */
  msUntil(cost: number, now = performance.now()): number {
    this.refill(now);
    const missing = Math.min(cost, this.settings.burst) - this.tokens;
    return missing <= 0 ? 0 : (missing / this.settings.refillPerSecond) * 1000;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.settings.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.settings.refillPerSecond);
    this.updatedAt = now;
  }
}
