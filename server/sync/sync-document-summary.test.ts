import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { paragraph } from '@/lib/testing/document-builders';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { RawSyncClient } from './testing/raw-sync-client';
import { createClassroom, poolOf, startSyncHarness, waitFor, type SyncHarness } from './testing/sync-harness';

/**
 * The summary the activity overview reads (`conversations.highlight_count`, `comment_count`,
 * `response_words`, `author_characters`, `last_edited_at`), and what search reads of the
 * annotations (`annotation_text`), are written with the state at each compaction: the
 * overview and the class's search never load a document.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface SummaryRow {
  highlight_count: number;
  comment_count: number;
  response_words: number;
  author_characters: Record<string, number>;
  last_edited_at: Date | string | null;
  annotation_text: string;
}

async function summaryOf(db: TestDatabase, conversationId: string): Promise<SummaryRow> {
  const [row] = await db.sql<SummaryRow>('select highlight_count, comment_count, response_words, author_characters, last_edited_at, annotation_text from conversations where id = ?', [conversationId]);
  if (!row) throw new Error('no such conversation');
  return row;
}

describe('live sync: the document summary at compaction', () => {
  test('a compaction writes highlights, comments, response words, characters per bound author and the last edit', async ({ db }) => {
    const room = await createClassroom(db);
    const harness: SyncHarness = await startSyncHarness(await poolOf(db), { settings: { compactAfterIdleMs: 20 } });
    cleanups.push(() => harness.stop());
    const student = await RawSyncClient.open(harness.base, room.conversationId, room.studentId);
    cleanups.push(() => student.destroy());
    const before = Date.now();
    student.change((doc) => {
      const text = new Y.XmlText();
      const turn = new Y.XmlElement('turn');
      turn.setAttribute('role', 'user');
      const block = new Y.XmlElement('paragraph');
      block.insert(0, [text]);
      turn.insert(0, [block]);
      doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
      text.insert(0, 'Hello there', { highlight: { highlightId: 'h1' } });
      doc.getXmlFragment(documentLayout.response).insert(0, [paragraph('Three words here')]);
      const entry = new Y.Map<unknown>();
      doc.getMap<Y.Map<unknown>>(documentLayout.annotations).set('h1', entry);
      // The server requires the writer as the author of what they add.
      entry.set('tagId', 'claim');
      entry.set('authorId', room.studentId);
      entry.set('authorName', 'Student');
      entry.set('createdAt', new Date().toISOString());
      const comments = new Y.Array<Y.Map<unknown>>();
      entry.set('comments', comments);
      const comment = new Y.Map<unknown>();
      comments.push([comment]);
      for (const [key, value] of Object.entries({ id: 'c1', authorId: room.studentId, authorName: 'Student', createdAt: new Date().toISOString(), text: 'Is this\nreally a greeting?' })) comment.set(key, value);
      const tag = new Y.Map<unknown>();
      doc.getMap<Y.Map<unknown>>(documentLayout.tags).set('claim', tag);
      tag.set('name', 'Bold claim');
      tag.set('color', '#ffd54f');
    });
    await waitFor(async () => (await summaryOf(db, room.conversationId)).response_words === 3, 5_000, 'the compaction');
    const summary = await summaryOf(db, room.conversationId);
    expect(summary).toMatchObject({ highlight_count: 1, comment_count: 1, response_words: 3, author_characters: { [room.studentId]: 'Hello there'.length + 'Three words here'.length } });
    // The tag's name, then the comment, one to a line (its own line break made a space).
    expect(summary.annotation_text).toBe('Bold claim\nIs this really a greeting?');
    expect(new Date(summary.last_edited_at ?? 0).getTime()).toBeGreaterThanOrEqual(before - 1_000);
  });

  test('the store keeps the last edit as the newest merged log row’s time, and a compaction without a summary keeps the stored one', async ({ db }) => {
    const room = await createClassroom(db);
    const store = new PostgresDocumentStore(await poolOf(db));
    const doc = new Y.Doc();
    doc.getText('test').insert(0, 'x');
    const { lastSequences } = await store.append([{ documentId: room.conversationId, update: Y.encodeStateAsUpdate(doc) }]);
    await db.sql(`update conversation_updates set created_at = '2026-01-02T03:04:05Z' where conversation_id = ?`, [room.conversationId]);
    const summary = { highlightCount: 2, commentCount: 5, responseWords: 7, authorCharacters: { someone: 1 }, annotationText: 'A comment' };
    await store.compact(room.conversationId, { state: Y.encodeStateAsUpdate(doc), plainText: '', summary, throughSequence: lastSequences.get(room.conversationId) ?? null });
    expect(await summaryOf(db, room.conversationId)).toMatchObject({ highlight_count: 2, comment_count: 5, response_words: 7, author_characters: { someone: 1 } });
    expect(new Date((await summaryOf(db, room.conversationId)).last_edited_at ?? 0).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    // Nothing new in the log, and no summary given: everything kept.
    await store.compact(room.conversationId, { state: Y.encodeStateAsUpdate(doc), plainText: '', throughSequence: null });
    const kept = await summaryOf(db, room.conversationId);
    expect(kept).toMatchObject({ highlight_count: 2, response_words: 7, annotation_text: 'A comment' });
    expect(new Date(kept.last_edited_at ?? 0).toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });
});
