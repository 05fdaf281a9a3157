import { changeConversation, deleteConversation, getConversationForMember } from '@/lib/conversations/conversation-administration';
import { apiHandler } from '@/lib/http/api-handler';

export const GET = apiHandler<{ id: string }>(({ em, user, params }) => getConversationForMember(em, user.id, params.id));

export const PATCH = apiHandler<{ id: string }>(async ({ em, user, params, body }) => changeConversation(em, user.id, params.id, await body()));

export const DELETE = apiHandler<{ id: string }>(async ({ em, user, params }) => {
  await deleteConversation(em, user.id, params.id);
  return new Response(null, { status: 204 });
});
