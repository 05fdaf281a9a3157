import { raw, type EntityManager } from '@mikro-orm/postgresql';
import { likePatternContaining } from '../db/like-pattern';
import { requireWellFormedId } from '../db/load-by-id';
import { parseInput } from '../parse-input';
import { conversationListQuerySchema, type ConversationListQuery, type ConversationPage } from './conversation-schemas';
import { decodeConversationCursor, encodeConversationCursor } from './conversation-cursor';
import { fetchConversationSummaries, selectConversationSummaries, SUMMARY_ALIAS, toConversationSummary } from './conversation-summaries';

/**
 * A class's conversations, newest first, a page at a time (keyset pagination on
 * `(updated_at, id)`, which the index `conversations_class_recent_index` serves). A row
 * that is updated while someone pages moves to the front: they see it again only when they
 * start over, and never see a row twice or miss one that stayed put.
 *
 * Not the ORM's `findByCursor`: its cursors carry JavaScript Dates (milliseconds), and rows
 * whose `updated_at` differ below a millisecond would be skipped or repeated.
 */
export async function listClassConversations(em: EntityManager, classId: string, query: ConversationListQuery = {}): Promise<ConversationPage> {
  requireWellFormedId(classId, 'class');
  const { limit, cursor, q } = parseInput(conversationListQuerySchema, query);
  const select = selectConversationSummaries(em, classId);
  if (q) select.andWhere({ title: { $ilike: likePatternContaining(q) } });
  if (cursor) {
    const after = decodeConversationCursor(cursor);
    const c = SUMMARY_ALIAS;
    select.andWhere(raw(`(${c}.updated_at, ${c}.id) < (cast(? as timestamptz), cast(? as uuid))`, [after.position, after.id]));
  }
  // One more than asked: whether it comes back says whether there is a next page.
  const rows = await fetchConversationSummaries(select.orderBy([{ updatedAt: 'desc' }, { id: 'desc' }]).limit(limit + 1));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toConversationSummary),
    nextCursor: rows.length > limit && last ? encodeConversationCursor({ position: last.position, id: last.id }) : null,
  };
}
