import { raw, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Conversation } from '@/entities';
import { likePatternContaining } from '@/lib/db/like-pattern';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { entityId, toTimestamp } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';
import { parseInput } from '@/lib/parse-input';
import {
  conversationListQuerySchema,
  PREVIEW_CHARACTERS,
  type ConversationListQuery,
  type ConversationPage,
  type ConversationSummary,
} from './conversation-schemas';
import { decodeConversationCursor, encodeConversationCursor } from './conversation-cursor';
import { activityOpenToStudentsSql } from './conversation-access';
import { decodeOpaqueCursor, encodeOpaqueCursor } from './opaque-cursor';

/*
 * The conversation lists a class has, both unguarded (the caller authorizes:
 * `browse-class-conversations.ts`): newest first (`listClassConversations`) and best match
 * first (`searchClassConversations`). Both read the one summary shape below.
 */

/** The alias every summary query gives the conversations table. */
const c = 'c';

/**
 * The summary columns, as SQL: the preview cut in the database (a transcript can be long),
 * never the Yjs document. `position` is `updated_at` to the microsecond, which a JavaScript
 * Date cannot hold, for cursors (see conversation-cursor.ts).
 */
const summaryColumns = {
  preview: `left(${c}.raw_text, ${PREVIEW_CHARACTERS}) as preview`,
  position: `to_char(${c}.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position`,
};

/** A row of the summary shape, as the query builder maps it. */
interface ConversationSummaryRow {
  id: string;
  title: string;
  owner: string;
  updatedAt: Date;
  preview: string;
  position: string;
}

/**
 * The one query shape behind every list of conversations: a class's conversations that are
 * not in the trash, with the summary columns. Callers add conditions, an order and a limit.
 * Only class conversations: an activity's template and its students' workspaces are reached
 * from the activity, never listed with the class's (so a private workspace cannot leak here).
 */
function selectConversationSummaries(em: EntityManager, classId: string, viewer: ListViewer) {
  const select = em
    .createQueryBuilder(Conversation, c)
    .select([`${c}.id`, `${c}.title`, `${c}.owner`, `${c}.updatedAt`, raw(summaryColumns.preview), raw(summaryColumns.position)])
    .where({ class: classId, deletedAt: null, kind: 'conversation' });
  if (!viewer.seesUnopenedActivities) select.andWhere(raw(activityOpenToStudentsSql));
  return select;
}

/** Who the list is for: instructors also see a whole-class activity's conversation before it opens to students. */
export interface ListViewer {
  seesUnopenedActivities: boolean;
}

function toConversationSummary(row: ConversationSummaryRow): ConversationSummary {
  return { id: row.id, title: row.title, ownerId: row.owner, preview: row.preview, updatedAt: toTimestamp(new Date(row.updatedAt)) };
}

/**
 * A class's conversations, newest first, a page at a time (keyset pagination on
 * `(updated_at, id)`, which the index `conversations_class_recent_index` serves). A row
 * that is updated while someone pages moves to the front: they see it again only when they
 * start over, and never see a row twice or miss one that stayed put.
 *
 * Not the ORM's `findByCursor`: its cursors carry JavaScript Dates (milliseconds), and rows
 * whose `updated_at` differ below a millisecond would be skipped or repeated.
 */
export async function listClassConversations(
  em: EntityManager,
  classId: string,
  query: Omit<ConversationListQuery, 'q'> = {},
  viewer: ListViewer = { seesUnopenedActivities: false },
): Promise<ConversationPage> {
  requireWellFormedId(classId, 'class');
  const { limit, cursor } = parseInput(conversationListQuerySchema, query);
  const select = selectConversationSummaries(em, classId, viewer);
  if (cursor) {
    const after = decodeConversationCursor(cursor);
    select.andWhere(raw(`(${c}.updated_at, ${c}.id) < (cast(? as timestamptz), cast(? as uuid))`, [after.position, after.id]));
  }
  // One more than asked: whether it comes back says whether there is a next page.
  const rows = await select
    .orderBy([{ updatedAt: 'desc' }, { id: 'desc' }])
    .limit(limit + 1)
    .execute<ConversationSummaryRow[]>('all', true);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toConversationSummary),
    nextCursor: rows.length > limit && last ? encodeConversationCursor({ position: last.position, id: last.id }) : null,
  };
}

/** The document vector: the title counts more than the text. Must match `conversations_search_index`. */
const searchVector = `(setweight(to_tsvector('simple', ${c}.title), 'A') || setweight(to_tsvector('english', left(${c}.raw_text, ${limits.document.searchIndexCharacters})), 'B'))`;

const searchCursorSchema = z.tuple([z.number(), z.iso.datetime({ precision: 6 }), entityId()]);

/**
 * A class's conversations matching `q`, best first (none in the trash, no template or
 * workspace, as in the list): PostgreSQL full-text
 * search over title and text (web-search syntax: words, "quoted phrases", -excluded), ranked
 * by `ts_rank_cd`, plus any whose title contains `q` as typed. Keyset pagination on (rank,
 * updated_at, id). The same summary columns as every list, in SQL (a ranked CTE is beyond
 * the query builder).
 */
export async function searchClassConversations(
  em: EntityManager,
  classId: string,
  options: { q: string; limit: number; cursor?: string },
  viewer: ListViewer = { seesUnopenedActivities: false },
): Promise<ConversationPage> {
  const after = options.cursor ? decodeSearchCursor(options.cursor) : undefined;
  const rows = await em.execute<Array<ConversationSummaryRow & { rank: number }>>(
    `with search as (
       select websearch_to_tsquery('english', ?) || websearch_to_tsquery('simple', ?) as query
     ), ranked as (
       select ${c}.id, ${c}.title, ${c}.owner_id as owner, ${c}.updated_at as "updatedAt",
              ${summaryColumns.preview}, ${summaryColumns.position},
              (ts_rank_cd(${searchVector}, search.query) + case when ${c}.title ilike ? then 1 else 0 end)::real as rank
         from conversations ${c}, search
        where ${c}.class_id = ?
          and ${c}.deleted_at is null
          and ${c}.kind = 'conversation'
          and (? or ${activityOpenToStudentsSql})
          and (${searchVector} @@ search.query or ${c}.title ilike ?)
     )
     select * from ranked
      where ? or (rank, "updatedAt", id) < (cast(? as real), cast(? as timestamptz), cast(? as uuid))
      order by rank desc, "updatedAt" desc, id desc
      limit ?`,
    [
      options.q,
      options.q,
      likePatternContaining(options.q),
      classId,
      viewer.seesUnopenedActivities,
      likePatternContaining(options.q),
      after === undefined,
      after?.rank ?? 0,
      after?.position ?? '1970-01-01T00:00:00.000000Z',
      after?.id ?? '00000000-0000-0000-0000-000000000000',
      options.limit + 1,
    ],
  );
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map(toConversationSummary),
    nextCursor: rows.length > options.limit && last ? encodeSearchCursor(last.rank, last.position, last.id) : null,
  };
}

function encodeSearchCursor(rank: number, position: string, id: string): string {
  return encodeOpaqueCursor([rank, position, id]);
}

function decodeSearchCursor(encoded: string): { rank: number; position: string; id: string } {
  const [rank, position, id] = decodeOpaqueCursor(encoded, searchCursorSchema);
  return { rank, position, id };
}
