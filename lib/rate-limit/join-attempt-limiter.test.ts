import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { limits } from '../limits';
import { test } from '../testing/test-database';
import { JoinAttemptLimiter, JoinRateLimitedError } from './join-attempt-limiter';

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
    const pool = (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
    const limiter = new JoinAttemptLimiter(pool, { ...limits.joinAttempts, perUser: { points: 2, windowSeconds: 600 } });
    const keys = { userId: '00000000-0000-4000-8000-000000000001', address: '203.0.113.7' };
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
});
