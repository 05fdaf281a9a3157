import type { EntityManager, PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import * as Y from 'yjs';
import { Activity, Class, Conversation, ConversationClient, User, type ConversationKind } from '@/entities';
import { buildTranscriptDocument } from '@/lib/editor/transcript-document';
import { documentPlainText } from '@/lib/sync/document-text';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';

/*
 * Copies of a conversation for coursework (an activity's template, a student's workspace, a
 * class activity's shared conversation): the source's document as it stands now (the
 * compacted state and the log after it, so edits of the last ~100 ms are in), every root,
 * with its client bindings, so that each item of the copy keeps the author it had.
 */

/** A document ready to be stored as a new conversation's. */
export interface DocumentCopy {
  /** `Y.encodeStateAsUpdate` of the copy. */
  state: Uint8Array;
  plainText: string;
  /** The client ids the server wrote the copy's own changes with (an empty transcript, `prepare`'s changes). */
  writerClientIds: number[];
}

/**
 * The document of a conversation as stored, changed by `prepare` (a vocabulary, say), ready
 * to store. A source of null (no template) starts from an empty transcript (one empty turn
 * to type in, no tags). Runs outside any transaction: it reads on a connection of its own,
 * and the copy is written afterwards.
 */
export async function copyDocumentOf(em: EntityManager, sourceId: string | null, prepare?: (doc: Y.Doc) => void): Promise<DocumentCopy> {
  const doc = new Y.Doc();
  try {
    if (sourceId) {
      const pool = (await (em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
      const stored = await new PostgresDocumentStore(pool).load(sourceId);
      if (stored?.state) Y.applyUpdate(doc, stored.state);
      for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
    }
    const sourceClients = new Set(doc.store.clients.keys());
    if (!sourceId) Y.applyUpdate(doc, buildTranscriptDocument([], []).state);
    prepare?.(doc);
    return {
      state: Y.encodeStateAsUpdate(doc),
      plainText: documentPlainText(doc),
      writerClientIds: [...doc.store.clients.keys()].filter((clientId) => !sourceClients.has(clientId)),
    };
  } finally {
    doc.destroy();
  }
}

export interface ConversationCopyFields {
  classId: string;
  ownerId: string;
  activityId: string;
  kind: ConversationKind;
  title: string;
  tagsLocked?: boolean;
}

/**
 * Stores a copy as a new conversation inside `transaction`: the conversation, the source's
 * client bindings (`conversation_clients`, refused clocks included), and the binding of the
 * server's own writer client id to `writerUserId`. Flushes.
 */
export async function insertConversationCopy(
  transaction: EntityManager,
  copy: DocumentCopy,
  { sourceId, writerUserId, fields }: { sourceId: string | null; writerUserId: string; fields: ConversationCopyFields },
): Promise<Conversation> {
  const conversation = transaction.create(Conversation, {
    title: fields.title,
    rawText: copy.plainText.replaceAll('\u0000', '').toWellFormed(),
    yjsState: copy.state,
    kind: fields.kind,
    tagsLocked: fields.tagsLocked ?? false,
    class: transaction.getReference(Class, fields.classId),
    owner: transaction.getReference(User, fields.ownerId),
    activity: transaction.getReference(Activity, fields.activityId),
  });
  for (const clientId of copy.writerClientIds) {
    transaction.create(ConversationClient, { conversation, clientId, user: transaction.getReference(User, writerUserId) });
  }
  await transaction.flush();
  if (sourceId) {
    await transaction.execute(
      `insert into conversation_clients (conversation_id, client_id, user_id, refused_from_clock)
       select ?, client_id, user_id, refused_from_clock from conversation_clients where conversation_id = ?
       on conflict (conversation_id, client_id) do nothing`,
      [conversation.id, sourceId],
    );
  }
  return conversation;
}
