import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { changeClassAsInstructor } from '@/lib/classes/class-administration';
import { changeConversation, deleteConversation } from '@/lib/conversations/conversation-administration';
import { changeMemberRole, removeMember } from '@/lib/memberships/member-administration';
import type { DocumentStore } from '@/lib/sync/document-store';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import type { ConversationAccessChecker } from './conversation-access';
import { closeCodes } from './sync-connection';
import { RawSyncClient } from './testing/raw-sync-client';
import { createClassroom, poolOf, rawUpgrade, sessionCookie, startSyncHarness, waitFor, type Classroom, type SyncHarness } from './testing/sync-harness';

/**
 * One access decision per connection (`access-decisions.ts`): an access change reaches every
 * open and opening connection it touches and is decided again there; the permission is told
 * both ways; and nothing a read-only connection sent is ever applied, then or later.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The server's `AccessDecisions`: its checker (which some tests slow down) and what waits for a decision. */
function decisionsOf(harness: SyncHarness) {
  return (harness.server as unknown as { decisions: { access: ConversationAccessChecker; awaitingDecision: Map<unknown, { messages: unknown[] }> } }).decisions;
}

function track<T extends SyncHarness | RawSyncClient>(thing: T): T {
  cleanups.push(() => ('destroy' in thing ? thing.destroy() : thing.stop()));
  return thing;
}

/** A document store whose load waits until released, as a large document's does. */
function slowStore(real: DocumentStore): { store: DocumentStore; loadStarted: Promise<void>; finishLoad: () => void } {
  let started!: () => void;
  const loadStarted = new Promise<void>((resolve) => (started = resolve));
  let finishLoad!: () => void;
  const held = new Promise<void>((resolve) => (finishLoad = resolve));
  const store: DocumentStore = {
    load: async (id) => {
      started();
      await held;
      return real.load(id);
    },
    append: (updates) => real.append(updates),
    compact: (id, compaction) => real.compact(id, compaction),
    countLogRows: () => real.countLogRows(),
  };
  return { store, loadStarted, finishLoad };
}

function serverText(harness: SyncHarness, room: Classroom): string | undefined {
  return harness.server.openRoom(room.conversationId)?.doc.getText('test').toString();
}

/**
 * Starts a server whose store holds the first load, opens a connection with `open` (the
 * student's), and once the load has started runs `meanwhile` (the change under test), then
 * lets the load finish.
 */
async function openDuringLoad<T>(db: TestDatabase, open: (harness: SyncHarness, room: Classroom) => Promise<T>, meanwhile: (room: Classroom) => Promise<unknown>) {
  const room = await createClassroom(db);
  const pool = await poolOf(db);
  const slow = slowStore(new PostgresDocumentStore(pool));
  const harness = track(await startSyncHarness(pool, { store: slow.store }));
  const opening = open(harness, room);
  await slow.loadStarted;
  await meanwhile(room);
  slow.finishLoad();
  return { room, harness, opening };
}

/** The student's raw upgrade request, to see the status and bytes a refusal sends. */
async function studentUpgrade(harness: SyncHarness, room: Classroom) {
  return rawUpgrade(`${harness.base}/${room.conversationId}`, await sessionCookie(room.studentId));
}

/** The instructor locks or unlocks the conversation, through the service (which publishes the change). */
function lock(db: TestDatabase, room: Classroom, locked: boolean) {
  return changeConversation(db.fork(), room.instructorId, room.conversationId, { locked });
}

describe('live sync: access changes reach connections still opening', () => {
  test('a conversation locked while a student’s connection waits for the load opens read-only', async ({ db }) => {
    const { room, harness, opening } = await openDuringLoad(
      db,
      (harness, room) => RawSyncClient.open(harness.base, room.conversationId, room.studentId),
      (room) => lock(db, room, true),
    );
    const student = track(await opening);
    await waitFor(() => student.permissions.length > 0, 5_000, 'the permission');
    expect(student.permissions).toEqual([{ canEdit: false, reason: expect.stringContaining('locked') }]);
    student.change((doc) => doc.getText('test').insert(0, 'typed while locked'));
    expect((await student.closed).code).toBe(closeCodes.readOnlyChange);
    expect(serverText(harness, room)).toBe('');
  });

  test('a conversation deleted while a connection waits for the load is refused before any data', async ({ db }) => {
    const { opening } = await openDuringLoad(db, studentUpgrade, (room) => deleteConversation(db.fork(), room.instructorId, room.conversationId));
    const result = await opening;
    expect(result.status).toBe(404);
    expect(result.messages).toEqual([]);
  });

  test('a member removed from the class while their connection waits for the load gets no socket, and no data', async ({ db }) => {
    const { room, harness, opening } = await openDuringLoad(db, studentUpgrade, (room) => removeMember(db.fork(), room.instructorId, room.classId, room.studentId));
    const result = await opening;
    expect(result.status).toBe(404);
    expect(result.messages).toEqual([]);
    expect(result.socket).toBeUndefined();
    // The room it loaded is not kept for it; a classmate still opens it, writable.
    const other = track(await RawSyncClient.open(harness.base, room.conversationId, room.otherStudentId));
    expect(harness.server.openRoom(room.conversationId)?.connections.size).toBe(1);
    other.change((doc) => doc.getText('test').insert(0, 'still writable'));
    await waitFor(() => serverText(harness, room) === 'still writable', 5_000, 'the classmate’s edit');
  });

  test('an access change made while the last check runs, after the load, is decided again before the socket joins', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    // The check after the load reads the database, then waits: the lock is committed and
    // published after it read, before it answers.
    const access = decisionsOf(harness).access;
    const check = access.check.bind(access);
    let calls = 0;
    let checked!: () => void;
    const secondCheckRead = new Promise<void>((resolve) => (checked = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    access.check = async (userId, conversationId) => {
      const result = await check(userId, conversationId);
      if (++calls === 2) {
        checked();
        await answered;
      }
      return result;
    };
    const opening = RawSyncClient.open(harness.base, room.conversationId, room.studentId);
    await secondCheckRead;
    await lock(db, room, true);
    answer();
    const student = track(await opening);
    await waitFor(() => student.permissions.length > 0, 5_000, 'the permission');
    expect(student.permissions.at(-1)).toEqual({ canEdit: false, reason: expect.stringContaining('locked') });
    expect(calls).toBe(3);
  });
});

describe('live sync: between the last check and joining the room', () => {
  test('a handshake the WebSocket layer refuses after the document loaded (a bad key) keeps no room loaded', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db), { settings: { unloadAfterMs: 20 } }));
    const { request } = await import('node:http');
    const cookie = await sessionCookie(room.studentId);
    const status = await new Promise<number>((resolve, reject) => {
      const attempt = request({
        host: '127.0.0.1',
        port: harness.port,
        path: `/yjs/${room.conversationId}`,
        headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'not a key', cookie },
      });
      attempt.on('response', (response) => resolve(response.statusCode ?? 0));
      attempt.on('upgrade', () => resolve(101));
      attempt.on('error', reject);
      attempt.end();
    });
    expect(status).toBe(400);
    await waitFor(() => harness.server.openRoom(room.conversationId) === undefined, 5_000, 'the room to unload');
  });
});

describe('live sync: the permission is told both ways', () => {
  test('lock, unlock, archive and a role change reach an open connection as permission messages, within a second', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const student = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId));
    await waitFor(() => student.permissions.length === 1, 5_000, 'the first permission');
    expect(student.permissions).toEqual([{ canEdit: true, mayAddTags: true }]);

    const started = Date.now();
    await lock(db, room, true);
    await waitFor(() => student.permissions.length === 2, 1_000, 'read-only');
    expect(student.permissions[1]).toEqual({ canEdit: false, reason: expect.stringContaining('locked') });
    await lock(db, room, false);
    await waitFor(() => student.permissions.length === 3, 1_000, 'may edit again');
    expect(student.permissions[2]).toEqual({ canEdit: true, mayAddTags: true });
    expect(Date.now() - started).toBeLessThan(2_000);

    // Writable again: its change lands.
    student.change((doc) => doc.getText('test').insert(0, 'after unlock'));
    await waitFor(() => serverText(harness, room) === 'after unlock', 5_000, 'the edit');

    // Promoted while locked: may edit (instructors may); demoted: read-only again.
    await lock(db, room, true);
    await waitFor(() => student.permissions.length === 4, 1_000, 'read-only');
    await changeMemberRole(db.fork(), room.instructorId, room.classId, room.studentId, { role: 'instructor' });
    await waitFor(() => student.permissions.length === 5, 1_000, 'promoted');
    expect(student.permissions[4]).toEqual({ canEdit: true, mayAddTags: true });
    await changeMemberRole(db.fork(), room.instructorId, room.classId, room.studentId, { role: 'student' });
    await waitFor(() => student.permissions.length === 6, 1_000, 'demoted');
    expect(student.permissions[5]).toEqual({ canEdit: false, reason: expect.stringContaining('locked') });

    // Archiving the class makes even the instructor's connection read-only.
    const teacher = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));
    await waitFor(() => teacher.permissions.length === 1, 5_000, 'the instructor’s permission');
    await changeClassAsInstructor(db.fork(), room.instructorId, room.classId, { archived: true });
    await waitFor(() => teacher.permissions.length === 2, 1_000, 'archived');
    expect(teacher.permissions[1]).toEqual({ canEdit: false, reason: expect.stringContaining('archived') });
    expect(student.isOpen).toBe(true);
  });

  test('a decision overtaken by a later one is not applied: lock then unlock leaves the connection writable, whichever check answers last', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const student = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId));
    await waitFor(() => student.permissions.length === 1, 5_000, 'the first permission');
    // The lock's check reads "locked", then answers only after the unlock's check has answered.
    const access = decisionsOf(harness).access;
    const check = access.check.bind(access);
    let read!: () => void;
    const lockRead = new Promise<void>((resolve) => (read = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let unlockAnswered!: () => void;
    const unlockDone = new Promise<void>((resolve) => (unlockAnswered = resolve));
    let calls = 0;
    access.check = async (userId, conversationId) => {
      const call = ++calls;
      const result = await check(userId, conversationId);
      if (call === 1) {
        read();
        await answered;
      } else {
        setImmediate(unlockAnswered);
      }
      return result;
    };
    await lock(db, room, true);
    await lockRead;
    await lock(db, room, false);
    await unlockDone;
    answer();
    await new Promise((resolve) => setImmediate(resolve));
    const connection = [...(harness.server.openRoom(room.conversationId)?.connections ?? [])][0];
    expect(connection?.canEdit).toBe(true);
    student.change((doc) => doc.getText('test').insert(0, 'still writable'));
    await waitFor(() => serverText(harness, room) === 'still writable', 5_000, 'the edit');
    expect(student.permissions).toEqual([{ canEdit: true, mayAddTags: true }]);
  });

  test('what a connection sends while an access change reaching it is decided waits for the decision: refused under a lock, applied if still writable', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const student = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId));
    const other = track(await RawSyncClient.open(harness.base, room.conversationId, room.otherStudentId));
    const access = decisionsOf(harness).access;
    const check = access.check.bind(access);
    let gate: Promise<void> = Promise.resolve();
    let reading!: () => void;
    let readDone = new Promise<void>((resolve) => (reading = resolve));
    access.check = async (userId, conversationId) => {
      const result = await check(userId, conversationId);
      reading();
      await gate;
      return result;
    };
    // A role change that leaves the other student writable: its edit, sent meanwhile, lands after.
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    await changeMemberRole(db.fork(), room.instructorId, room.classId, room.otherStudentId, { role: 'instructor' });
    await readDone;
    other.change((doc) => doc.getText('test').insert(0, 'kept'));
    const waiting = decisionsOf(harness).awaitingDecision;
    await waitFor(() => [...waiting.values()].some((entry) => entry.messages.length === 1), 5_000, 'the edit to wait');
    expect(serverText(harness, room)).toBe('');
    open();
    await waitFor(() => serverText(harness, room) === 'kept', 5_000, 'the waiting edit');

    // A lock: the student's edit, sent while it is decided, is refused under it.
    readDone = new Promise<void>((resolve) => (reading = resolve));
    gate = new Promise<void>((resolve) => (open = resolve));
    await lock(db, room, true);
    await readDone;
    student.change((doc) => doc.getText('test').insert(0, 'late '));
    open();
    expect((await student.closed).code).toBe(closeCodes.readOnlyChange);
    expect(serverText(harness, room)).toBe('kept');
  });

  test('removal (4403) and deletion (4404) close the connections they reach, and only those', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const student = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId));
    const secondTab = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId));
    const other = track(await RawSyncClient.open(harness.base, room.conversationId, room.otherStudentId));
    await removeMember(db.fork(), room.instructorId, room.classId, room.studentId);
    expect((await student.closed).code).toBe(closeCodes.forbidden);
    expect((await secondTab.closed).code).toBe(closeCodes.forbidden);
    expect(other.isOpen).toBe(true);
    await deleteConversation(db.fork(), room.instructorId, room.conversationId);
    expect((await other.closed).code).toBe(closeCodes.gone);
  });
});

describe('live sync: nothing a read-only connection sent is applied, then or later', () => {
  test('an honest page’s sync step 2 on opening a locked conversation is not a change: the connection stays open', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const teacher = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));
    teacher.change((doc) => doc.getText('test').insert(0, 'shared text'));
    await waitFor(() => serverText(harness, room) === 'shared text', 5_000, 'the edit');
    const kept = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId));
    teacher.change((doc) => doc.getText('test').delete(0, 7));
    await waitFor(() => kept.doc.getText('test').toString() === 'text', 5_000, 'the deletion');
    const copy = copyOf(kept.doc);
    kept.destroy();
    await lock(db, room, true);
    // It has everything the server has, deletions included: its step 2 changes nothing.
    const reopened = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId, { doc: copy }));
    teacher.change((doc) => doc.getText('test').insert(4, '.'));
    await waitFor(() => reopened.doc.getText('test').toString() === 'text.', 5_000, 'the marker');
    expect(reopened.isOpen).toBe(true);
  });

  test('a read-only change is answered with 4423 and never lands: not after an unlock, not on a reconnect, not under what builds on it', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    await lock(db, room, true);
    const student = await RawSyncClient.open(harness.base, room.conversationId, room.studentId);
    cleanups.push(() => student.destroy());
    student.change((doc) => doc.getText('test').insert(0, 'U1 '));
    expect((await student.closed).code).toBe(closeCodes.readOnlyChange);
    expect(serverText(harness, room)).toBe('');

    await lock(db, room, false);
    // Reconnecting with the same document: its step 2 carries U1 again; then U2, which builds on it.
    const again = await RawSyncClient.open(harness.base, room.conversationId, room.studentId, { doc: student.doc });
    expect((await again.closed).code).toBe(closeCodes.readOnlyChange);
    const third = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId, { doc: new Y.Doc() }));
    const u2 = Y.encodeStateAsUpdate(student.doc);
    student.doc.getText('test').insert(3, 'U2 ');
    third.send(Y.encodeStateAsUpdate(student.doc, Y.encodeStateVectorFromUpdate(u2)));
    expect((await third.closed).code).toBe(closeCodes.readOnlyChange);

    // Others write on as usual, and U1 is nowhere.
    const other = track(await RawSyncClient.open(harness.base, room.conversationId, room.otherStudentId));
    other.change((doc) => doc.getText('test').insert(0, 'fresh'));
    await waitFor(() => serverText(harness, room) === 'fresh', 5_000, 'the other edit');
    await harness.server.whenWritten();
    const stored = await new PostgresDocumentStore(await poolOf(db)).load(room.conversationId);
    const storedDoc = new Y.Doc();
    if (stored?.state) Y.applyUpdate(storedDoc, stored.state);
    for (const update of stored?.updates ?? []) Y.applyUpdate(storedDoc, update);
    expect(storedDoc.getText('test').toString()).toBe('fresh');
  });

  test('a refused read-only change is refused again after the room unloads and after a restart, once unlocked', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    const first = await startSyncHarness(pool, { settings: { unloadAfterMs: 10 } });
    await lock(db, room, true);
    const student = await RawSyncClient.open(first.base, room.conversationId, room.studentId);
    cleanups.push(() => student.destroy());
    student.change((doc) => doc.getText('test').insert(0, 'typed while locked '));
    expect((await student.closed).code).toBe(closeCodes.readOnlyChange);
    await waitFor(() => first.server.openRoom(room.conversationId) === undefined, 5_000, 'the room to unload');
    await lock(db, room, false);
    const afterUnload = await RawSyncClient.open(first.base, room.conversationId, room.studentId, { doc: student.doc });
    expect((await afterUnload.closed).code).toBe(closeCodes.readOnlyChange);
    await first.stop();

    const restarted = track(await startSyncHarness(pool));
    const afterRestart = await RawSyncClient.open(restarted.base, room.conversationId, room.studentId, { doc: student.doc });
    expect((await afterRestart.closed).code).toBe(closeCodes.readOnlyChange);
    // The student goes on with a fresh document (as the page does after a refusal).
    const fresh = track(await RawSyncClient.open(restarted.base, room.conversationId, room.studentId, { doc: new Y.Doc() }));
    fresh.change((doc) => doc.getText('test').insert(0, 'after the unlock'));
    await waitFor(() => serverText(restarted, room) === 'after the unlock', 5_000, 'the fresh edit');
  });

  test('a read-only member cannot block another writer’s client id by sending a change under it', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const teacher = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));
    teacher.change((doc) => doc.getText('test').insert(0, 'one'));
    await waitFor(() => serverText(harness, room) === 'one', 5_000, 'the first edit');
    await lock(db, room, true);
    // The instructor's client id is in plain view (presence); the student writes its next clock.
    const student = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId, { clientId: teacher.doc.clientID }));
    student.change((doc) => doc.getText('test').insert(3, ' forged'));
    expect((await student.closed).code).toBe(closeCodes.readOnlyChange);
    teacher.change((doc) => doc.getText('test').insert(3, ' two'));
    await waitFor(() => serverText(harness, room) === 'one two', 5_000, 'the instructor’s next edit');
    expect(teacher.isOpen).toBe(true);
  });

  test('an update held when the connection becomes read-only is refused (4423), and does not land when what it waited for arrives', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    // Two changes of one client; the second is sent first, so the server holds it.
    const author = new Y.Doc();
    author.getText('test').insert(0, 'first ');
    const first = Y.encodeStateAsUpdate(author);
    author.getText('test').insert(6, 'second');
    const second = Y.encodeStateAsUpdate(author, Y.encodeStateVectorFromUpdate(first));
    const student = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId));
    student.send(second);
    await waitFor(() => [...(harness.server.openRoom(room.conversationId)?.connections ?? [])].some((connection) => connection.heldUpdates.length === 1), 5_000, 'the held update');

    await lock(db, room, true);
    expect((await student.closed).code).toBe(closeCodes.readOnlyChange);
    await lock(db, room, false);
    const later = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId));
    later.send(first);
    await waitFor(() => serverText(harness, room) === 'first ', 5_000, 'the first change');
    // Sent again, the held one is refused: it was refused when the connection became read-only.
    later.send(second);
    expect((await later.closed).code).toBe(closeCodes.readOnlyChange);
    expect(serverText(harness, room)).toBe('first ');
  });
});

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
