import { createHash, createHmac } from 'node:crypto';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { describe, expect } from 'vitest';
import { limits } from '@/lib/limits';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { SignInLinkLimiter } from './sign-in-link-limiter';

const keySecret = 'sign-in-link-tests-secret-of-32-characters';
const schoolAddress = '203.0.113.7';

async function poolOf(db: TestDatabase): Promise<pg.Pool> {
  return (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
}

describe('SignInLinkLimiter', () => {
  test('a request refused for its email costs the client address nothing', async ({ db }) => {
    const limiter = new SignInLinkLimiter(await poolOf(db), { perEmail: { points: 2, windowSeconds: 600 }, perAddress: { points: 3, windowSeconds: 600 } }, keySecret);
    const ask = (email: string) => limiter.take({ email, address: schoolAddress });
    // One person asks again and again: two links, then refusals that the address does not pay for.
    for (let i = 0; i < 2; i++) expect(await ask('impatient@example.test')).toEqual({ allowed: true });
    for (let i = 0; i < 10; i++) expect((await ask('impatient@example.test')).allowed).toBe(false);
    // The address's third link is still there for someone else.
    expect(await ask('classmate@example.test')).toEqual({ allowed: true });
    const refused = await ask('another@example.test');
    expect(refused.allowed).toBe(false);
    // The address refused that one, so its email point came back: elsewhere it gets both links.
    const elsewhere = (email: string) => limiter.take({ email, address: '198.51.100.1' });
    expect(await elsewhere('another@example.test')).toEqual({ allowed: true });
    expect(await elsewhere('another@example.test')).toEqual({ allowed: true });
    expect((await elsewhere('another@example.test')).allowed).toBe(false);
  });

  test('a school of 600 behind one address signs in one morning, some asking twice; a mailing script is stopped at the address budget', async ({ db }) => {
    const limiter = new SignInLinkLimiter(await poolOf(db), limits.signInLinks, keySecret);
    const school = Array.from({ length: 600 }, (_, index) => `student-${index}@school.example`);
    const morning = await Promise.all([...school, ...school.slice(0, 200)].map((email) => limiter.take({ email, address: schoolAddress })));
    expect(morning.filter((decision) => decision.allowed)).toHaveLength(800);

    const script = await Promise.all(
      Array.from({ length: limits.signInLinks.perAddress.points }, (_, index) => limiter.take({ email: `victim-${index}@example.test`, address: '192.0.2.66' })),
    );
    expect(script.every((decision) => decision.allowed)).toBe(true);
    const next = await limiter.take({ email: 'one-more@example.test', address: '192.0.2.66' });
    expect(next.allowed).toBe(false);
    if (!next.allowed) expect(next.retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  test('keys are HMACs with the secret: no email or address in the table, nor their plain SHA-256', async ({ db }) => {
    const pool = await poolOf(db);
    await new SignInLinkLimiter(pool, limits.signInLinks, keySecret).take({ email: 'Someone@Example.test', address: schoolAddress });
    await new SignInLinkLimiter(pool, limits.signInLinks, `other-${keySecret}`).take({ email: 'someone@example.test', address: schoolAddress });
    const rows = (await pool.query<{ key: string }>("select key from rate_limits where key like 'signin_link_%'")).rows.map((row) => row.key);
    expect(rows).toHaveLength(4);
    expect(rows).toContain(`signin_link_address:${createHmac('sha256', keySecret).update(`address:${schoolAddress}`).digest('hex')}`);
    expect(rows).toContain(`signin_link_email:${createHmac('sha256', keySecret).update('email:someone@example.test').digest('hex')}`);
    for (const value of [schoolAddress, 'someone@example.test']) {
      const plain = createHash('sha256').update(value).digest();
      for (const key of rows) {
        expect(key).not.toContain(value);
        for (const encoding of ['hex', 'base64url'] as const) expect(key).not.toContain(plain.toString(encoding).slice(0, 16));
      }
    }
    await expect(new SignInLinkLimiter(pool, limits.signInLinks, undefined).take({ email: 'x@example.test', address: schoolAddress })).rejects.toThrow(/AUTH_SECRET/);
  });
});
