import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type { JWT } from 'next-auth/jwt';
import type pg from 'pg';
import { describe, expect } from 'vitest';
import { limits } from '@/lib/limits';
import { SignInLinkLimiter } from '@/lib/rate-limit/sign-in-link-limiter';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { createAuthCallbacks } from './auth-callbacks';
import { UserSessions } from './user-sessions';

async function callbacksOn(db: TestDatabase, options: { address?: string; now?: () => Date } = {}) {
  const pool = (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
  const sessions = new UserSessions(pool, limits.sessions, options.now);
  const limiter = new SignInLinkLimiter(pool, { perEmail: { points: 3, windowSeconds: 600 }, perAddress: { points: 5, windowSeconds: 600 } }, 'auth-callbacks-tests-secret-of-32-characters');
  const { callbacks, events } = createAuthCallbacks({
    entityManager: async () => db.fork(),
    sessions: async () => sessions,
    signInLinks: async () => limiter,
    clientAddress: async () => options.address ?? '203.0.113.7',
  });
  type SignInParams = Parameters<NonNullable<typeof callbacks>['signIn'] & {}>[0];
  type JwtParams = Parameters<NonNullable<typeof callbacks>['jwt'] & {}>[0];
  return {
    signIn: (params: Partial<SignInParams>) => callbacks!.signIn!({ user: {}, account: null, ...params } as SignInParams),
    jwt: (params: Partial<JwtParams>) => callbacks!.jwt!({ token: {}, ...params } as JwtParams),
    signOut: (token: JWT) => events!.signOut!({ token }),
  };
}

const oidcAccount = (subject: string) => ({ provider: 'oidc', type: 'oidc' as const, providerAccountId: subject });

describe('Auth.js callbacks', () => {
  test('a school sign-in with an unverified email for an existing account is sent back to the sign-in page with a reason', async ({ db }) => {
    await createUser(db.fork(), { email: 'teacher@school.example', name: 'Teacher' });
    const { signIn } = await callbacksOn(db);
    const user = { email: 'teacher@school.example' };
    expect(await signIn({ user, account: oidcAccount('subject-1'), profile: { email: 'teacher@school.example', email_verified: false } })).toBe(
      '/signin?error=OidcEmailNotVerified',
    );
    expect(await signIn({ user, account: oidcAccount('subject-1'), profile: { email: 'teacher@school.example' } })).toBe('/signin?error=OidcEmailNotVerified');
    expect(await signIn({ user, account: oidcAccount('subject-1'), profile: { email: 'teacher@school.example', email_verified: true } })).toBe(true);
  });

  test('magic links: the request past the budget is refused with when to try again', async ({ db }) => {
    const { signIn } = await callbacksOn(db);
    const ask = () => signIn({ user: { email: 'Someone@Example.test' }, email: { verificationRequest: true } });
    const answers = await Promise.all([ask(), ask(), ask(), ask(), ask()]);
    expect(answers.filter((answer) => answer === true)).toHaveLength(3);
    const refused = answers.filter((answer) => answer !== true);
    expect(refused).toHaveLength(2);
    for (const answer of refused) expect(answer).toMatch(/^\/signin\?error=TooManyLinks&retryAfter=(\d+)$/);
    const retryAfter = Number(/retryAfter=(\d+)/.exec(String(refused[0]))?.[1]);
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // The magic link's second step (opening the link) is not a request for one and is not counted.
    expect(await signIn({ user: { email: 'someone@example.test' }, account: { provider: 'email', type: 'email', providerAccountId: 'someone@example.test' } })).toBe(true);
  });

  test('magic links: one client address asking for many addresses is stopped too', async ({ db }) => {
    const { signIn } = await callbacksOn(db, { address: '198.51.100.1' });
    const answers = [];
    for (let index = 0; index < 7; index++) answers.push(await signIn({ user: { email: `person-${index}@example.test` }, email: { verificationRequest: true } }));
    expect(answers.filter((answer) => answer === true)).toHaveLength(5);
    const other = await callbacksOn(db, { address: '198.51.100.2' });
    expect(await other.signIn({ user: { email: 'person-9@example.test' }, email: { verificationRequest: true } })).toBe(true);
  });

  test('sign-in starts a session, the cookie holds while it is active, and signing out ends it', async ({ db }) => {
    const user = await createUser(db.fork(), { email: 'student@example.test', name: 'Student' });
    const { jwt, signOut } = await callbacksOn(db);
    const token = await jwt({ token: { sub: user.id }, user: { id: user.id }, trigger: 'signIn' });
    expect(token?.sid).toEqual(expect.any(String));
    expect(await jwt({ token: token! })).toEqual(token);
    await signOut(token!);
    expect(await jwt({ token: token! })).toBeNull();
    // A cookie from before server-side sessions (no sid) is ended too.
    expect(await jwt({ token: { sub: user.id } })).toBeNull();
  });

  test('an idle session ends the cookie without anyone signing out', async ({ db }) => {
    let now = Date.parse('2026-09-01T08:00:00Z');
    const user = await createUser(db.fork(), { email: 'idle@example.test', name: 'Idle' });
    const { jwt } = await callbacksOn(db, { now: () => new Date(now) });
    const token = await jwt({ token: { sub: user.id }, user: { id: user.id }, trigger: 'signUp' });
    now += limits.sessions.idleTimeoutMs - 1;
    expect(await jwt({ token: token! })).not.toBeNull();
    now += limits.sessions.idleTimeoutMs;
    expect(await jwt({ token: token! })).toBeNull();
  });
});
