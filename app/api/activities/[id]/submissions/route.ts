import { apiHandler } from '@/lib/http/api-handler';
import { activityOverview, parseOverviewQuery } from '@/lib/submissions/activity-overview';

/** Every student's work on the activity (`?status=&sort=`), for its class's instructors. */
export const GET = apiHandler<{ id: string }>(({ em, user, params, request }) =>
  activityOverview(em, user.id, params.id, parseOverviewQuery(new URL(request.url).searchParams)),
);
