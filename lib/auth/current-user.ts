import { User } from '@/entities';
import { getOrm } from '@/lib/db/orm';
import { auth } from './auth';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

/**
 * The signed-in user, looked up afresh (a deleted user's still-valid cookie signs nobody in),
 * or null. For server components, server actions and route handlers.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const em = (await getOrm()).em.fork();
  const user = await em.findOne(User, { id }, { fields: ['id', 'email', 'name', 'isAdmin'] });
  return user ? { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin } : null;
}
