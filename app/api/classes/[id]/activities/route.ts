import { createActivity, listClassActivities } from '@/lib/activities/activity-administration';
import { apiHandler, jsonResponse } from '@/lib/http/api-handler';

export const GET = apiHandler<{ id: string }>(({ em, user, params }) => listClassActivities(em, user.id, params.id));

export const POST = apiHandler<{ id: string }>(async ({ em, user, params, body }) =>
  jsonResponse(await createActivity(em, user.id, params.id, await body()), 201),
);
