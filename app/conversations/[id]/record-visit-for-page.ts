import { recordConversationVisit } from '@/lib/conversations/conversation-visits';
import { getOrm } from '@/lib/db/orm';
import { NotFoundError } from '@/lib/errors';

/**
 * The page's render is a visit (the class list then shows nothing new here for its reader).
 * The page has found the conversation already; one deleted since is nothing to record.
 */
export async function recordVisitForPage(userId: string, conversationId: string): Promise<void> {
  try {
    await recordConversationVisit((await getOrm()).em.fork(), userId, conversationId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
}
