import type { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import { PostgresClientBindingStore } from '@/lib/sync/client-binding-store';
import { liveDocuments, LiveDocumentsUnavailableError } from '@/lib/sync/live-documents';
import { poolOf, withStoredDocument } from './stored-document';

/**
 * Runs `work` on a workspace's document as it was handed in: called after the submission is
 * committed and its access change published, it waits until the live-sync engine has made the
 * student's open connections read-only and reads the live room, so the last words typed before
 * the submission count and nothing sent after it does. With no room open (or no engine in this
 * process) the stored document is current.
 */
export async function withHandedInDocument<T>(em: EntityManager, conversationId: string, work: (doc: Y.Doc, owners: ReadonlyMap<number, string>) => T | Promise<T>): Promise<T> {
  const live = await settledDocument(conversationId);
  if (!live) return withStoredDocument(em, conversationId, work);
  const owners = await new PostgresClientBindingStore(await poolOf(em)).load(conversationId);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, live);
    return await work(doc, owners);
  } finally {
    doc.destroy();
  }
}

async function settledDocument(conversationId: string): Promise<Uint8Array | null> {
  try {
    return await liveDocuments().settledDocument(conversationId);
  } catch (error) {
    if (error instanceof LiveDocumentsUnavailableError) return null;
    throw error;
  }
}
