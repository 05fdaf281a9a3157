import type { EntityManager, PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import * as Y from 'yjs';
import { NotFoundError } from '@/lib/errors';
import { PostgresClientBindingStore } from '@/lib/sync/client-binding-store';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';

/** The node-postgres pool under an EntityManager (the document store's plain SQL runs on it). */
export async function poolOf(em: EntityManager): Promise<pg.Pool> {
  return (await (em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
}

/**
 * Runs `work` on a conversation's document as stored (the compacted state and the log after
 * it, which the sync server writes within ~100 ms of each edit) with its client bindings, and
 * frees the document once `work` (which may be async) is done. Callers decide who may read it.
 */
export async function withStoredDocument<T>(em: EntityManager, conversationId: string, work: (doc: Y.Doc, owners: ReadonlyMap<number, string>) => T | Promise<T>): Promise<T> {
  const pool = await poolOf(em);
  const [stored, owners] = await Promise.all([new PostgresDocumentStore(pool).load(conversationId), new PostgresClientBindingStore(pool).load(conversationId)]);
  // Deleted between the caller's check and the read.
  if (!stored) throw new NotFoundError('conversation');
  const doc = new Y.Doc();
  try {
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return await work(doc, owners);
  } finally {
    doc.destroy();
  }
}
