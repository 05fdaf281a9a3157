import type pg from 'pg';
import { documentContributions, type Contribution } from './document-contributions';
import { loadStoredDocument } from './load-stored-document';

/**
 * Who contributed what to a conversation, as stored (`loadStoredDocument`, so within ~100 ms
 * of the live document): for the coursework overview. Null when there is no such
 * conversation. Callers decide who may see it.
 */
export async function conversationContributions(pool: pg.Pool, conversationId: string): Promise<Map<string, Contribution> | null> {
  const loaded = await loadStoredDocument(pool, conversationId);
  if (!loaded) return null;
  try {
    return documentContributions(loaded.doc, loaded.owners);
  } finally {
    loaded.doc.destroy();
  }
}
