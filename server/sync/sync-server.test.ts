import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { changeConversation, deleteConversation } from '@/lib/conversations/conversation-administration';
import { removeMember } from '@/lib/memberships/member-administration';
import { test } from '@/lib/testing/test-database';
import { encodeUpdateMessage, messageType, syncType } from './sync-messages';
import {
  connectClient,
  createClassroom,
  poolOf,
  rawUpgrade,
  sessionCookie,
  startSyncHarness,
  waitFor,
  type SyncHarness,
  type TestClient,
} from './testing/sync-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends TestClient | SyncHarness>(thing: T): T {
  cleanups.push(() => ('destroy' in thing ? thing.destroy() : thing.stop()));
  return thing;
}

async function logRowCount(db: { sql<Row>(query: string, params?: unknown[]): Promise<Row[]> }, conversationId: string): Promise<number> {
  const rows = await db.sql<{ count: number }>('select count(*)::int as count from conversation_updates where conversation_id = ?', [conversationId]);
  return rows[0]?.count ?? 0;
}

describe('live sync: convergence and presence', () => {
  test('two clients editing at once converge, and a late joiner gets the whole document', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const a = track(await connectClient(harness.base, room.conversationId, room.studentId));
    const b = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await Promise.all([a.synced, b.synced]);

    for (let i = 0; i < 50; i++) {
      a.text.insert(0, 'a');
      b.text.insert(b.text.length, 'b');
    }
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.length === 100, 5_000, 'convergence');

    const late = track(await connectClient(harness.base, room.conversationId, room.otherStudentId));
    await late.synced;
    expect(late.text.toString()).toBe(a.text.toString());
  });

  test('twenty clients typing concurrently converge on the same text', async ({ db }) => {
    const room = await createClassroom(db);
    // Ten connections each for two people: past the per-person cap, which is not what this tests.
    const harness = track(await startSyncHarness(await poolOf(db), { settings: { maxConnectionsPerUserPerDocument: 20 } }));
    const clients: TestClient[] = [];
    for (let i = 0; i < 20; i++) clients.push(track(await connectClient(harness.base, room.conversationId, i % 2 ? room.studentId : room.instructorId)));
    await Promise.all(clients.map((client) => client.synced));

    for (let round = 0; round < 10; round++) {
      clients.forEach((client, index) => client.text.insert(Math.min(round, client.text.length), String.fromCharCode(65 + index)));
    }
    await waitFor(() => clients.every((client) => client.text.length === 200), 10_000, '200 characters everywhere');
    const expected = clients[0]?.text.toString();
    for (const client of clients) expect(client.text.toString()).toBe(expected);
  });

  test('presence appears for others and disappears when its connection goes', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const a = track(await connectClient(harness.base, room.conversationId, room.studentId));
    const b = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await Promise.all([a.synced, b.synced]);

    a.provider.awareness.setLocalStateField('user', { name: 'Student', color: '#ff0000' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Student', 5_000, 'presence to appear');

    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 5_000, 'presence to disappear');
  });

  test('the server keeps any root type a client writes', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const a = track(await connectClient(harness.base, room.conversationId, room.studentId));
    await a.synced;
    a.doc.getMap('someone-elses-plugin').set('answer', 42);
    a.doc.getArray('log').push(['x']);
    const b = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await b.synced;
    await waitFor(() => b.doc.getMap('someone-elses-plugin').get('answer') === 42, 5_000, 'the custom root type');
    expect(b.doc.getArray('log').toArray()).toEqual(['x']);
  });
});

describe('live sync: who may connect', () => {
  test('refuses the signed out (401), non-members and unknown or malformed ids (404) before any data', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const url = `${harness.base}/${room.conversationId}`;

    const signedOut = await rawUpgrade(url);
    expect(signedOut.status).toBe(401);
    const forged = await rawUpgrade(url, 'authjs.session-token=not-a-real-token');
    expect(forged.status).toBe(401);
    const outsider = await rawUpgrade(url, await sessionCookie(room.outsiderId));
    expect(outsider.status).toBe(404);
    const unknown = await rawUpgrade(`${harness.base}/00000000-0000-4000-8000-000000000000`, await sessionCookie(room.studentId));
    expect(unknown.status).toBe(404);
    const malformed = await rawUpgrade(`${harness.base}/not-a-uuid`, await sessionCookie(room.studentId));
    expect(malformed.status).toBe(404);
    for (const refused of [signedOut, forged, outsider, unknown, malformed]) expect(refused.messages).toEqual([]);
  });

  test('refuses a deleted conversation', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    await deleteConversation(db.fork(), room.instructorId, room.conversationId);
    const attempt = await rawUpgrade(`${harness.base}/${room.conversationId}`, await sessionCookie(room.studentId));
    expect(attempt.status).toBe(404);
    expect(attempt.messages).toEqual([]);
  });

  test('refuses a browser on another site', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    // The harness allows no origins at all, so any Origin header is foreign.
    (harness.server as unknown as { options: { allowedOrigins: () => string[] } }).options.allowedOrigins = () => ['http://localhost:3000'];
    const { WebSocket } = await import('ws');
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${harness.base}/${room.conversationId}`, { headers: { origin: 'https://evil.example' } });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });
});

describe('live sync: read-only connections', () => {
  test('a student’s edits to a locked conversation reach nobody and are not stored, by update or by sync step 2', async ({ db }) => {
    const room = await createClassroom(db);
    await changeConversation(db.fork(), room.instructorId, room.conversationId, { locked: true });
    const harness = track(await startSyncHarness(await poolOf(db)));
    const instructor = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await instructor.synced;
    instructor.text.insert(0, 'instructor text');
    await waitFor(() => harness.server.openRoom(room.conversationId)?.doc.getText('test').toString() === 'instructor text', 5_000, 'the edit');
    await harness.server.whenWritten();
    const rowsBefore = await logRowCount(db, room.conversationId);

    // Through the stock client: its local edit goes out as a sync `update` message.
    const student = track(await connectClient(harness.base, room.conversationId, room.studentId));
    await student.synced;
    expect(student.text.toString()).toBe('instructor text');
    student.text.insert(0, 'STUDENT ');

    // Through a raw socket: the same kind of change as sync step 2, and as an update.
    const raw = await rawUpgrade(`${harness.base}/${room.conversationId}`, await sessionCookie(room.studentId));
    const forgedDoc = new Y.Doc();
    forgedDoc.getText('test').insert(0, 'FORGED ');
    const update = Y.encodeStateAsUpdate(forgedDoc);
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, messageType.sync);
    encoding.writeVarUint(step2, syncType.step2);
    encoding.writeVarUint8Array(step2, update);
    raw.socket?.send(encoding.toUint8Array(step2));
    raw.socket?.send(encodeUpdateMessage(update));

    // A marker edit by the instructor after them: once it arrives, the others would have too.
    instructor.text.insert(instructor.text.length, '.');
    const observer = track(await connectClient(harness.base, room.conversationId, room.otherStudentId));
    await observer.synced;
    await waitFor(() => observer.text.toString().endsWith('.'), 5_000, 'the marker');
    expect(observer.text.toString()).toBe('instructor text.');
    expect(instructor.text.toString()).toBe('instructor text.');
    expect(harness.server.openRoom(room.conversationId)?.doc.getText('test').toString()).toBe('instructor text.');
    await harness.server.whenWritten();
    expect(await logRowCount(db, room.conversationId)).toBe(rowsBefore + 1);
    raw.socket?.terminate();
  });
});

describe('live sync: access changes reach open connections', () => {
  test('removing a member closes their connections within a second', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const student = track(await connectClient(harness.base, room.conversationId, room.studentId));
    const other = track(await connectClient(harness.base, room.conversationId, room.otherStudentId));
    await Promise.all([student.synced, other.synced]);
    const closed = new Promise<number>((resolve) => student.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code)));
    student.provider.shouldConnect = false;

    const started = Date.now();
    await removeMember(db.fork(), room.instructorId, room.classId, room.studentId);
    expect(await closed).toBe(4403);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(other.provider.wsconnected).toBe(true);
  });

  test('locking a conversation makes open student connections read-only within a second', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const student = track(await connectClient(harness.base, room.conversationId, room.studentId));
    const instructor = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await Promise.all([student.synced, instructor.synced]);

    const started = Date.now();
    await changeConversation(db.fork(), room.instructorId, room.conversationId, { locked: true });
    const serverRoom = harness.server.openRoom(room.conversationId);
    await waitFor(() => [...(serverRoom?.connections ?? [])].some((connection) => connection.userId === room.studentId && !connection.canEdit), 1_000, 'downgrade');
    expect(Date.now() - started).toBeLessThan(1_000);

    // The stock client's change is refused (4423, after which it does not reconnect), and reaches nobody.
    const closed = new Promise<number>((resolve) => student.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code)));
    student.text.insert(0, 'after lock');
    expect(await closed).toBe(4423);
    instructor.text.insert(0, 'instructor');
    await waitFor(() => serverRoom?.doc.getText('test').toString() === 'instructor', 5_000, 'the instructor’s edit');
    expect(instructor.text.toString()).toBe('instructor');
  });

  test('deleting a conversation closes every connection to it within a second', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const student = track(await connectClient(harness.base, room.conversationId, room.studentId));
    await student.synced;
    student.provider.shouldConnect = false;
    const closed = new Promise<number>((resolve) => student.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code)));
    const started = Date.now();
    await deleteConversation(db.fork(), room.studentId, room.conversationId);
    expect(await closed).toBe(4404);
    expect(Date.now() - started).toBeLessThan(1_000);
    // In the trash, not gone: the room is stored and unloaded like any other (sync-trash.test.ts).
    await waitFor(() => harness.server.openRoom(room.conversationId) === undefined, 5_000, 'the room to unload');
  });
});

describe('live sync: keep-alive', () => {
  test('a connection that stops answering pings is dropped, and its presence goes with it', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db), { settings: { keepAliveIntervalMs: 300 } }));
    const watcher = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await watcher.synced;
    const { WebSocket } = await import('ws');
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const { encodeAwarenessMessage } = await import('./sync-messages');
    // A client whose network died: it never answers a ping.
    const silent = new WebSocket(`${harness.base}/${room.conversationId}`, { headers: { cookie: await sessionCookie(room.studentId) }, autoPong: false });
    await new Promise((resolve) => silent.once('open', resolve));
    const ghost = new Awareness(new Y.Doc());
    ghost.setLocalStateField('user', { name: 'Ghost' });
    silent.send(encodeAwarenessMessage(encodeAwarenessUpdate(ghost, [ghost.clientID])));
    await waitFor(() => watcher.provider.awareness.getStates().has(ghost.clientID), 5_000, 'the ghost to appear');
    const closed = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    await closed;
    await waitFor(() => !watcher.provider.awareness.getStates().has(ghost.clientID), 5_000, 'the ghost to go');
    expect(watcher.provider.wsconnected).toBe(true);
    ghost.destroy();
  });
});

describe('live sync: limits', () => {
  test('a document takes at most its cap of connections, and says why to the next', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db), { settings: { maxConnectionsPerDocument: 2 } }));
    const cookie = await sessionCookie(room.studentId);
    const first = await rawUpgrade(`${harness.base}/${room.conversationId}`, cookie);
    const second = await rawUpgrade(`${harness.base}/${room.conversationId}`, cookie);
    const third = await rawUpgrade(`${harness.base}/${room.conversationId}`, cookie);
    const closing = await new Promise<{ code: number; reason: string }>((resolve) =>
      third.socket?.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    expect(closing.code).toBe(1013);
    expect(closing.reason).toMatch(/already has 2 connections/);
    for (const socket of [first.socket, second.socket]) socket?.terminate();
  });

  test('an oversized frame closes only that connection (1009)', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db), { settings: { maxMessageBytes: 64 * 1024 } }));
    const good = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await good.synced;
    const raw = await rawUpgrade(`${harness.base}/${room.conversationId}`, await sessionCookie(room.studentId));
    const closed = new Promise<number>((resolve) => raw.socket?.on('close', (code) => resolve(code)));
    raw.socket?.send(new Uint8Array(65 * 1024));
    expect(await closed).toBe(1009);
    good.text.insert(0, 'still here');
    await waitFor(() => harness.server.openRoom(room.conversationId)?.doc.getText('test').toString() === 'still here', 5_000, 'the edit');
    expect(good.provider.wsconnected).toBe(true);
  });
});
