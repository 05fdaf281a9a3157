import type { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import { Activity, Class, Conversation, ConversationClient, User, type ConversationKind } from '@/entities';
import { buildTranscriptDocument } from '@/lib/editor/transcript-document';
import { documentSummary, type DocumentSummary } from '@/lib/sync/document-summary';
import { documentPlainText } from '@/lib/sync/document-text';
import { poolOf } from '@/lib/submissions/stored-document';
import { loadStoredDocument } from '@/lib/sync/load-stored-document';

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
  /** The client ids the server wrote the copy's own changes with (an empty transcript, `prepare`'s changes), and whose they are. */
  writerClientIds: number[];
  writerUserId: string;
  /** What the activity overview shows of it (`documentSummary`), until the first compaction writes it again. */
  summary: DocumentSummary;
}

/**
 * The document of a conversation as stored, changed by `prepare` (a vocabulary, say), ready
 * to store. A source of null (no template) starts from an empty transcript (one empty turn
 * to type in, no tags). Runs outside any transaction: it reads on a connection of its own,
 * and the copy is written afterwards.
 */
export async function copyDocumentOf(
  em: EntityManager,
  { sourceId, writerUserId, prepare }: { sourceId: string | null; writerUserId: string; prepare?: (doc: Y.Doc) => void },
): Promise<DocumentCopy> {
  const source = sourceId ? await loadStoredDocument(await poolOf(em), sourceId) : null;
  const doc = source?.doc ?? new Y.Doc();
  const owners = source?.owners ?? new Map<number, string>();
  try {
    const sourceClients = new Set(doc.store.clients.keys());
    if (!sourceId) Y.applyUpdate(doc, buildTranscriptDocument([], []).state);
    prepare?.(doc);
    const writerClientIds = [...doc.store.clients.keys()].filter((clientId) => !sourceClients.has(clientId));
    const writers = new Set(writerClientIds);
    return {
      state: Y.encodeStateAsUpdate(doc),
      plainText: documentPlainText(doc),
      writerClientIds,
      writerUserId,
      summary: documentSummary(doc, (clientId) => owners.get(clientId) ?? (writers.has(clientId) ? writerUserId : undefined)),
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
 * Stores a copy as a new conversation inside `transaction`: the conversation with its
 * summary, the source's client bindings (`conversation_clients`, refused clocks included),
 * and the bindings of the server's own writer client ids. Flushes.
 */
export async function insertConversationCopy(
  transaction: EntityManager,
  copy: DocumentCopy,
  { sourceId, fields }: { sourceId: string | null; fields: ConversationCopyFields },
): Promise<Conversation> {
  const conversation = transaction.create(Conversation, {
    title: fields.title,
    rawText: copy.plainText.replaceAll('\u0000', '').toWellFormed(),
    yjsState: copy.state,
    kind: fields.kind,
    tagsLocked: fields.tagsLocked ?? false,
    highlightCount: copy.summary.highlightCount,
    commentCount: copy.summary.commentCount,
    responseWords: copy.summary.responseWords,
    authorCharacters: copy.summary.authorCharacters,
    annotationText: copy.summary.annotationText,
    class: transaction.getReference(Class, fields.classId),
    owner: transaction.getReference(User, fields.ownerId),
    activity: transaction.getReference(Activity, fields.activityId),
  });
  for (const clientId of copy.writerClientIds) {
    transaction.create(ConversationClient, { conversation, clientId, user: transaction.getReference(User, copy.writerUserId) });
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
