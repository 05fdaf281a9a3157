import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { limits } from '@/lib/limits';
import { normalizeEmail } from '@/lib/auth/normalize-email';
import { addressKey } from './address-key';
import { LimitKeys } from './limit-key';

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

/**
 * Magic-link requests per email address and per client address, counted in PostgreSQL
 * (table `rate_limits`, shared by every server instance). A request takes its points before
 * any link is made (`consume` is one atomic upsert), so a burst of concurrent requests sends
 * at most the budget, never one per request.
 *
 * The email's budget is taken first: a request refused for its email costs the client address
 * nothing, so someone asking again and again for their own link (or a script flooding one
 * inbox) does not use up the sign-ins of everyone behind the same school address. A request
 * the address's budget refuses gives its email point back (no link was sent).
 *
 * Keys are HMACs keyed with `AUTH_SECRET` (`limit-key.ts`): the table keeps no email or IP
 * address, in the clear or as a hash a dictionary of addresses would reverse.
 */
export class SignInLinkLimiter {
  private readonly perEmail: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;
  private readonly keys: LimitKeys;

  constructor(pool: pg.Pool, settings: SignInLinkLimits = limits.signInLinks, keySecret: string | undefined = process.env.AUTH_SECRET) {
    const common = { storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: true };
    this.perEmail = new RateLimiterPostgres({ ...common, keyPrefix: 'signin_link_email', points: settings.perEmail.points, duration: settings.perEmail.windowSeconds });
    this.perAddress = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'signin_link_address',
      points: settings.perAddress.points,
      duration: settings.perAddress.windowSeconds,
    });
    this.keys = new LimitKeys(keySecret);
  }

  /** Takes one link from the email's budget, then from the address's; refused when either is spent. */
  async take(request: SignInLinkRequest): Promise<SignInLinkDecision> {
    const email = this.keys.of('email', normalizeEmail(request.email));
    const address = this.keys.of('address', addressKey(request.address));
    const refusedByEmail = await refusal(this.perEmail, email);
    if (refusedByEmail) return refusedByEmail;
    const refusedByAddress = await refusal(this.perAddress, address);
    if (refusedByAddress) {
      await this.perEmail.reward(email, 1);
      return refusedByAddress;
    }
    return { allowed: true };
  }
}

/** Takes one point of `budget` for `key`: null when it was there, the refusal when it was spent. */
async function refusal(budget: RateLimiterPostgres, key: string): Promise<SignInLinkDecision | null> {
  try {
    await budget.consume(key, 1);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    throw error;
  }
}
