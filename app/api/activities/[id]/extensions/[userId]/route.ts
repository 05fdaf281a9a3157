import { setExtension } from '@/lib/activities/extensions';
import { apiHandler } from '@/lib/http/api-handler';

export const PUT = apiHandler<{ id: string; userId: string }>(async ({ em, user, params, body }) => setExtension(em, user.id, params.id, params.userId, await body()));

export const DELETE = apiHandler<{ id: string; userId: string }>(async ({ em, user, params }) => {
  await setExtension(em, user.id, params.id, params.userId, { dueAt: null });
  return new Response(null, { status: 204 });
});
