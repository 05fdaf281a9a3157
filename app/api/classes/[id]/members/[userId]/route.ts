import { apiHandler } from '@/lib/http/api-handler';
import { changeMemberRole, removeMember } from '@/lib/memberships/member-administration';

type Params = { id: string; userId: string };

export const PATCH = apiHandler<Params>(async ({ em, user, params, body }) => changeMemberRole(em, user.id, params.id, params.userId, await body()));

export const DELETE = apiHandler<Params>(async ({ em, user, params }) => {
  await removeMember(em, user.id, params.id, params.userId);
  return new Response(null, { status: 204 });
});
