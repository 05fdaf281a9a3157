import { decode, encode } from 'next-auth/jwt';
import { describe, expect, test } from 'vitest';
import { decodeSessionJwt } from './session-jwt';

const secret = 'a-test-secret-that-is-long-enough-for-auth-js';
const salt = 'authjs.session-token';

describe('decodeSessionJwt', () => {
  test('reads what Auth.js wrote as Auth.js reads it, the first time and again (its key kept)', async () => {
    const token = await encode({ token: { sub: 'user-1', sid: 'session-1', name: 'Ann' }, secret, salt });
    const expected = await decode({ token, secret, salt });
    expect(await decodeSessionJwt(token, secret, salt)).toEqual(expected);
    expect(await decodeSessionJwt(token, secret, salt)).toEqual(expected);
    const other = await encode({ token: { sub: 'user-2', sid: 'session-2' }, secret, salt });
    expect(await decodeSessionJwt(other, secret, salt)).toMatchObject({ sub: 'user-2', sid: 'session-2' });
  });

  test('refuses a token of another secret or another cookie name, even once both keys are kept', async () => {
    const otherSecret = `${secret}-other`;
    const mine = await encode({ token: { sub: 'user-1' }, secret, salt });
    const theirs = await encode({ token: { sub: 'user-1' }, secret: otherSecret, salt });
    await decodeSessionJwt(mine, secret, salt);
    await decodeSessionJwt(theirs, otherSecret, salt);
    await expect(decodeSessionJwt(theirs, secret, salt)).rejects.toThrow();
    await expect(decodeSessionJwt(mine, otherSecret, salt)).rejects.toThrow();
    const secureCookie = await encode({ token: { sub: 'user-1' }, secret, salt: `__Secure-${salt}` });
    await expect(decodeSessionJwt(secureCookie, secret, salt)).rejects.toThrow();
  });

  test('refuses a tampered token and one that is not a JWT', async () => {
    const token = await encode({ token: { sub: 'user-1' }, secret, salt });
    const parts = token.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(decodeSessionJwt(parts.join('.'), secret, salt)).rejects.toThrow();
    await expect(decodeSessionJwt('not-a-token', secret, salt)).rejects.toThrow();
  });

  test('allows 15 s of clock difference, as Auth.js does, and no more', async () => {
    const justExpired = await encode({ token: { sub: 'user-1' }, secret, salt, maxAge: -5 });
    expect(await decodeSessionJwt(justExpired, secret, salt)).toMatchObject({ sub: 'user-1' });
    const expired = await encode({ token: { sub: 'user-1' }, secret, salt, maxAge: -60 });
    await expect(decodeSessionJwt(expired, secret, salt)).rejects.toThrow();
    await expect(decode({ token: expired, secret, salt })).rejects.toThrow();
  });
});
