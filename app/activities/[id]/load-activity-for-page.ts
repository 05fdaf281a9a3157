import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getActivity } from '@/lib/activities/activity-administration';
import { getClassForMember } from '@/lib/classes/class-administration';
import { getOrm } from '@/lib/db/orm';
import { NotFoundError } from '@/lib/errors';
import { requireSignedInUser } from '@/app/session/require-signed-in-user';

/**
 * The activity as the signed-in member sees it, once per request. Signed-out visitors go to
 * sign in; anyone who may not see it (a non-member, a student before it is published or
 * open) gets the 404 page, as for an activity that does not exist. Its class comes as a
 * promise: the layout waits for it before anything streams, the page's other queries need not.
 */
export const loadActivityForPage = cache(async (activityId: string) => {
  const user = await requireSignedInUser(`/activities/${encodeURIComponent(activityId)}`);
  try {
    const activity = await getActivity((await getOrm()).em.fork(), user.id, activityId);
    const course = getOrm()
      .then((orm) => getClassForMember(orm.em.fork(), user.id, activity.classId))
      .catch((error: unknown) => {
        // Removed from the class a moment ago: the 404 page, as for the activity.
        if (error instanceof NotFoundError) notFound();
        throw error;
      });
    // Awaited by the layout and the page; a failure shows there, not as an unhandled rejection meanwhile.
    course.catch(() => undefined);
    return { user, activity, course };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
