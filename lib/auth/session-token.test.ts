import { encode } from 'next-auth/jwt';
import { describe, expect, test } from 'vitest';
import { parseCookieHeader, readSessionUserId } from './session-token';

const secret = 'a-test-secret-that-is-long-enough-for-auth-js';
const cookieName = 'authjs.session-token';

describe('readSessionUserId', () => {
  test('reads the user id from a valid session cookie among others', async () => {
    const token = await encode({ token: { sub: 'user-123' }, secret, salt: cookieName });
    expect(await readSessionUserId(`theme=dark; ${cookieName}=${token}; other=1`, secret)).toBe('user-123');
  });

  test('joins a session cookie split into chunks', async () => {
    const token = await encode({ token: { sub: 'user-456' }, secret, salt: cookieName });
    const half = Math.floor(token.length / 2);
    expect(await readSessionUserId(`${cookieName}.0=${token.slice(0, half)}; ${cookieName}.1=${token.slice(half)}`, secret)).toBe('user-456');
  });

  test('refuses a cookie made with another secret, a tampered cookie, and no cookie', async () => {
    const foreign = await encode({ token: { sub: 'user-123' }, secret: `${secret}-other`, salt: cookieName });
    expect(await readSessionUserId(`${cookieName}=${foreign}`, secret)).toBeNull();
    const token = await encode({ token: { sub: 'user-123' }, secret, salt: cookieName });
    expect(await readSessionUserId(`${cookieName}=${token.slice(0, -4)}abcd`, secret)).toBeNull();
    expect(await readSessionUserId(undefined, secret)).toBeNull();
    expect(await readSessionUserId('', secret)).toBeNull();
  });

  test('refuses an expired session', async () => {
    const token = await encode({ token: { sub: 'user-123' }, secret, salt: cookieName, maxAge: -60 });
    expect(await readSessionUserId(`${cookieName}=${token}`, secret)).toBeNull();
  });
});

describe('parseCookieHeader', () => {
  test('keeps the first of duplicate names and decodes values', () => {
    const cookies = parseCookieHeader('a=1; b=hello%20world; a=2; broken; =x');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('b')).toBe('hello world');
    expect(cookies.size).toBe(2);
  });
});
