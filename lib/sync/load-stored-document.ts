import type pg from 'pg';
import * as Y from 'yjs';
import { PostgresClientBindingStore } from './client-binding-store';
import { PostgresDocumentStore } from './postgres-document-store';

export interface LoadedDocument {
  /** The caller destroys it. */
  doc: Y.Doc;
  /** Client id → user id; empty unless asked for. */
  owners: ReadonlyMap<number, string>;
}

/**
 * A conversation's document as stored: the compacted state and the log after it (which the
 * sync server writes within ~100 ms of each edit), with its client bindings when `owners`;
 * null when there is no such conversation. The one way a document is read outside the live
 * room. Callers decide who may read it.
 */
export async function loadStoredDocument(pool: pg.Pool, conversationId: string, { owners = true }: { owners?: boolean } = {}): Promise<LoadedDocument | null> {
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
