import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { likePatternContaining } from '@/lib/db/like-pattern';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { entityId, timestampOrNull, toTimestamp } from '@/lib/field-schemas';
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
import { headlineOptions, snippetSegments } from './search-snippet';

/*
 * The conversation lists a class has, both unguarded (the caller authorizes:
 * `browse-class-conversations.ts`): newest first (`listClassConversations`) and best match
 * first (`searchClassConversations`). Both read the one summary shape below, with what is
 * new since the caller's last visit, in one query per page.
 */

/** The alias every summary query gives the conversations table. */
const c = 'c';

/**
 * The summary columns, as SQL over `conversations c` left-joined to the caller's visits
 * (`conversation_visits v`, see `fromConversationsWithVisits`): the preview cut in the
 * database (a transcript can be long), never the Yjs document. `position` is `updated_at` to
 * the microsecond, which a JavaScript Date cannot hold, for cursors (see
 * conversation-cursor.ts). What is new since the visit is decided here, to the microsecond:
 * nobody's conversation is new to its owner.
 */
const summaryColumns = `${c}.id, ${c}.title, ${c}.owner_id as "ownerId", ${c}.updated_at as "updatedAt",
       left(${c}.raw_text, ${PREVIEW_CHARACTERS}) as preview,
       to_char(${c}.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position,
       ${c}.highlight_count as "highlightCount", ${c}.comment_count as "commentCount", ${c}.last_edited_at as "lastEditedAt",
       ${c}.activity_id as "activityId", v.visited_at as "lastVisitedAt",
       case when v.visited_at is null then case when viewer.id is null or ${c}.owner_id = viewer.id then null else 'new' end
            when ${c}.last_edited_at > v.visited_at then 'updated' end as "sinceLastVisit"`;

/**
 * `conversations c` with the caller's visit of each (one LEFT JOIN on the visits' primary
 * key: no query per row), and the caller as `viewer.id` (null when the list is for nobody in
 * particular). One parameter: the caller's id or null.
 */
const fromConversationsWithVisits = `conversations ${c}
       cross join (select cast(? as uuid) as id) viewer
       left join conversation_visits v on v.conversation_id = ${c}.id and v.user_id = viewer.id`;

/**
 * Which of a class's conversations any list shows: not in the trash, and only class
 * conversations: an activity's template and its students' workspaces are reached from the
 * activity, never listed with the class's (so a private workspace cannot leak here); a
 * whole-class activity's conversation once it is open to students, unless the viewer sees
 * it before. Parameters: the class id, whether the viewer sees unopened activities.
 */
const listedConversations = `${c}.class_id = ?
          and ${c}.deleted_at is null
          and ${c}.kind = 'conversation'
          and (? or ${activityOpenToStudentsSql})`;

/** A row of the summary shape, as the queries give it. */
interface ConversationSummaryRow {
  id: string;
  title: string;
  ownerId: string;
  updatedAt: Date | string;
  preview: string;
  position: string;
  highlightCount: number;
  commentCount: number;
  lastEditedAt: Date | string | null;
  activityId: string | null;
  lastVisitedAt: Date | string | null;
  sinceLastVisit: 'new' | 'updated' | null;
}

/** Who the list is for: instructors also see a whole-class activity's conversation before it opens to students; `userId`, whose visits say what is new. */
export interface ListViewer {
  seesUnopenedActivities: boolean;
  userId?: string;
}

function toConversationSummary(row: ConversationSummaryRow, snippet: ConversationSummary['snippet'] = null): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    ownerId: row.ownerId,
    preview: row.preview,
    updatedAt: toTimestamp(new Date(row.updatedAt)),
    highlightCount: row.highlightCount,
    commentCount: row.commentCount,
    lastEditedAt: timestampOrNull(row.lastEditedAt),
    activityId: row.activityId,
    lastVisitedAt: timestampOrNull(row.lastVisitedAt),
    sinceLastVisit: row.sinceLastVisit,
    snippet,
  };
}

/**
 * A class's conversations, newest first, a page at a time (keyset pagination on
 * `(updated_at, id)`, which the index `conversations_class_recent_index` serves), in one
 * query with the caller's visits. A row that is updated while someone pages moves to the
 * front: they see it again only when they start over, and never see a row twice or miss one
 * that stayed put.
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
  const after = cursor ? decodeConversationCursor(cursor) : undefined;
  // One more than asked: whether it comes back says whether there is a next page.
  const rows = await em.execute<ConversationSummaryRow[]>(
    `select ${summaryColumns}
       from ${fromConversationsWithVisits}
      where ${listedConversations}
        and (? or (${c}.updated_at, ${c}.id) < (cast(? as timestamptz), cast(? as uuid)))
      order by ${c}.updated_at desc, ${c}.id desc
      limit ?`,
    [
      viewer.userId ?? null,
      classId,
      viewer.seesUnopenedActivities,
      after === undefined,
      after?.position ?? '1970-01-01T00:00:00.000000Z',
      after?.id ?? '00000000-0000-0000-0000-000000000000',
      limit + 1,
    ],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toConversationSummary(row)),
    nextCursor: rows.length > limit && last ? encodeConversationCursor({ position: last.position, id: last.id }) : null,
  };
}

/**
 * The document vector: the title counts most, then the text, then the annotations (tag
 * names and comments), over `conversations c`. Must match `conversations_search_index`
 * exactly, or the index cannot serve it (a test explains a query with it).
 */
const indexedText = `left(${c}.raw_text, ${limits.document.searchIndexCharacters})`;
const indexedAnnotations = `left(${c}.annotation_text, ${limits.document.annotationSearchCharacters})`;
export const conversationSearchVector = `(setweight(to_tsvector('simple', ${c}.title), 'A') || setweight(to_tsvector('english', ${indexedText}), 'B') || setweight(to_tsvector('english', ${indexedAnnotations}), 'C'))`;

/** A headline of `text` for the query, over at most the indexed prefix, the sentinels it marks with taken out of the text first. */
const headlineOf = (text: string) => `ts_headline('english', translate(${text}, chr(1) || chr(2), '  '), search.query, search.options)`;

const searchCursorSchema = z.tuple([z.number(), z.iso.datetime({ precision: 6 }), entityId()]);

interface SearchRow extends ConversationSummaryRow {
  rank: number;
  textHeadline: string | null;
  annotationHeadline: string | null;
}

/**
 * A class's conversations matching `q`, best first (the same conversations as the list):
 * PostgreSQL full-text search over title, text and annotations (web-search syntax: words,
 * "quoted phrases", -excluded), ranked by `ts_rank_cd`, plus any whose title contains `q` as
 * typed. Keyset pagination on (rank, updated_at, id). Each row of the page comes with the
 * passage that matched (`snippet`): a headline of the indexed text, else of the annotation
 * text, computed for the page's rows only. In SQL (a ranked CTE is beyond the query builder).
 */
export async function searchClassConversations(
  em: EntityManager,
  classId: string,
  options: { q: string; limit: number; cursor?: string },
  viewer: ListViewer = { seesUnopenedActivities: false },
): Promise<ConversationPage> {
  const after = options.cursor ? decodeSearchCursor(options.cursor) : undefined;
  const rows = await em.execute<SearchRow[]>(
    `with search as (
       select websearch_to_tsquery('english', ?) || websearch_to_tsquery('simple', ?) as query, cast(? as text) as options
     ), ranked as (
       select ${summaryColumns},
              (ts_rank_cd(${conversationSearchVector}, search.query) + case when ${c}.title ilike ? then 1 else 0 end)::real as rank
         from ${fromConversationsWithVisits}, search
        where ${listedConversations}
          and (${conversationSearchVector} @@ search.query or ${c}.title ilike ?)
     ), page as (
       select * from ranked
        where ? or (rank, "updatedAt", id) < (cast(? as real), cast(? as timestamptz), cast(? as uuid))
        order by rank desc, "updatedAt" desc, id desc
        limit ?
     )
     select page.*, text_match.headline as "textHeadline",
            case when strpos(text_match.headline, chr(1)) > 0 then null else ${headlineOf(indexedAnnotations)} end as "annotationHeadline"
       from page
       join conversations ${c} on ${c}.id = page.id
       cross join search
       cross join lateral (select ${headlineOf(indexedText)} as headline) text_match
      order by page.rank desc, page."updatedAt" desc, page.id desc`,
    [
      options.q,
      options.q,
      headlineOptions,
      likePatternContaining(options.q),
      viewer.userId ?? null,
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
    items: page.map((row) => toConversationSummary(row, snippetOf(row))),
    nextCursor: rows.length > options.limit && last ? encodeSearchCursor(last.rank, last.position, last.id) : null,
  };
}

function snippetOf(row: SearchRow): ConversationSummary['snippet'] {
  const inText = snippetSegments(row.textHeadline);
  if (inText) return { source: 'text', segments: inText };
  const inAnnotations = snippetSegments(row.annotationHeadline);
  return inAnnotations ? { source: 'annotations', segments: inAnnotations } : null;
}

function encodeSearchCursor(rank: number, position: string, id: string): string {
  return encodeOpaqueCursor([rank, position, id]);
}

function decodeSearchCursor(encoded: string): { rank: number; position: string; id: string } {
  const [rank, position, id] = decodeOpaqueCursor(encoded, searchCursorSchema);
  return { rank, position, id };
}
