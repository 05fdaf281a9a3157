import { redirect } from 'next/navigation';
import type { CurrentUser } from '@/lib/auth/current-user';
import { currentUser } from './current-user';

/**
 * The signed-in user, for pages and layouts; anyone else is sent to sign in and brought back
 * to `returnTo` (a path on this site) afterwards.
 */
export async function requireSignedInUser(returnTo: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
