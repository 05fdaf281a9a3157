import type { ReactNode } from 'react';
import { requireSignedInUser } from '@/app/session/require-signed-in-user';

/** Signed-out visitors are sent to sign in before anything streams (a real redirect). */
export default async function ProfileLayout({ children }: { children: ReactNode }) {
  await requireSignedInUser('/profile');
  return children;
}
