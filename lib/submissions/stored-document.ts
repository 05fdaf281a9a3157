import type { EntityManager, PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import type * as Y from 'yjs';
import { NotFoundError } from '@/lib/errors';
import { loadStoredDocument } from '@/lib/sync/load-stored-document';

/** The node-postgres pool under an EntityManager (the document store's plain SQL runs on it). */
export async function poolOf(em: EntityManager): Promise<pg.Pool> {
  return (await (em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
}

/**
 * Runs `work` on a conversation's document as stored (`loadStoredDocument`) with its client
 * bindings, and frees the document once `work` (which may be async) is done. Callers decide
 * who may read it.
 */
export async function withStoredDocument<T>(em: EntityManager, conversationId: string, work: (doc: Y.Doc, owners: ReadonlyMap<number, string>) => T | Promise<T>): Promise<T> {
  const loaded = await loadStoredDocument(await poolOf(em), conversationId);
  // Deleted between the caller's check and the read.
  if (!loaded) throw new NotFoundError('conversation');
  try {
    return await work(loaded.doc, loaded.owners);
  } finally {
    loaded.doc.destroy();
  }
}
