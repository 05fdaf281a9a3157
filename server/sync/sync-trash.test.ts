import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { deleteConversation } from '@/lib/conversations/conversation-administration';
import { restoreConversation } from '@/lib/conversations/conversation-trash';
import { test } from '@/lib/testing/test-database';
import { encodeUpdateMessage } from './sync-messages';
import { connectClient, createClassroom, poolOf, rawUpgrade, sessionCookie, startSyncHarness, waitFor, type TestClient } from './testing/sync-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends { destroy(): void } | { stop(): Promise<void> }>(thing: T): T {
  cleanups.push(() => ('destroy' in thing ? thing.destroy() : thing.stop()));
  return thing;
}

function closeCode(client: TestClient): Promise<number> {
  client.provider.shouldConnect = false;
  return new Promise((resolve) => client.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code)));
}

describe('live sync: the trash', () => {
  test('a deleted conversation keeps every edit made live: stored as its connections close, and back after a restore', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db), { settings: { unloadAfterMs: 50 } }));
    const student = track(await connectClient(harness.base, room.conversationId, room.studentId));
    const instructor = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await Promise.all([student.synced, instructor.synced]);
    student.text.insert(0, 'the student’s work');
    await waitFor(() => instructor.text.toString() === 'the student’s work', 5_000, 'the edit to arrive');

    const closes = [closeCode(student), closeCode(instructor)];
    await deleteConversation(db.fork(), room.instructorId, room.conversationId);
    expect(await Promise.all(closes)).toEqual([4404, 4404]);
    await waitFor(() => harness.server.openRoom(room.conversationId) === undefined, 5_000, 'the room to unload');

    // Stored and compacted, though in the trash.
    const [row] = await db.sql<{ yjs_state: Buffer; log_rows: number }>(
      'select yjs_state, (select count(*)::int from conversation_updates where conversation_id = c.id) as log_rows from conversations c where id = ?',
      [room.conversationId],
    );
    const stored = new Y.Doc();
    Y.applyUpdate(stored, new Uint8Array(row!.yjs_state));
    expect(stored.getText('test').toString()).toBe('the student’s work');
    expect(row!.log_rows).toBe(0);

    // Nobody opens it while it is in the trash.
    const refused = await rawUpgrade(`${harness.base}/${room.conversationId}`, await sessionCookie(room.instructorId));
    expect(refused.status).toBe(404);

    await restoreConversation(db.fork(), room.studentId, room.conversationId);
    const reader = track(await connectClient(harness.base, room.conversationId, room.otherStudentId));
    await reader.synced;
    expect(reader.text.toString()).toBe('the student’s work');
  });

  test('nothing a connection sends once its conversation is deleted lands, though the room is kept until it unloads', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db), { settings: { unloadAfterMs: 50 } }));
    const raw = await rawUpgrade(`${harness.base}/${room.conversationId}`, await sessionCookie(room.studentId));
    const socket = raw.socket!;
    cleanups.push(() => socket.terminate());
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const late = new Y.Doc();
    late.getText('test').insert(0, 'LATE');

    await deleteConversation(db.fork(), room.studentId, room.conversationId);
    // The server has begun closing; this client has not heard yet, and sends.
    expect(socket.readyState).toBe(socket.OPEN);
    socket.send(encodeUpdateMessage(Y.encodeStateAsUpdate(late)));
    expect(await closed).toBe(4404);
    await waitFor(() => harness.server.openRoom(room.conversationId) === undefined, 5_000, 'the room to unload');
    await restoreConversation(db.fork(), room.studentId, room.conversationId);
    const reader = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await reader.synced;
    expect(reader.text.toString()).toBe('');
  });
});
