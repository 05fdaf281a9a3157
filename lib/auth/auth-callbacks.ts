import type { EntityManager } from '@mikro-orm/postgresql';
import type { NextAuthConfig } from 'next-auth';
import { publishDomainEvent } from '@/lib/events/domain-events';
import type { SignInLinkLimiter } from '@/lib/rate-limit/sign-in-link-limiter';
import { decideOidcSignIn } from './oidc-account-linking';
import type { UserSessions } from './user-sessions';

export interface AuthCallbackDependencies {
  entityManager: () => Promise<EntityManager>;
  sessions: () => Promise<UserSessions>;
  signInLinks: () => Promise<SignInLinkLimiter>;
  /** The calling client's IP address. */
  clientAddress: () => Promise<string>;
}

/** Where a refused sign-in goes: the sign-in page, which says what happened (`app/signin/page.tsx`). */
export function signInErrorPath(code: string, details: Record<string, string> = {}): string {
  return `/signin?${new URLSearchParams({ error: code, ...details })}`;
}

/**
 * Auth.js' callbacks and events, which make its signed cookie a handle on a server-side
 * session (`user-sessions.ts`):
 * - `signIn` limits magic-link requests (before a link is made) and refuses a school sign-in
 *   that would link an account by an unverified email;
 * - `jwt` starts a session at sign-in (its id goes into the cookie as `sid`) and, on every
 *   later read of the cookie, ends the cookie (returns null) unless that session is active;
 * - `events.signOut` revokes the session, so a copy of the cookie is worthless at once, and
 *   tells the live-sync engine, which closes that session's open connections.
 */
export function createAuthCallbacks(dependencies: AuthCallbackDependencies): Pick<NextAuthConfig, 'callbacks' | 'events'> {
  return {
    callbacks: {
      async signIn({ user, account, profile, email }) {
        if (email?.verificationRequest) {
          if (!user.email) return false;
          const limiter = await dependencies.signInLinks();
          const decision = await limiter.take({ email: user.email, address: await dependencies.clientAddress() });
          return decision.allowed ? true : signInErrorPath('TooManyLinks', { retryAfter: String(decision.retryAfterSeconds) });
        }
        if (account?.type === 'oidc') {
          const decision = await decideOidcSignIn(await dependencies.entityManager(), {
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            email: profile?.email,
            emailVerified: profile?.email_verified,
          });
          return decision === 'allowed' ? true : signInErrorPath('OidcEmailNotVerified');
        }
        return true;
      },

      async jwt({ token, user, trigger }) {
        const sessions = await dependencies.sessions();
        if ((trigger === 'signIn' || trigger === 'signUp') && user?.id) return { ...token, sid: await sessions.start(user.id) };
        if (typeof token.sid !== 'string' || typeof token.sub !== 'string') return null;
        return (await sessions.isActive(token.sid, token.sub)) ? token : null;
      },

      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async signOut(message) {
        const token = 'token' in message ? message.token : null;
        if (typeof token?.sid !== 'string') return;
        await (await dependencies.sessions()).revoke(token.sid);
        // Open live connections of this session close too (`server/sync/sync-server.ts`).
        if (typeof token.sub === 'string') publishDomainEvent({ type: 'session.signed-out', userId: token.sub, sessionId: token.sid });
      },
    },
  };
}
