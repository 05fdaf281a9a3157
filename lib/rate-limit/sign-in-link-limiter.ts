import { createHash } from 'node:crypto';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { limits } from '../limits';
import { normalizeEmail } from '../auth/normalize-email';
import { addressKey } from './address-key';

export interface SignInLinkLimits {
  perEmail: { points: number; windowSeconds: number };
  perAddress: { points: number; windowSeconds: number };
}

export interface SignInLinkRequest {
  email: string;
  /** The client's IP address (`lib/http/client-address.ts`); an IPv6 address counts as its /64. */
  address: string;
}

export type SignInLinkDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Keys are hashed: the table keeps no address, email or IP in the clear. */
function keyOf(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 32);
}

/**
 * Magic-link requests per email address and per client address, counted in PostgreSQL
 * (table `rate_limits`, shared by every server instance). A request takes its point before
 * any link is made (`consume` is one atomic upsert), so a burst of concurrent requests sends
 * at most the budget, never one per request.
 */
export class SignInLinkLimiter {
  private readonly perEmail: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;

  constructor(pool: pg.Pool, settings: SignInLinkLimits = limits.signInLinks) {
    const common = { storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: true };
    this.perEmail = new RateLimiterPostgres({ ...common, keyPrefix: 'signin_link_email', points: settings.perEmail.points, duration: settings.perEmail.windowSeconds });
    this.perAddress = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'signin_link_address',
      points: settings.perAddress.points,
      duration: settings.perAddress.windowSeconds,
    });
  }

  /** Takes one link from the address's budget, then from the email's; refused when either is spent. */
  async take(request: SignInLinkRequest): Promise<SignInLinkDecision> {
    for (const [limiter, key] of [
      [this.perAddress, keyOf(addressKey(request.address))],
      [this.perEmail, keyOf(normalizeEmail(request.email))],
    ] as const) {
      try {
        await limiter.consume(key, 1);
      } catch (error) {
        if (error instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
        throw error;
      }
    }
    return { allowed: true };
  }
}
