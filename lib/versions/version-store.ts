import type pg from 'pg';
import * as Y from 'yjs';
import type { VersionReason } from '@/entities/conversation-version';
import { entityId } from '@/lib/field-schemas';

const FOREIGN_KEY_VIOLATION = '23503';
const UNIQUE_VIOLATION = '23505';

/** The newest version of a document: where the next one's difference starts. */
export interface LatestVersion {
  id: string;
  position: number;
  stateVector: Uint8Array;
  createdAt: string;
  /** Bytes of the nearest whole state at or before it, and of the differences kept after that. */
  sinceComplete: { completeBytes: number; differenceBytes: number };
}

export interface NewVersion {
  /** Chosen by the caller, so that retrying a write whose answer was lost is harmless. */
  id: string;
  /** The previous version's position + 1. */
  position: number;
  reason: VersionReason;
  label: string | null;
  createdBy: string | null;
  authorIds: string[];
  /** Whether `update` is a whole state rather than the difference from the previous version. */
  complete: boolean;
  update: Uint8Array;
  stateVector: Uint8Array;
  /** The moment it was captured. */
  createdAt: Date;
}

/** Why a version could not be stored, for good: retrying would fail the same way. */
export class VersionRefusedError extends Error {
  constructor(readonly why: 'document-missing' | 'position-taken') {
    super(why === 'document-missing' ? 'The conversation no longer exists.' : 'Another version already holds this position.');
  }
}

/**
 * Where versions of documents are kept. A version's document is its nearest whole state
 * merged with every difference after it up to its position.
 */
export interface VersionStore {
  latest(documentId: string): Promise<LatestVersion | null>;
  /** Stores a version; a `VersionRefusedError` when the document is gone or the position taken. */
  append(documentId: string, version: NewVersion): Promise<{ id: string; createdAt: string }>;
  /** The version's document as one update, or null when the document has no such version. */
  documentAt(documentId: string, versionId: string): Promise<Uint8Array | null>;
}

/** Versions in `conversation_versions`, in plain SQL on a node-postgres pool, like the document store. */
export class PostgresVersionStore implements VersionStore {
  constructor(private readonly pool: pg.Pool) {}

  async latest(documentId: string): Promise<LatestVersion | null> {
    const result = await this.pool.query<{
      id: string;
      position: number;
      state_vector: Buffer;
      created_at: Date | string;
      complete_bytes: number;
      difference_bytes: number;
    }>(
      // Sizes from octet_length, which PostgreSQL answers from the stored value's header.
      `with last as (
         select id, position, state_vector, created_at from conversation_versions
         where conversation_id = $1 order by position desc limit 1
       ), base as (
         select coalesce(max(position), 0) as position from conversation_versions where conversation_id = $1 and complete
       )
       select last.id, last.position, last.state_vector, last.created_at,
         coalesce((select octet_length(update) from conversation_versions where conversation_id = $1 and position = base.position), 0)::int as complete_bytes,
         coalesce((select sum(octet_length(update)) from conversation_versions where conversation_id = $1 and position > base.position), 0)::int as difference_bytes
       from last, base`,
      [documentId],
    );
    const row = result.rows[0];
    if (!row) return null;
    return {
      id: row.id,
      position: row.position,
      stateVector: new Uint8Array(row.state_vector),
      createdAt: toTimestamp(row.created_at),
      sinceComplete: { completeBytes: row.complete_bytes, differenceBytes: row.difference_bytes },
    };
  }

  async append(documentId: string, version: NewVersion): Promise<{ id: string; createdAt: string }> {
    try {
      const result = await this.pool.query<{ id: string; created_at: Date | string }>(
        `insert into conversation_versions
           (id, conversation_id, position, reason, label, created_by_id, author_ids, complete, update, state_vector, created_at, updated_at)
         values ($11, $1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $10)
         returning id, created_at`,
        [
          documentId,
          version.position,
          version.reason,
          version.label,
          version.createdBy,
          JSON.stringify(version.authorIds),
          version.complete,
          asBuffer(version.update),
          asBuffer(version.stateVector),
          version.createdAt,
          version.id,
        ],
      );
      const row = result.rows[0]!;
      return { id: row.id, createdAt: toTimestamp(row.created_at) };
    } catch (error) {
      const code = (error as { code?: string; constraint?: string }).code;
      const constraint = (error as { constraint?: string }).constraint;
      if (code === FOREIGN_KEY_VIOLATION && constraint === 'conversation_versions_conversation_id_foreign') throw new VersionRefusedError('document-missing');
      if (code === UNIQUE_VIOLATION) {
        // A retry of an insert that did commit (its answer was lost) finds itself: done.
        const existing = await this.pool.query<{ created_at: Date | string }>('select created_at from conversation_versions where id = $1', [version.id]);
        if (existing.rows[0]) return { id: version.id, createdAt: toTimestamp(existing.rows[0].created_at) };
        throw new VersionRefusedError('position-taken');
      }
      throw error;
    }
  }

  async documentAt(documentId: string, versionId: string): Promise<Uint8Array | null> {
    if (!entityId().safeParse(versionId).success) return null;
    const result = await this.pool.query<{ update: Buffer }>(
      `with target as (
         select position from conversation_versions where id = $2 and conversation_id = $1
       ), base as (
         select coalesce(max(v.position), 1) as position from conversation_versions v, target
         where v.conversation_id = $1 and v.complete and v.position <= target.position
       )
       select v.update from conversation_versions v, target, base
       where v.conversation_id = $1 and v.position between base.position and target.position
       order by v.position`,
      [documentId, versionId],
    );
    if (result.rows.length === 0) return null;
    // Applied one after the other: faster than merging the updates first (docs/performance.md).
    const doc = new Y.Doc();
    try {
      for (const row of result.rows) Y.applyUpdate(doc, row.update);
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }
}

/** node-postgres gives a Date, or the text when the ORM turned its parser off (it does). */
function toTimestamp(value: Date | string): string {
  return new Date(value).toISOString();
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
