import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '@/entities';
import { normalizeEmail } from './normalize-email';

/**
 * The `dev` provider's sign-in: the user with that email, created on first use. A name is
 * used only when the user is created or has none yet.
 */
export async function signInDevUser(em: EntityManager, credentials: { email: string; name?: string }): Promise<{ id: string; email: string; name: string }> {
  const email = normalizeEmail(credentials.email);
  const fallbackName = credentials.name || email.split('@')[0] || email;
  // Insert-or-nothing, then read: two first sign-ins at once both end with the same user.
  await em
    .getConnection()
    .execute('insert into users (id, email, name, email_verified) values (gen_random_uuid(), ?, ?, now()) on conflict (email) do nothing', [
      email,
      fallbackName.slice(0, 200),
    ]);
  const user = await em.findOneOrFail(User, { email });
  if (!user.name && credentials.name) {
    user.name = credentials.name.slice(0, 200);
    await em.flush();
  }
  return { id: user.id, email: user.email, name: user.name };
}
