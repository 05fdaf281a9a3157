import type { EntityManager } from '@mikro-orm/postgresql';
import { isForeignKeyViolation } from '@/lib/db/constraint-violation';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { NotFoundError } from '@/lib/errors';
import { checkLiveDocumentAccess } from './conversation-access';

/**
 * A member opened a conversation's page (its server render, and the page's `POST
 * /api/conversations/:id/visit` when they leave it): their visit moves to now. One upsert on
 * the (conversation, user) key, so double loads, concurrent tabs and retries leave one row;
 * a visit never moves back. Only for someone who may see the conversation (the same rule as
 * the page): anyone else gets the `NotFoundError` the page would give.
 */
export async function recordConversationVisit(em: EntityManager, userId: string, conversationId: string): Promise<void> {
  requireWellFormedId(conversationId, 'conversation');
  const access = await checkLiveDocumentAccess((sql, parameters) => em.execute(sql, parameters), userId, conversationId);
  if (!access.granted) throw new NotFoundError('conversation');
  try {
    await em.execute(
      `insert into conversation_visits (conversation_id, user_id, visited_at) values (?, ?, clock_timestamp())
       on conflict (conversation_id, user_id) do update set visited_at = greatest(conversation_visits.visited_at, excluded.visited_at)`,
      [conversationId, userId],
    );
  } catch (error) {
    // Purged, or the account removed, since the check: there is nothing to remember.
    if (isForeignKeyViolation(error, 'conversation_visits_conversation_id_foreign') || isForeignKeyViolation(error, 'conversation_visits_user_id_foreign')) {
      throw new NotFoundError('conversation');
    }
    throw error;
  }
}
