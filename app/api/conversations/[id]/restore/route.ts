import { restoreConversation } from '@/lib/conversations/conversation-trash';
import { apiHandler } from '@/lib/http/api-handler';

export const POST = apiHandler<{ id: string }>(({ em, user, params }) => restoreConversation(em, user.id, params.id));
