import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors';
import { limits, type JoinAttemptLimits } from '../limits';
import { addressKey } from './address-key';

export interface JoinAttemptKeys {
  userId: string;
  address: string;
}

/** Whose tries ran out: the person's own account, or the network (address) they share. */
export type JoinLimitScope = 'account' | 'network';

/** A try refused before its code was looked at; the message says whose tries ran out and for how long. */
export class JoinRateLimitedError extends RateLimitedError {
  constructor(
    readonly scope: JoinLimitScope,
    retryAfterSeconds: number,
  ) {
    super(retryAfterSeconds);
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    const from = scope === 'account' ? 'your account' : 'this network';
    this.message = `Too many tries from ${from}; try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
  }
}

/**
 * Invite-code tries, limited so that codes cannot be guessed and nobody's guessing locks a
 * classroom out. Counted in PostgreSQL (table `rate_limits`), so the limits hold across
 * restarts and server instances.
 *
 * Every try reserves its points BEFORE its code is looked up, each budget with one atomic
 * upsert (`consume`: INSERT … ON CONFLICT DO UPDATE … RETURNING), so concurrent guesses cannot
 * all pass a check made before any of them is counted. A code that turns out live gives its
 * points back: only wrong codes use the budgets up.
 *
 * Budgets per window (`limits.joinAttempts`):
 * - per account, every try (10): no account tests more than 10 wrong codes;
 * - per address, early tries (60): a user's first two tries in the window;
 * - per address, later tries (60): a user's further tries.
 * The account's budget is taken first, so one person's guesses spend at most their own 10
 * of the address's. Then the try takes from the early or the later address budget, and is
 * refused, without a lookup, when that is spent.
 *
 * Why two address budgets: a classroom shares one address. Users who keep guessing spend
 * only the later tries, so a classmate who comes with the code they were given (their first
 * or second try) is not refused because of them. The early tries are spent only by many
 * accounts failing at their first tries from one address, which a class's typos do not come
 * near. Either way, one address tests at most 60 + 60 wrong codes per window, however many
 * accounts it uses.
 *
 * What is not done: admitting, past a spent budget, a try whose code is live. Whether a try
 * is admitted would then say whether its code is live, which is the very answer a guesser
 * wants, without limit. Every refusal here is decided before the code is looked at, so it
 * says nothing about the code and takes the same time whatever the code is.
 */
export class JoinAttemptLimiter {
  private readonly perUser: RateLimiterPostgres;
  private readonly earlyPerAddress: RateLimiterPostgres;
  private readonly laterPerAddress: RateLimiterPostgres;
  private readonly earlyTriesPerUser: number;

  constructor(pool: pg.Pool, settings: JoinAttemptLimits = limits.joinAttempts) {
    const budget = (keyPrefix: string, { points, windowSeconds }: { points: number; windowSeconds: number }) =>
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: 'rate_limits',
        tableCreated: true,
        clearExpiredByTimeout: true,
        keyPrefix,
        points,
        duration: windowSeconds,
      });
    this.perUser = budget('join_user', settings.perUser);
    this.earlyPerAddress = budget('join_address_early', settings.earlyTriesPerAddress);
    this.laterPerAddress = budget('join_address_later', settings.laterTriesPerAddress);
    this.earlyTriesPerUser = settings.earlyTriesPerUser;
  }

  /**
   * Runs `lookup` (finding the live class of a code) if one more try is allowed, and answers
   * what it found. A try that finds something (or fails for another reason) gives its points
   * back; one that finds nothing keeps them. Refused: `JoinRateLimitedError`, and `lookup`
   * never runs.
   */
  async attempt<T>(keys: JoinAttemptKeys, lookup: () => Promise<T | null>): Promise<T | null> {
    const user = await reserve(this.perUser, keys.userId, 'account');
    const addressBudget = user.consumedPoints <= this.earlyTriesPerUser ? this.earlyPerAddress : this.laterPerAddress;
    const address = addressKey(keys.address);
    try {
      await reserve(addressBudget, address, 'network');
    } catch (error) {
      await this.perUser.reward(keys.userId, 1);
      throw error;
    }

    let found: T | null;
    try {
      found = await lookup();
    } catch (error) {
      await Promise.all([this.perUser.reward(keys.userId, 1), addressBudget.reward(address, 1)]);
      throw error;
    }
    if (found !== null) await Promise.all([this.perUser.reward(keys.userId, 1), addressBudget.reward(address, 1)]);
    return found;
  }
}

/** Takes one point of `budget` for `key`, or throws `JoinRateLimitedError` when it is spent. */
async function reserve(budget: RateLimiterPostgres, key: string, scope: JoinLimitScope): Promise<RateLimiterRes> {
  try {
    return await budget.consume(key, 1);
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) throw new JoinRateLimitedError(scope, Math.ceil(refusal.msBeforeNext / 1000));
    throw refusal;
  }
}
