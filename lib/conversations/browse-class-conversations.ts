import type { EntityManager } from '@mikro-orm/postgresql';
import { requireClassMember } from '@/lib/classes/class-access';
import { parseInput } from '@/lib/parse-input';
import { conversationListQuerySchema, type ConversationListQuery, type ConversationPage } from './conversation-schemas';
import { listClassConversations, searchClassConversations } from './conversation-queries';

/**
 * A member's view of a class's conversations (`GET /api/classes/:id/conversations`):
 * newest first, or with `q`, the best matches first with the passage that matched; each
 * with what is new to this member since their last visit.
 */
export async function browseClassConversations(em: EntityManager, userId: string, classId: string, query: ConversationListQuery): Promise<ConversationPage> {
  const { role } = await requireClassMember(em, userId, classId);
  const { limit, cursor, q } = parseInput(conversationListQuerySchema, query);
  const viewer = { seesUnopenedActivities: role === 'instructor', userId };
  if (q && q.trim()) return searchClassConversations(em, classId, { q: q.trim(), limit, cursor }, viewer);
  return listClassConversations(em, classId, { limit, cursor }, viewer);
}
