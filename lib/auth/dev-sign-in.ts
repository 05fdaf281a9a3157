import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '@/entities';
import { limits } from '@/lib/limits';
import { normalizeEmail } from './normalize-email';

/**
 * The `dev` provider's sign-in: the user with that email, created on first use. A name is
 * used only when the user is created or has none yet; without one the user stays nameless
 * (never named after their email, which other members must not see) and the pages ask for
 * a name first (`/welcome`).
 */
export async function signInDevUser(em: EntityManager, credentials: { email: string; name?: string }): Promise<{ id: string; email: string; name: string }> {
  const email = normalizeEmail(credentials.email);
  const name = (credentials.name ?? '').trim().slice(0, limits.fields.displayNameCharacters);
  // Insert-or-nothing, then read: two first sign-ins at once both end with the same user.
  await em
    .getConnection()
    .execute('insert into users (id, email, name, email_verified) values (gen_random_uuid(), ?, ?, now()) on conflict (email) do nothing', [email, name]);
  const user = await em.findOneOrFail(User, { email });
  if (!user.name && name) {
    user.name = name;
    await em.flush();
  }
  return { id: user.id, email: user.email, name: user.name };
}
