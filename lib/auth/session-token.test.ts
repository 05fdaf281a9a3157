import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { encode } from 'next-auth/jwt';
import type pg from 'pg';
import { describe, expect, test as plainTest } from 'vitest';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { parseCookieHeader, readSessionUserId } from './session-token';
import { UserSessions } from './user-sessions';

const secret = 'a-test-secret-that-is-long-enough-for-auth-js';
const cookieName = 'authjs.session-token';

async function signedIn(db: TestDatabase) {
  const pool = (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
  const sessions = new UserSessions(pool);
  const user = await createUser(db.fork(), { email: `token-${Math.random().toString(36).slice(2, 8)}@example.test`, name: 'Tok' });
  const sid = await sessions.start(user.id);
  return { sessions, userId: user.id, sid };
}

describe('readSessionUserId', () => {
  test('reads the user id from a valid session cookie among others', async ({ db }) => {
    const { sessions, userId, sid } = await signedIn(db);
    const token = await encode({ token: { sub: userId, sid }, secret, salt: cookieName });
    expect(await readSessionUserId(`theme=dark; ${cookieName}=${token}; other=1`, sessions, secret)).toBe(userId);
  });

  test('joins a session cookie split into chunks', async ({ db }) => {
    const { sessions, userId, sid } = await signedIn(db);
    const token = await encode({ token: { sub: userId, sid }, secret, salt: cookieName });
    const half = Math.floor(token.length / 2);
    expect(await readSessionUserId(`${cookieName}.0=${token.slice(0, half)}; ${cookieName}.1=${token.slice(half)}`, sessions, secret)).toBe(userId);
  });

  test('a valid cookie whose session was signed out signs nobody in', async ({ db }) => {
    const { sessions, userId, sid } = await signedIn(db);
    const cookie = `${cookieName}=${await encode({ token: { sub: userId, sid }, secret, salt: cookieName })}`;
    expect(await readSessionUserId(cookie, sessions, secret)).toBe(userId);
    await sessions.revoke(sid);
    expect(await readSessionUserId(cookie, sessions, secret)).toBeNull();
  });

  test('a cookie without a server-side session (made before sessions, or forged with the secret) signs nobody in', async ({ db }) => {
    const { sessions, userId, sid } = await signedIn(db);
    expect(await readSessionUserId(`${cookieName}=${await encode({ token: { sub: userId }, secret, salt: cookieName })}`, sessions, secret)).toBeNull();
    const other = await createUser(db.fork(), { email: 'other-token@example.test', name: 'Other' });
    // Another user's session id under one's own user id.
    expect(await readSessionUserId(`${cookieName}=${await encode({ token: { sub: other.id, sid }, secret, salt: cookieName })}`, sessions, secret)).toBeNull();
  });

  test('refuses a cookie made with another secret, a tampered cookie, and no cookie', async ({ db }) => {
    const { sessions, userId, sid } = await signedIn(db);
    const foreign = await encode({ token: { sub: userId, sid }, secret: `${secret}-other`, salt: cookieName });
    expect(await readSessionUserId(`${cookieName}=${foreign}`, sessions, secret)).toBeNull();
    const token = await encode({ token: { sub: userId, sid }, secret, salt: cookieName });
    expect(await readSessionUserId(`${cookieName}=${token.slice(0, -4)}abcd`, sessions, secret)).toBeNull();
    expect(await readSessionUserId(undefined, sessions, secret)).toBeNull();
    expect(await readSessionUserId('', sessions, secret)).toBeNull();
  });

  test('refuses an expired cookie', async ({ db }) => {
    const { sessions, userId, sid } = await signedIn(db);
    const token = await encode({ token: { sub: userId, sid }, secret, salt: cookieName, maxAge: -60 });
    expect(await readSessionUserId(`${cookieName}=${token}`, sessions, secret)).toBeNull();
  });
});

describe('parseCookieHeader', () => {
  plainTest('keeps the first of duplicate names and decodes values', () => {
    const cookies = parseCookieHeader('a=1; b=hello%20world; a=2; broken; =x');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('b')).toBe('hello world');
    expect(cookies.size).toBe(2);
  });
});
