import type pg from 'pg';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors';
import { limits, type JoinAttemptLimits } from '../limits';

export interface JoinAttemptKeys {
  userId: string;
  address: string;
}

/**
 * Counts failed attempts to join by invite code, per user and per IP address, in PostgreSQL
 * (table `rate_limits`), so that limits hold across restarts and across server instances.
 * Only failures count: a successful join costs nobody anything.
 */
export class JoinAttemptLimiter {
  private readonly perUser: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;

  constructor(pool: pg.Pool, settings: JoinAttemptLimits = limits.joinAttempts) {
    const common = { storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: true };
    this.perUser = new RateLimiterPostgres({ ...common, keyPrefix: 'join_user', points: settings.perUser.points, duration: settings.perUser.windowSeconds });
    this.perAddress = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'join_address',
      points: settings.perAddress.points,
      duration: settings.perAddress.windowSeconds,
    });
  }

  /** Throws `RateLimitedError` (429 with Retry-After) when either budget is spent. */
  async assertAllowed(keys: JoinAttemptKeys): Promise<void> {
    const [user, address] = await Promise.all([this.perUser.get(keys.userId), this.perAddress.get(keys.address)]);
    const blocked = [
      { state: user, points: this.perUser.points },
      { state: address, points: this.perAddress.points },
    ].filter((entry): entry is { state: RateLimiterRes; points: number } => entry.state !== null && entry.state.consumedPoints >= entry.points);
    if (blocked.length > 0) {
      const waitMilliseconds = Math.max(...blocked.map((entry) => entry.state.msBeforeNext));
      throw new RateLimitedError(Math.ceil(waitMilliseconds / 1000));
    }
  }

  async recordFailure(keys: JoinAttemptKeys): Promise<void> {
    await Promise.all([this.perUser.penalty(keys.userId, 1), this.perAddress.penalty(keys.address, 1)]);
  }
}
