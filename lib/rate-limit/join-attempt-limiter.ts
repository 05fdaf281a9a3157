import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '@/lib/errors';
import { limits, type JoinAttemptLimits } from '@/lib/limits';
import { addressKey } from './address-key';
import { LimitKeys } from './limit-key';

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

/** How a try stood with its address: it paid for a code new to the address, or it repeated one already paid for. */
type AddressCharge = 'new code' | 'repeat';

/**
 * Invite-code tries, limited so that codes cannot be guessed and nobody's guessing, nor a
 * typo on a slide, locks a classroom out. Counted in PostgreSQL (table `rate_limits`), so the
 * limits hold across restarts and server instances.
 *
 * Budgets per window (`limits.joinAttempts`):
 * - per account, every try (10): no account tests more than 10 codes;
 * - per address, distinct codes (120): no address tests more than 120 different codes,
 *   however many accounts it uses.
 *
 * Why the address counts codes, not tries: a guesser has to try many different codes, while
 * a typo on the slide or a stale link in the course page is one code that a whole lecture
 * behind one school address tries, and retrying a code this address has tried already in the
 * window tells it nothing it was not told. So the first try of a code from an address pays
 * the address's point; the lecture's 300 tries of the same wrong code pay one, and whoever
 * arrives with the corrected code still finds the budget there. A repeat still spends the
 * person's own point (one account cannot retry without end), and is looked up like any try:
 * its answer was given to this address already, so the lookup reveals nothing new (a code
 * that stops being live does not come back by chance: a rotated class gets a new random one).
 *
 * Every try reserves its points BEFORE its code is looked up: the account's with one atomic
 * upsert (`consume`), then the address's in one short transaction that marks the code as
 * tried from the address (`join_code:` key, an insert that a concurrent try of the same code
 * waits on) and, for a code new to the address, takes the address's point, rolling both back
 * when the budget is spent. So concurrent guesses cannot all pass a check made before any of
 * them is counted, and concurrent tries of one code pay once. A code that turns out live
 * gives its points back: only wrong codes use the budgets up. The mark stays for the window,
 * so once one person has joined with the class's code, everyone else at that address joins
 * with it too, even if the address's budget is spent afterwards.
 *
 * The account's budget is taken first, so one person's guesses spend at most their own 10 of
 * the address's 120: it takes twelve accounts guessing from one address to close it to new
 * codes. (An earlier version split the address budget into "early" and "later" tries so that
 * classmates were not refused for others' repeated guessing; counting distinct codes makes
 * repeats free for the address, so the split is gone.)
 *
 * What is not done: admitting, past a spent budget, a try whose code is live but new to the
 * address. Whether a try is admitted would then say whether its code is live, which is the
 * very answer a guesser wants, without limit. Every refusal here is decided before the code
 * is looked at, from what this address tried before, so it says nothing about the code and
 * takes the same time whatever the code is.
 *
 * Keys: the account's is its user id; the address's and the code marks are HMACs keyed with
 * `AUTH_SECRET` (`limit-key.ts`), so the table holds no IP address and no code.
 */
export class JoinAttemptLimiter {
  private readonly perUser: RateLimiterPostgres;
  private readonly keys: LimitKeys;

  constructor(
    private readonly pool: pg.Pool,
    private readonly settings: JoinAttemptLimits = limits.joinAttempts,
    keySecret: string | undefined = process.env.AUTH_SECRET,
  ) {
    this.perUser = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: true,
      keyPrefix: 'join_user',
      points: settings.perUser.points,
      duration: settings.perUser.windowSeconds,
    });
    this.keys = new LimitKeys(keySecret);
  }

  /**
   * Runs `lookup` (finding the live class of `code`, in stored form) if one more try is
   * allowed, and answers what it found. A try that finds something (or fails for another
   * reason) gives its points back; one that finds nothing keeps them. Refused:
   * `JoinRateLimitedError`, and `lookup` never runs.
   */
  async attempt<T>(keys: JoinAttemptKeys & { code: string }, lookup: () => Promise<T | null>): Promise<T | null> {
    const address = addressKey(keys.address);
    const addressRow = `join_address:${this.keys.of('address', address)}`;
    const codeRow = `join_code:${this.keys.of('address-code', `${address} ${keys.code}`)}`;
    await reserve(this.perUser, keys.userId, 'account');
    let charge: AddressCharge;
    try {
      charge = await this.chargeAddress(addressRow, codeRow);
    } catch (error) {
      await this.perUser.reward(keys.userId, 1);
      throw error;
    }

    let found: T | null;
    try {
      found = await lookup();
    } catch (error) {
      // Not answered: the address has not learnt this code, so it is neither paid for nor marked.
      await Promise.all([this.perUser.reward(keys.userId, 1), charge === 'new code' ? this.forget(addressRow, codeRow) : undefined]);
      throw error;
    }
    if (found !== null) await Promise.all([this.perUser.reward(keys.userId, 1), charge === 'new code' ? this.refund(addressRow) : undefined]);
    return found;
  }

  /**
   * Marks `codeRow` as tried from the address and, if it was not already, takes the
   * address's point; both or neither (one transaction). Throws `JoinRateLimitedError` when
   * the code is new to the address and the address's budget is spent.
   */
  private async chargeAddress(addressRow: string, codeRow: string): Promise<AddressCharge> {
    const windowMs = this.settings.wrongCodesPerAddress.windowSeconds * 1000;
    const client = await this.pool.connect();
    let open = false;
    try {
      await client.query('begin');
      open = true;
      const now = Date.now();
      const marked = await client.query(
        `insert into rate_limits (key, points, expire) values ($1, 1, $2)
         on conflict (key) do update set points = 1, expire = excluded.expire where rate_limits.expire <= $3
         returning key`,
        [codeRow, now + windowMs, now],
      );
      if (marked.rowCount === 0) {
        await client.query('commit');
        open = false;
        return 'repeat';
      }
      const { rows } = await client.query<{ points: number; expire: string }>(
        `insert into rate_limits (key, points, expire) values ($1, 1, $2)
         on conflict (key) do update set
           points = case when rate_limits.expire <= $3 then 1 else rate_limits.points + 1 end,
           expire = case when rate_limits.expire <= $3 then excluded.expire else rate_limits.expire end
         returning points, expire`,
        [addressRow, now + windowMs, now],
      );
      const row = rows[0];
      if (!row || row.points > this.settings.wrongCodesPerAddress.points) {
        await client.query('rollback');
        open = false;
        throw new JoinRateLimitedError('network', Math.max(1, Math.ceil((Number(row?.expire ?? now + windowMs) - now) / 1000)));
      }
      await client.query('commit');
      open = false;
      return 'new code';
    } finally {
      if (open) await client.query('rollback').catch(() => undefined);
      client.release();
    }
  }

  /** Gives the address's point back (a live code costs nothing); the code's mark stays. */
  private async refund(addressRow: string): Promise<void> {
    await this.pool.query('update rate_limits set points = greatest(points - 1, 0) where key = $1 and expire > $2', [addressRow, Date.now()]);
  }

  /** Undoes a try that got no answer: the address's point back, and the code no longer marked as tried. */
  private async forget(addressRow: string, codeRow: string): Promise<void> {
    await Promise.all([this.refund(addressRow), this.pool.query('delete from rate_limits where key = $1', [codeRow])]);
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
