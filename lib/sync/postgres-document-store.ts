import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { AppendedUpdate, Compaction, DocumentStore, SharedCompactionStore, StoredDocument, StoredSinceKnown } from './document-store';

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * The document store on PostgreSQL: `conversations.yjs_state` and `raw_text` for the
 * compacted document, `conversation_updates` for the log. Plain SQL on a node-postgres pool:
 * this is the hot path and needs neither entities nor an identity map.
 */
export class PostgresDocumentStore implements DocumentStore, SharedCompactionStore {
  constructor(private readonly pool: pg.Pool) {}

  async load(documentId: string): Promise<StoredDocument | null> {
    const client = await this.pool.connect();
    try {
      // One snapshot for both reads, so a compaction in between cannot hide rows from us.
      await client.query('begin transaction isolation level repeatable read read only');
      const conversation = await client.query<{ yjs_state: Buffer | null; state_token: string | null }>('select yjs_state, state_token from conversations where id = $1', [
        documentId,
      ]);
      if (conversation.rowCount === 0) {
        await client.query('commit');
        return null;
      }
      const log = await client.query<{ id: string; update: Buffer }>(
        'select id, update from conversation_updates where conversation_id = $1 order by id',
        [documentId],
      );
      await client.query('commit');
      const state = conversation.rows[0]?.yjs_state;
      const last = log.rows.at(-1);
      return {
        state: state ? new Uint8Array(state) : null,
        updates: log.rows.map((row) => new Uint8Array(row.update)),
        lastSequence: last ? BigInt(last.id) : null,
        stateToken: conversation.rows[0]?.state_token ?? null,
      };
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async append(updates: AppendedUpdate[]): Promise<{ lastSequences: Map<string, bigint>; missing: Set<string> }> {
    const missing = new Set<string>();
    let pending = updates;
    for (;;) {
      if (pending.length === 0) return { lastSequences: new Map(), missing };
      try {
        // Named: each pooled connection parses and plans the hot path's statement once.
        const result = await this.pool.query<{ conversation_id: string; last: string }>({
          name: 'grimoire-append-updates',
          text: `with inserted as (
             insert into conversation_updates (conversation_id, update)
             select * from unnest($1::uuid[], $2::bytea[])
             returning conversation_id, id
           )
           select conversation_id, max(id)::text as last from inserted group by conversation_id`,
          values: [pending.map((entry) => entry.documentId), pending.map((entry) => Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength))],
        });
        return { lastSequences: new Map(result.rows.map((row) => [row.conversation_id, BigInt(row.last)])), missing };
      } catch (error) {
        if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
        // A conversation was deleted while it had unsaved edits: drop those, keep the rest.
        const ids = [...new Set(pending.map((entry) => entry.documentId))];
        const existing = await this.pool.query<{ id: string }>('select id from conversations where id = any($1::uuid[])', [ids]);
        const alive = new Set(existing.rows.map((row) => row.id));
        for (const id of ids) if (!alive.has(id)) missing.add(id);
        pending = pending.filter((entry) => alive.has(entry.documentId));
      }
    }
  }

  async compact(documentId: string, compaction: Compaction): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const { summary } = compaction;
      // The last edit: when the newest merged log row was written (greatest() skips nulls, so
      // a compaction with nothing new keeps the time it had).
      await client.query(
        `update conversations
            set yjs_state = $2, raw_text = $3, highlight_count = coalesce($4, highlight_count), comment_count = coalesce($5, comment_count),
                response_words = coalesce($6, response_words), author_characters = coalesce($7::jsonb, author_characters),
                annotation_text = coalesce($9, annotation_text), state_token = $10,
                last_edited_at = greatest(last_edited_at, (select max(created_at) from conversation_updates where conversation_id = $1 and id <= $8))
          where id = $1`,
        [
          documentId,
          Buffer.from(compaction.state.buffer, compaction.state.byteOffset, compaction.state.byteLength),
          // PostgreSQL text holds neither NUL nor lone surrogates; a client could have typed either.
          compaction.plainText.replaceAll('\u0000', '').toWellFormed(),
          summary?.highlightCount ?? null,
          summary?.commentCount ?? null,
          summary?.responseWords ?? null,
          summary ? JSON.stringify(summary.authorCharacters) : null,
          compaction.throughSequence?.toString() ?? null,
          summary?.annotationText ?? null,
          randomUUID(),
        ],
      );
      let merged = 0;
      if (compaction.throughSequence !== null) {
        const deleted = await client.query('delete from conversation_updates where conversation_id = $1 and id <= $2', [
          documentId,
          compaction.throughSequence.toString(),
        ]);
        merged = deleted.rowCount ?? 0;
      }
      await client.query('commit');
      return merged;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async compactShared(
    documentId: string,
    knownToken: string | null,
    fold: (stored: StoredSinceKnown) => Omit<Compaction, 'throughSequence'>,
  ): Promise<{ merged: number; token: string | null }> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      // One compaction at a time per conversation, whichever process runs it. `no key update`,
      // not `update`: log rows' foreign-key checks take `key share` on this row, which `for
      // update` would block for the whole fold and encoding (and with them every writer batch
      // holding a row of this conversation); rows committed meanwhile are not read, so they stay.
      const locked = await client.query<{ state_token: string | null }>('select state_token from conversations where id = $1 for no key update', [documentId]);
      if (locked.rowCount === 0) {
        await client.query('commit');
        return { merged: 0, token: knownToken };
      }
      const storedToken = locked.rows[0]?.state_token ?? null;
      let state: Uint8Array | null = null;
      if (storedToken !== knownToken) {
        const stored = await client.query<{ yjs_state: Buffer | null }>('select yjs_state from conversations where id = $1', [documentId]);
        const bytes = stored.rows[0]?.yjs_state;
        state = bytes ? new Uint8Array(bytes) : null;
      }
      const log = await client.query<{ id: string; update: Buffer }>('select id, update from conversation_updates where conversation_id = $1 order by id', [documentId]);
      const compaction = fold({ state, updates: log.rows.map((row) => new Uint8Array(row.update)) });
      const ids = log.rows.map((row) => row.id);
      const token = randomUUID();
      const { summary } = compaction;
      await client.query(
        `update conversations
            set yjs_state = $2, raw_text = $3, highlight_count = coalesce($4, highlight_count), comment_count = coalesce($5, comment_count),
                response_words = coalesce($6, response_words), author_characters = coalesce($7::jsonb, author_characters),
                annotation_text = coalesce($8, annotation_text), state_token = $9,
                last_edited_at = greatest(last_edited_at, (select max(created_at) from conversation_updates where conversation_id = $1 and id = any($10::bigint[])))
          where id = $1`,
        [
          documentId,
          Buffer.from(compaction.state.buffer, compaction.state.byteOffset, compaction.state.byteLength),
          compaction.plainText.replaceAll('\u0000', '').toWellFormed(),
          summary?.highlightCount ?? null,
          summary?.commentCount ?? null,
          summary?.responseWords ?? null,
          summary ? JSON.stringify(summary.authorCharacters) : null,
          summary?.annotationText ?? null,
          token,
          ids,
        ],
      );
      // Exactly the rows read: a row another process commits meanwhile, even with a lower id, stays.
      const deleted = ids.length > 0 ? await client.query('delete from conversation_updates where conversation_id = $1 and id = any($2::bigint[])', [documentId, ids]) : { rowCount: 0 };
      await client.query('commit');
      return { merged: deleted.rowCount ?? 0, token };
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async countLogRows(): Promise<number> {
    const result = await this.pool.query<{ count: number }>('select count(*)::int as count from conversation_updates');
    return result.rows[0]?.count ?? 0;
  }
}
