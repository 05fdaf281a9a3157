import type pg from 'pg';
import * as Y from 'yjs';
import { PostgresClientBindingStore } from './client-binding-store';
import { documentContributions, type Contribution } from './document-contributions';
import { PostgresDocumentStore } from './postgres-document-store';

/**
 * Who contributed what to a conversation, as stored (the compacted state and the log, so
 * within ~100 ms of the live document): for the coursework overview. Null when there is no
 * such conversation. Callers decide who may see it.
 */
export async function conversationContributions(pool: pg.Pool, conversationId: string): Promise<Map<string, Contribution> | null> {
  const [stored, owners] = await Promise.all([new PostgresDocumentStore(pool).load(conversationId), new PostgresClientBindingStore(pool).load(conversationId)]);
  if (!stored) return null;
  const doc = new Y.Doc();
  try {
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return documentContributions(doc, owners);
  } finally {
    doc.destroy();
  }
}
