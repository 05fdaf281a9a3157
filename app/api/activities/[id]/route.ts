import { getActivity, updateActivity } from '@/lib/activities/activity-administration';
import { apiHandler } from '@/lib/http/api-handler';

export const GET = apiHandler<{ id: string }>(({ em, user, params }) => getActivity(em, user.id, params.id));

export const PATCH = apiHandler<{ id: string }>(async ({ em, user, params, body }) => updateActivity(em, user.id, params.id, await body()));
