import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getActivity } from '@/lib/activities/activity-administration';
import { getClassForMember } from '@/lib/classes/class-administration';
import { getOrm } from '@/lib/db/orm';
import { NotFoundError } from '@/lib/errors';
import { requireSignedInUser } from '@/app/session/require-signed-in-user';

/**
 * The activity as the signed-in member sees it, with its class, once per request. Signed-out
 * visitors go to sign in; anyone who may not see it (a non-member, a student before it is
 * published or open) gets the 404 page, as for an activity that does not exist.
 */
export const loadActivityForPage = cache(async (activityId: string) => {
  const user = await requireSignedInUser(`/activities/${encodeURIComponent(activityId)}`);
  try {
    const em = (await getOrm()).em.fork();
    const activity = await getActivity(em, user.id, activityId);
    const course = await getClassForMember(em, user.id, activity.classId);
    return { user, activity, course };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
