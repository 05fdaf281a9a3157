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

export interface LoadedDocument {
  /** The caller destroys it. */
  doc: Y.Doc;
  /** Client id → user id; empty unless asked for. */
  owners: ReadonlyMap<number, string>;
}

/**
 * A conversation's document as stored: the compacted state and the log after it (which the
 * sync server writes within ~100 ms of each edit), with its client bindings when `owners`;
 * null when the conversation is gone. The one way the services read a stored document.
 * Callers decide who may read it.
 */
export async function loadStoredDocument(em: EntityManager, conversationId: string, { owners = true }: { owners?: boolean } = {}): Promise<LoadedDocument | null> {
  const pool = await poolOf(em);
  const [stored, bindings] = await Promise.all([
    new PostgresDocumentStore(pool).load(conversationId),
    owners ? new PostgresClientBindingStore(pool).load(conversationId) : new Map<number, string>(),
  ]);
  if (!stored) return null;
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return { doc, owners: bindings };
}

/**
 * Runs `work` on a conversation's document as stored (`loadStoredDocument`) with its client
 * bindings, and frees the document once `work` (which may be async) is done.
 */
export async function withStoredDocument<T>(em: EntityManager, conversationId: string, work: (doc: Y.Doc, owners: ReadonlyMap<number, string>) => T | Promise<T>): Promise<T> {
  const loaded = await loadStoredDocument(em, conversationId);
  // Deleted between the caller's check and the read.
  if (!loaded) throw new NotFoundError('conversation');
  try {
    return await work(loaded.doc, loaded.owners);
  } finally {
    loaded.doc.destroy();
  }
}
