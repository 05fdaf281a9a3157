import { recordConversationVisit } from '@/lib/conversations/conversation-visits';
import { apiHandler } from '@/lib/http/api-handler';

/** The conversation's page says its reader is leaving it: their visit moves to now (`recordConversationVisit`). */
export const POST = apiHandler<{ id: string }>(async ({ em, user, params }) => {
  await recordConversationVisit(em, user.id, params.id);
  return new Response(null, { status: 204 });
});
