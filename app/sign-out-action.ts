'use server';

import { auth, signOut } from '@/lib/auth/auth';
import { getUserSessions } from '@/lib/auth/pages-user-sessions';
import { signOutEverywhere } from '@/lib/auth/sign-out-everywhere';

/** Signs this browser's session out on the server (Auth.js' `signOut` event revokes it). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}

/** Signs the person out on every browser and device, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const userId = (await auth())?.user?.id;
  if (userId) await signOutEverywhere(await getUserSessions(), userId);
  await signOut({ redirectTo: '/' });
}
