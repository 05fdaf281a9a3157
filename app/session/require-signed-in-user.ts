import { redirect } from 'next/navigation';
import type { CurrentUser } from '@/lib/auth/current-user';
import { needsDisplayName, welcomePath } from '@/app/welcome/welcome-path';
import { currentUser } from './current-user';

/**
 * The signed-in user, for pages and layouts; anyone else is sent to sign in and brought back
 * to `returnTo` (a path on this site) afterwards. Someone who has not chosen a display name
 * yet is asked for one first (`/welcome`), and brought back likewise: this is the one place
 * pages resolve their user, so no page shows a nameless person to others.
 */
export async function requireSignedInUser(returnTo: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (needsDisplayName(user)) redirect(welcomePath(returnTo));
  return user;
}
