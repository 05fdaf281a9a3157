import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { searchClassConversations } from '@/lib/conversations/conversation-queries';
import { startConversation } from '@/lib/conversations/start-conversation';
import { exportConversationMarkdown } from '@/lib/export/conversation-export';
import { markdownDownloadHeaders } from '@/lib/export/markdown-download';
import { limits } from '@/lib/limits';
import { documentLayout, turnElement } from '@/lib/sync/document-layout';
import { documentPlainText } from '@/lib/sync/document-text';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { measureTranscript } from '@/lib/sync/transcript-extent';
import { distinctWords, paragraph } from '@/lib/testing/document-builders';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { connectClient, createClassroom, poolOf, startSyncHarness, waitFor, type Classroom, type SyncHarness } from './testing/sync-harness';

/**
 * Documents that a member could make before the document limits existed, stored as they
 * were: they must stay openable, exportable, searchable and compactable for everyone.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function turn(role: string, ...blocks: Y.XmlElement[]): Y.XmlElement {
  const element = new Y.XmlElement(turnElement.name);
  element.setAttribute(turnElement.roleAttribute, role);
  element.insert(0, blocks);
  return element;
}

/** A turn holding `depth` blockquotes, each in the one before, with text at the bottom. */
function nestedBlockquotes(depth: number): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const top = turn('user', paragraph('Before the quotes'));
    doc.getXmlFragment(documentLayout.content).insert(0, [top]);
    let parent = top;
    for (let level = 0; level < depth; level++) {
      const quote = new Y.XmlElement('blockquote');
      parent.insert(parent.length, [quote]);
      parent = quote;
    }
    parent.insert(0, [paragraph('At the bottom')]);
  });
  return doc;
}

/** Writes `doc` as the conversation's stored state, with no plain text: as if stored before the limits. */
async function storeAsBefore(db: TestDatabase, conversationId: string, doc: Y.Doc): Promise<void> {
  const pool = await poolOf(db);
  await new PostgresDocumentStore(pool).compact(conversationId, { state: Y.encodeStateAsUpdate(doc), plainText: '', throughSequence: null });
}

async function stored(db: TestDatabase, conversationId: string) {
  const rows = await db.sql<{ raw_text: string; log_rows: number }>(
    `select c.raw_text, (select count(*) from conversation_updates u where u.conversation_id = c.id)::int as log_rows from conversations c where c.id = ?`,
    [conversationId],
  );
  return rows[0];
}

/**
 * A stock client opens the conversation (the sync completes), adds a turn at the top level,
 * and leaves; the room unloads, which compacts it. Returns what the client saw.
 */
async function openEditAndLeave(harness: SyncHarness, room: Classroom, db: TestDatabase): Promise<Y.Doc> {
  const client = await connectClient(harness.base, room.conversationId, room.studentId);
  cleanups.push(() => client.destroy());
  await client.synced;
  const seen = new Y.Doc();
  Y.applyUpdate(seen, Y.encodeStateAsUpdate(client.doc));
  client.doc.transact(() => client.doc.getXmlFragment(documentLayout.content).insert(0, [turn('assistant', paragraph('A reply added later'))]));
  await waitFor(() => harness.server.openRoom(room.conversationId)?.doc.getXmlFragment(documentLayout.content).length === 2, 10_000, 'the edit at the server');
  await harness.server.whenWritten();
  client.destroy();
  await waitFor(() => harness.server.openRoom(room.conversationId) === undefined, 20_000, 'the room to unload');
  return seen;
}

describe('a conversation poisoned before the limits existed stays usable', () => {
  for (const depth of [3_000, 20_000]) {
    test(`${depth.toLocaleString('en')} nested blockquotes: plain text, export, a stock client and compaction all work`, async ({ db }) => {
      const room = await createClassroom(db);
      const doc = nestedBlockquotes(depth);
      await storeAsBefore(db, room.conversationId, doc);

      expect(documentPlainText(doc)).toBe('User: Before the quotes\nAt the bottom');

      const exported = await exportConversationMarkdown(db.fork(), room.instructorId, room.conversationId);
      expect(markdownDownloadHeaders(exported.title)['Content-Type']).toBe('text/markdown; charset=utf-8');
      // Nesting past the document limit is flattened: the text is there, under at most that many quote markers.
      const bottom = exported.markdown.split('\n').find((line) => line.endsWith('At the bottom')) ?? '';
      expect(bottom).toBe(`${'> '.repeat(limits.document.maxNestingDepth - 1)}At the bottom`);
      expect(exported.markdown.length).toBeLessThan(1_000);

      const harness = await startSyncHarness(await poolOf(db), { settings: { unloadAfterMs: 20 } });
      cleanups.push(() => harness.stop());
      const seen = await openEditAndLeave(harness, room, db);
      expect(measureTranscript(seen).depth).toBe(depth + 3);

      const after = await stored(db, room.conversationId);
      expect(after?.log_rows).toBe(0);
      expect(after?.raw_text).toBe('Assistant: A reply added later\n\nUser: Before the quotes\nAt the bottom');
    }, 60_000);
  }

  test('3.6 M characters of distinct words: compaction stores the text and search finds words of its indexed prefix', async ({ db }) => {
    const room = await createClassroom(db);
    const words = distinctWords(3_600_000);
    const doc = new Y.Doc();
    doc.getXmlFragment(documentLayout.content).insert(0, [turn('user', paragraph(words))]);
    await storeAsBefore(db, room.conversationId, doc);

    const harness = await startSyncHarness(await poolOf(db), { settings: { unloadAfterMs: 20 } });
    cleanups.push(() => harness.stop());
    await openEditAndLeave(harness, room, db);
    const after = await stored(db, room.conversationId);
    expect(after?.log_rows).toBe(0);
    expect(after?.raw_text).toBe(`Assistant: A reply added later\n\nUser: ${words}`);

    const indexed = after?.raw_text.slice(0, limits.document.searchIndexCharacters) ?? '';
    const early = indexed.split(' ').at(-100) as string;
    const found = await searchClassConversations(db.fork(), room.classId, { q: early, limit: 10 });
    expect(found.items.map((item) => item.id)).toEqual([room.conversationId]);
    // Past the indexed prefix, a word is not searchable: the index is bounded by design.
    const late = words.split(' ').at(-100) as string;
    expect((await searchClassConversations(db.fork(), room.classId, { q: late, limit: 10 })).items).toEqual([]);
  }, 120_000);

  test('3.6 M characters of distinct words pasted into a new conversation: created, its text stored and searchable', async ({ db }) => {
    const room = await createClassroom(db);
    const words = distinctWords(3_600_000);
    const started = await startConversation(db.fork(), room.studentId, room.classId, { title: 'Many words', text: words });
    expect(started).toMatchObject({ platform: 'plain-text', turnCount: 1 });
    expect((await stored(db, started.id))?.raw_text).toBe(`Assistant: ${words}`);
    const found = await searchClassConversations(db.fork(), room.classId, { q: words.split(' ')[1000] as string, limit: 10 });
    expect(found.items.map((item) => item.id)).toEqual([started.id]);
  }, 120_000);
});
