import NextAuth from 'next-auth';
import { getOrm } from '../db/orm';
import { logger } from '../log';
import { readAuthSettings } from './auth-settings';
import { signInDevUser } from './dev-sign-in';
import { createMikroOrmAdapter } from './mikro-orm-adapter';
import { buildProviders } from './providers';

/**
 * Auth.js for the pages and route handlers. Sessions are signed, encrypted JWT cookies
 * (the `dev` credentials provider requires that), so the WebSocket upgrade can read them
 * without Next.js (`session-token.ts`); who may do what is still looked up in the database
 * on every request.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const settings = readAuthSettings();
  return {
    adapter: createMikroOrmAdapter(async () => (await getOrm()).em.fork()),
    providers: buildProviders(settings, async (credentials) => signInDevUser((await getOrm()).em.fork(), credentials)),
    session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
    trustHost: true,
    pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin' },
    callbacks: {
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
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
