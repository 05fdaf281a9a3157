import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getClassForMember } from '@/lib/classes/class-administration';
import { getOrm } from '@/lib/db/orm';
import { NotFoundError } from '@/lib/errors';
import { requireSignedInUser } from '@/app/session/require-signed-in-user';

/**
 * The class as the signed-in member sees it, once per request (the layout checks access,
 * the page and its title use it). Signed-out visitors go to sign in; non-members and
 * unknown ids get the 404 page, the same for both.
 */
export const loadClassForPage = cache(async (classId: string) => {
  const user = await requireSignedInUser(`/classes/${encodeURIComponent(classId)}`);
  try {
    const detail = await getClassForMember((await getOrm()).em.fork(), user.id, classId);
    return { user, detail };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
