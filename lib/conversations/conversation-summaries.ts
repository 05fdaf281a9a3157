import { raw, type EntityManager } from '@mikro-orm/postgresql';
import { Conversation } from '../../entities';
import { toTimestamp } from '../field-schemas';
import { PREVIEW_CHARACTERS, type ConversationSummary } from './conversation-schemas';

/** The alias every summary query gives the conversations table. */
export const SUMMARY_ALIAS = 'c';

/**
 * The one query shape behind every list of conversations: a class's conversations that are
 * not in the trash, with the columns a summary needs, the preview cut in the database (a
 * transcript can be long), and never the Yjs document. `position` is `updated_at` to the
 * microsecond, which a JavaScript Date cannot hold, for cursors (see conversation-cursor.ts).
 * Callers add conditions (with `andWhere`), an order and a limit.
 */
export function selectConversationSummaries(em: EntityManager, classId: string) {
  const c = SUMMARY_ALIAS;
  return em
    .createQueryBuilder(Conversation, c)
    .select([
      'c.id',
      'c.title',
      'c.owner',
      'c.updatedAt',
      raw(`left(${c}.raw_text, ${PREVIEW_CHARACTERS}) as preview`),
      raw(`to_char(${c}.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position`),
    ])
    .where({ class: classId, deletedAt: null });
}

/** A row of `selectConversationSummaries`, as the query builder maps it. */
export interface ConversationSummaryRow {
  id: string;
  title: string;
  owner: string;
  updatedAt: Date;
  preview: string;
  position: string;
}

export async function fetchConversationSummaries(
  query: ReturnType<typeof selectConversationSummaries>,
): Promise<ConversationSummaryRow[]> {
  return query.execute<ConversationSummaryRow[]>('all', true);
}

export function toConversationSummary(row: ConversationSummaryRow): ConversationSummary {
  return { id: row.id, title: row.title, ownerId: row.owner, preview: row.preview, updatedAt: toTimestamp(row.updatedAt) };
}
