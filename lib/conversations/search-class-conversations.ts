import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { likePatternContaining } from '../db/like-pattern';
import { limits } from '../limits';
import { entityId, toTimestamp } from '../field-schemas';
import { PREVIEW_CHARACTERS, type ConversationPage } from './conversation-schemas';
import { decodeOpaqueCursor, encodeOpaqueCursor } from './opaque-cursor';

/** The document vector: the title counts more than the text. Must match `conversations_search_index`. */
const searchVector = `(setweight(to_tsvector('simple', c.title), 'A') || setweight(to_tsvector('english', left(c.raw_text, ${limits.document.searchIndexCharacters})), 'B'))`;

const cursorSchema = z.tuple([z.number(), z.iso.datetime({ precision: 6 }), entityId()]);

/**
 * A class's conversations matching `q`, best first (none in the trash): PostgreSQL full-text
 * search over title and text (web-search syntax: words, "quoted phrases", -excluded), ranked
 * by `ts_rank_cd`, plus any whose title contains `q` as typed. Keyset pagination on (rank,
 * updated_at, id).
 */
export async function searchClassConversations(
  em: EntityManager,
  classId: string,
  options: { q: string; limit: number; cursor?: string },
): Promise<ConversationPage> {
  const after = options.cursor ? decodeSearchCursor(options.cursor) : undefined;
  const rows = await em.execute<Array<{ id: string; title: string; owner_id: string; preview: string; updated_at: Date; position: string; rank: number }>>(
    `with search as (
       select websearch_to_tsquery('english', ?) || websearch_to_tsquery('simple', ?) as query
     ), ranked as (
       select c.id, c.title, c.owner_id, left(c.raw_text, ${PREVIEW_CHARACTERS}) as preview, c.updated_at,
              to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position,
              (ts_rank_cd(${searchVector}, search.query) + case when c.title ilike ? then 1 else 0 end)::real as rank
         from conversations c, search
        where c.class_id = ?
          and c.deleted_at is null
          and (${searchVector} @@ search.query or c.title ilike ?)
     )
     select * from ranked
      where ? or (rank, updated_at, id) < (cast(? as real), cast(? as timestamptz), cast(? as uuid))
      order by rank desc, updated_at desc, id desc
      limit ?`,
    [
      options.q,
      options.q,
      likePatternContaining(options.q),
      classId,
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
    items: page.map((row) => ({ id: row.id, title: row.title, ownerId: row.owner_id, preview: row.preview, updatedAt: toTimestamp(new Date(row.updated_at)) })),
    nextCursor: rows.length > options.limit && last ? encodeSearchCursor(last.rank, last.position, last.id) : null,
  };
}

function encodeSearchCursor(rank: number, position: string, id: string): string {
  return encodeOpaqueCursor([rank, position, id]);
}

function decodeSearchCursor(encoded: string): { rank: number; position: string; id: string } {
  const [rank, position, id] = decodeOpaqueCursor(encoded, cursorSchema);
  return { rank, position, id };
}
