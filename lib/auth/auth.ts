import NextAuth from 'next-auth';
import { headers } from 'next/headers';
import { getOrm } from '@/lib/db/orm';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { limits } from '@/lib/limits';
import { logger } from '@/lib/log';
import { getSignInLinkLimiter } from '@/lib/rate-limit/sign-in-link-limiter-instance';
import { createAuthCallbacks } from './auth-callbacks';
import { readAuthSettings } from './auth-settings';
import { signInDevUser } from './dev-sign-in';
import { createMikroOrmAdapter } from './mikro-orm-adapter';
import { getUserSessions } from './pages-user-sessions';
import { buildProviders } from './providers';

const entityManager = async () => (await getOrm()).em.fork();

/**
 * Auth.js for the pages and route handlers. The cookie is a signed, encrypted JWT (the `dev`
 * credentials provider requires that), so the WebSocket upgrade can read it without Next.js
 * (`session-token.ts`); it names a server-side session (`user-sessions.ts`) that every
 * request and every upgrade checks, so signing out, the idle timeout and the lifetime end it
 * at once. Who may do what is looked up in the database on every request.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const settings = readAuthSettings();
  return {
    adapter: createMikroOrmAdapter(entityManager),
    providers: buildProviders(settings, async (credentials) => signInDevUser(await entityManager(), credentials)),
    // The cookie lives as long as the longest session; the server-side session decides sooner.
    session: { strategy: 'jwt', maxAge: Math.floor(limits.sessions.lifetimeMs / 1000) },
    trustHost: true,
    pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin' },
    ...createAuthCallbacks({
      entityManager,
      sessions: getUserSessions,
      signInLinks: getSignInLinkLimiter,
      clientAddress: async () => (await headers()).get(CLIENT_ADDRESS_HEADER) ?? 'unknown',
    }),
    // Auth.js' own messages can carry addresses and tokens: log their kind only.
    logger: {
      error(error) {
        logger.warn({ authError: error.name }, 'sign-in error');
      },
      warn(code) {
        logger.warn({ authWarning: code }, 'sign-in warning');
      },
      debug() {},
    },
  };
});
