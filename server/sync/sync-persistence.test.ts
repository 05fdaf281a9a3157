import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import type { DocumentStore } from '@/lib/sync/document-store';
import { documentPlainText } from '@/lib/sync/document-text';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { test } from '@/lib/testing/test-database';
import { createTranscriptShape, typingTarget } from '@/lib/testing/transcript-shape';
import { connectClient, createClassroom, poolOf, rawUpgrade, sessionCookie, startSyncHarness, waitFor, type TestClient } from './testing/sync-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function client(thing: TestClient): TestClient {
  cleanups.push(() => thing.destroy());
  return thing;
}

describe('live sync: persistence', () => {
  test('edits survive a restart, without duplicating anything', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    const first = await startSyncHarness(pool);
    const writer = client(await connectClient(first.base, room.conversationId, room.studentId));
    await writer.synced;
    for (let i = 0; i < 30; i++) writer.text.insert(writer.text.length, `line ${i}\n`);
    await waitFor(() => first.server.openRoom(room.conversationId)?.doc.getText('test').length === writer.text.length, 5_000, 'edits at the server');
    const expected = writer.text.toString();
    writer.destroy();
    await first.stop();

    for (let restart = 0; restart < 2; restart++) {
      const next = await startSyncHarness(pool);
      const reader = client(await connectClient(next.base, room.conversationId, room.instructorId));
      await reader.synced;
      expect(reader.text.toString()).toBe(expected);
      reader.destroy();
      await next.stop();
    }
  });

  test('a burst of keystrokes is stored as few log rows (merged per document and write), and replays exactly', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    const first = await startSyncHarness(pool);
    const writer = client(await connectClient(first.base, room.conversationId, room.studentId));
    await writer.synced;
    let updates = 0;
    writer.doc.on('update', () => (updates += 1));
    for (let i = 0; i < 40; i++) writer.text.insert(writer.text.length, String.fromCharCode(97 + (i % 26)));
    await waitFor(() => first.server.openRoom(room.conversationId)?.doc.getText('test').length === 40, 5_000, 'edits at the server');
    await first.server.openRoom(room.conversationId)?.persistence.flush();
    const rows = await pool.query<{ rows: number }>('select count(*)::int as rows from conversation_updates where conversation_id = $1', [room.conversationId]);
    expect(updates).toBe(40);
    expect(rows.rows[0]!.rows).toBeGreaterThan(0);
    expect(rows.rows[0]!.rows).toBeLessThan(updates);
    const expected = writer.text.toString();
    writer.destroy();
    await first.stop();

    const next = await startSyncHarness(pool);
    cleanups.push(() => next.stop());
    const reader = client(await connectClient(next.base, room.conversationId, room.instructorId));
    await reader.synced;
    expect(reader.text.toString()).toBe(expected);
  });

  test('after many edits the stored state and log stay close to the encoded document, and raw_text matches it', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    const harness = await startSyncHarness(pool, { settings: { compactAfterLogRows: 200 } });
    cleanups.push(() => harness.stop());
    const writer = client(await connectClient(harness.base, room.conversationId, room.studentId));
    await writer.synced;

    const content = writer.doc.getXmlFragment(documentLayout.content);
    createTranscriptShape(writer.doc, '');
    const text = typingTarget(writer.doc) as Y.XmlText;
    for (let i = 0; i < 1_500; i++) {
      text.insert(text.length, i % 10 === 9 ? ' ' : String.fromCharCode(97 + (i % 26)));
      if (i % 7 === 0 && text.length > 3) text.delete(text.length - 2, 1);
    }
    const serverRoom = () => harness.server.openRoom(room.conversationId);
    await waitFor(() => serverRoom()?.doc.getXmlFragment(documentLayout.content).toString() === content.toString(), 10_000, 'edits at the server');
    await harness.server.whenWritten();
    await serverRoom()?.persistence.persistFully();

    const stored = await db.sql<{ state_bytes: number; log_bytes: number; log_rows: number; raw_text: string }>(
      `select coalesce(octet_length(c.yjs_state), 0)::int as state_bytes,
              coalesce((select sum(octet_length(u.update)) from conversation_updates u where u.conversation_id = c.id), 0)::int as log_bytes,
              (select count(*) from conversation_updates u where u.conversation_id = c.id)::int as log_rows,
              c.raw_text
         from conversations c where c.id = ?`,
      [room.conversationId],
    );
    const encodedBytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
    const row = stored[0];
    expect(row?.log_rows).toBe(0);
    expect((row?.state_bytes ?? 0) + (row?.log_bytes ?? 0)).toBeLessThanOrEqual(Math.ceil(encodedBytes * 1.2) + 64);
    expect(row?.raw_text).toBe(documentPlainText(writer.doc));
    expect(row?.raw_text.startsWith('User: ')).toBe(true);
  });

  test('concurrent first connections share one load, and nobody is sent a document before it is loaded', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    // Some content stored beforehand.
    const seed = new Y.Doc();
    seed.getText('test').insert(0, 'stored before anyone connected');
    await new PostgresDocumentStore(pool).compact(room.conversationId, { state: Y.encodeStateAsUpdate(seed), plainText: '', throughSequence: null });

    const real = new PostgresDocumentStore(pool);
    let loads = 0;
    let releaseLoad!: () => void;
    const gate = new Promise<void>((resolve) => (releaseLoad = resolve));
    const slowStore: DocumentStore = {
      load: async (id) => {
        loads++;
        await gate;
        return real.load(id);
      },
      append: (updates) => real.append(updates),
      compact: (id, compaction) => real.compact(id, compaction),
      countLogRows: () => real.countLogRows(),
    };
    const harness = await startSyncHarness(pool, { store: slowStore });
    cleanups.push(() => harness.stop());
    const clients = await Promise.all(Array.from({ length: 8 }, () => connectClient(harness.base, room.conversationId, room.studentId)));
    clients.forEach(client);
    await waitFor(() => loads === 1, 5_000, 'the load to start');
    expect(clients.some((c) => c.provider.wsconnected)).toBe(false);
    releaseLoad();
    await Promise.all(clients.map((c) => c.synced));
    expect(loads).toBe(1);
    for (const c of clients) expect(c.text.toString()).toBe('stored before anyone connected');
  });

  test('a load failure refuses the connection and never stores an empty document over the real one', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    const seed = new Y.Doc();
    seed.getText('test').insert(0, 'precious');
    const real = new PostgresDocumentStore(pool);
    await real.compact(room.conversationId, { state: Y.encodeStateAsUpdate(seed), plainText: 'precious', throughSequence: null });
    let compactions = 0;
    const failingStore: DocumentStore = {
      load: async () => {
        throw new Error('disk on fire');
      },
      append: (updates) => real.append(updates),
      compact: async (id, compaction) => {
        compactions++;
        return real.compact(id, compaction);
      },
      countLogRows: () => real.countLogRows(),
    };
    const harness = await startSyncHarness(pool, { store: failingStore });
    const attempt = await rawUpgrade(`${harness.base}/${room.conversationId}`, await sessionCookie(room.studentId));
    expect(attempt.status).toBe(503);
    expect(attempt.messages).toEqual([]);
    await harness.stop();
    expect(compactions).toBe(0);
    const reloaded = await real.load(room.conversationId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, reloaded?.state ?? new Uint8Array());
    expect(doc.getText('test').toString()).toBe('precious');
  });
});
