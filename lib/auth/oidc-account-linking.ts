import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, User } from '@/entities';
import { normalizeEmail } from './normalize-email';

export interface OidcSignIn {
  provider: string;
  providerAccountId: string;
  /** The profile's `email` and `email_verified` claims, as the provider sent them. */
  email?: unknown;
  emailVerified?: unknown;
}

export type OidcSignInDecision = 'allowed' | 'unverified-email';

/**
 * Whether a school sign-in may go ahead. Auth.js links a provider identity to an existing
 * account with the same email (`allowDangerousEmailAccountLinking`), which hands that account
 * to whoever controls the identity; so it is allowed only when the provider vouches for the
 * address (`email_verified: true`; the string `"true"` some providers send counts). An
 * identity already linked, or one whose email no account has, signs in as before.
 */
export async function decideOidcSignIn(em: EntityManager, signIn: OidcSignIn): Promise<OidcSignInDecision> {
  const linked = await em.count(Account, { provider: signIn.provider, providerAccountId: signIn.providerAccountId });
  if (linked > 0) return 'allowed';
  if (typeof signIn.email !== 'string' || signIn.email.trim() === '') return 'allowed';
  const existing = await em.count(User, { email: normalizeEmail(signIn.email) });
  if (existing === 0) return 'allowed';
  return signIn.emailVerified === true || signIn.emailVerified === 'true' ? 'allowed' : 'unverified-email';
}
