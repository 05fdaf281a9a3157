import { createHash, createHmac } from 'node:crypto';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { limits } from '@/lib/limits';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { JoinAttemptLimiter, JoinRateLimitedError } from './join-attempt-limiter';

const keySecret = 'join-limiter-tests-secret-of-32-characters';

async function poolOf(db: TestDatabase): Promise<pg.Pool> {
  return (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
}

describe('JoinRateLimitedError', () => {
  it('says whose tries ran out and rounds the wait up to whole minutes', () => {
    expect(new JoinRateLimitedError('account', 900).message).toBe('Too many tries from your account; try again in 15 minutes.');
    expect(new JoinRateLimitedError('network', 61).message).toBe('Too many tries from this network; try again in 2 minutes.');
    expect(new JoinRateLimitedError('network', 12).message).toBe('Too many tries from this network; try again in 1 minute.');
    expect(new JoinRateLimitedError('account', 12).retryAfterSeconds).toBe(12);
  });
});

describe('JoinAttemptLimiter.attempt', () => {
  test('a try whose lookup fails (an outage) gives its points back; one that finds nothing keeps them', async ({ db }) => {
    const limiter = new JoinAttemptLimiter(await poolOf(db), { ...limits.joinAttempts, perUser: { points: 2, windowSeconds: 600 } }, keySecret);
    const keys = { userId: '00000000-0000-4000-8000-000000000001', address: '203.0.113.7', code: 'ZZZZZZZZ' };
    for (let i = 0; i < 5; i++) {
      await expect(limiter.attempt(keys, () => Promise.reject(new Error('database unreachable')))).rejects.toThrow('database unreachable');
    }
    expect(await limiter.attempt(keys, () => Promise.resolve(null))).toBeNull();
    expect(await limiter.attempt(keys, () => Promise.resolve(null))).toBeNull();
    let looked = false;
    const refused = limiter.attempt(keys, async () => {
      looked = true;
      return 'found';
    });
    await expect(refused).rejects.toThrow(JoinRateLimitedError);
    expect(looked).toBe(false);
  });

  test('the address pays once per distinct code: a failed lookup leaves the code unpaid, a live one is given back', async ({ db }) => {
    const limiter = new JoinAttemptLimiter(await poolOf(db), { ...limits.joinAttempts, wrongCodesPerAddress: { points: 2, windowSeconds: 600 } }, keySecret);
    const tryCode = (code: string, index: number, lookup: () => Promise<string | null>) =>
      limiter.attempt({ userId: `00000000-0000-4000-8000-00000000000${index}`, address: '203.0.113.7', code }, lookup);
    const nothing = () => Promise.resolve(null);
    // An outage on a new code: the address did not learn it, so it is not paid for.
    await expect(tryCode('AAAAAAAA', 1, () => Promise.reject(new Error('outage')))).rejects.toThrow('outage');
    // A live code costs nothing, and neither do repeats of one wrong code.
    expect(await tryCode('LIVELIVE', 2, () => Promise.resolve('class'))).toBe('class');
    for (let index = 3; index < 8; index++) expect(await tryCode('BBBBBBBB', index, nothing)).toBeNull();
    expect(await tryCode('CCCCCCCC', 8, nothing)).toBeNull();
    // Two distinct wrong codes spent the budget: a third is refused, whatever it is.
    await expect(tryCode('DDDDDDDD', 9, () => Promise.resolve('class'))).rejects.toThrow(JoinRateLimitedError);
    // Codes the address has had answers for are still answered; the one that got no answer is new.
    expect(await tryCode('LIVELIVE', 9, () => Promise.resolve('class'))).toBe('class');
    expect(await tryCode('BBBBBBBB', 9, nothing)).toBeNull();
    await expect(tryCode('AAAAAAAA', 9, nothing)).rejects.toThrow(JoinRateLimitedError);
  });

  test('keys are HMACs with the secret: no address or code in the table, nor their plain SHA-256', async ({ db }) => {
    const pool = await poolOf(db);
    const keys = { userId: '00000000-0000-4000-8000-000000000001', address: '203.0.113.7', code: 'ZZZZZZZZ' };
    await new JoinAttemptLimiter(pool, limits.joinAttempts, keySecret).attempt(keys, () => Promise.resolve(null));
    await new JoinAttemptLimiter(pool, limits.joinAttempts, `other-${keySecret}`).attempt(keys, () => Promise.resolve(null));
    const rows = (await pool.query<{ key: string }>("select key from rate_limits where key like 'join_%' order by key")).rows.map((row) => row.key);
    expect(rows.filter((key) => key.startsWith('join_address:'))).toHaveLength(2);
    expect(rows.filter((key) => key.startsWith('join_code:'))).toHaveLength(2);
    const expected = createHmac('sha256', keySecret).update('address:203.0.113.7').digest('hex');
    expect(rows).toContain(`join_address:${expected}`);
    const plain = createHash('sha256').update('203.0.113.7').digest();
    for (const key of rows) {
      expect(key).not.toContain('203.0.113');
      expect(key).not.toContain('ZZZZZZZZ');
      for (const encoding of ['hex', 'base64url'] as const) expect(key).not.toContain(plain.toString(encoding).slice(0, 16));
    }
    // User ids are not secret and stay as they are.
    expect(rows).toContain(`join_user:${keys.userId}`);
  });

  test('without AUTH_SECRET no try is counted under a guessable key', async ({ db }) => {
    const limiter = new JoinAttemptLimiter(await poolOf(db), limits.joinAttempts, undefined);
    const keys = { userId: '00000000-0000-4000-8000-000000000001', address: '203.0.113.7', code: 'ZZZZZZZZ' };
    await expect(limiter.attempt(keys, () => Promise.resolve(null))).rejects.toThrow(/AUTH_SECRET/);
  });
});
