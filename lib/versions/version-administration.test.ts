import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { connectClient, createClassroom, poolOf, startSyncHarness, waitFor, type Classroom, type TestClient } from '@/server/sync/testing/sync-harness';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, toHttpError } from '@/lib/errors';
import { documentLayout, turnElement } from '@/lib/sync/document-layout';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createTranscriptShape } from '@/lib/testing/transcript-shape';
import { versionDetailSchema, versionPageSchema } from './version-schemas';
import { getConversationVersion, keepConversationVersion, listConversationVersions, restoreConversationVersion } from './version-administration';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function withSyncServer(db: TestDatabase): Promise<Classroom> {
  const room = await createClassroom(db);
  const harness = await startSyncHarness(await poolOf(db));
  cleanups.push(() => harness.stop());
  return room;
}

async function connect(base: string, room: Classroom, userId: string): Promise<TestClient> {
  const client = await connectClient(base, room.conversationId, userId);
  cleanups.push(() => client.destroy());
  await client.synced;
  return client;
}

/** A turn of text, a highlight with a comment and a tag, written as the instructor. */
function writeRichDocument(doc: Y.Doc, room: Classroom): void {
  doc.transact(() => {
    createTranscriptShape(doc, 'What is a CRDT?');
    const tag = new Y.Map<unknown>();
    tag.set('name', 'Evidence');
    tag.set('color', 'blue');
    doc.getMap(documentLayout.tags).set('t1', tag);
    const comment = new Y.Map<unknown>();
    comment.set('id', 'c1');
    comment.set('authorId', room.instructorId);
    comment.set('authorName', 'Instructor');
    comment.set('text', 'Good question');
    comment.set('createdAt', '2026-12-01T10:00:00.000Z');
    const comments = new Y.Array<Y.Map<unknown>>();
    comments.insert(0, [comment]);
    const highlight = new Y.Map<unknown>();
    highlight.set('tagId', 't1');
    highlight.set('authorId', room.instructorId);
    highlight.set('authorName', 'Instructor');
    highlight.set('createdAt', '2026-12-01T10:00:00.000Z');
    highlight.set('comments', comments);
    doc.getMap(documentLayout.annotations).set('h1', highlight);
  });
}

function visible(doc: Y.Doc) {
  return {
    content: doc.getXmlFragment(documentLayout.content).toString(),
    annotations: doc.getMap(documentLayout.annotations).toJSON(),
    tags: doc.getMap(documentLayout.tags).toJSON(),
  };
}

describe('versions API', () => {
  test('who may do what: members read, the owner and instructors save and restore, outsiders see nothing', async ({ db }) => {
    const room = await withSyncServer(db);
    const first = await keepConversationVersion(db.fork(), room.instructorId, room.conversationId, {});
    const { conversationId } = room;

    const outcome = async (work: () => Promise<unknown>) =>
      work().then(
        () => 'ok',
        (error: unknown) => (error instanceof DomainError ? toHttpError(error).status : error),
      );
    const matrix: Record<string, unknown[]> = {};
    for (const [who, userId] of [
      ['owner', room.studentId],
      ['other student', room.otherStudentId],
      ['instructor', room.instructorId],
      ['outsider', room.outsiderId],
    ] as const) {
      matrix[who] = [
        await outcome(() => listConversationVersions(db.fork(), userId, conversationId)),
        await outcome(() => getConversationVersion(db.fork(), userId, conversationId, first.id)),
        await outcome(() => keepConversationVersion(db.fork(), userId, conversationId, {})),
        await outcome(() => restoreConversationVersion(db.fork(), userId, conversationId, first.id)),
      ];
    }
    expect(matrix).toEqual({
      owner: ['ok', 'ok', 'ok', 'ok'],
      'other student': ['ok', 'ok', 403, 403],
      instructor: ['ok', 'ok', 'ok', 'ok'],
      outsider: [404, 404, 404, 404],
    });
    await expect(keepConversationVersion(db.fork(), room.otherStudentId, conversationId, {})).rejects.toThrow(
      new ForbiddenError('Only its owner or an instructor can save a version of a conversation.'),
    );
  });

  test('versions of other conversations, unknown and malformed ids are not found', async ({ db }) => {
    const room = await withSyncServer(db);
    const other = await createClassroom(db);
    const foreign = await keepConversationVersion(db.fork(), other.instructorId, other.conversationId, {});
    for (const versionId of [foreign.id, crypto.randomUUID(), 'not-an-id']) {
      await expect(getConversationVersion(db.fork(), room.instructorId, room.conversationId, versionId)).rejects.toThrow(new NotFoundError('version'));
      await expect(restoreConversationVersion(db.fork(), room.instructorId, room.conversationId, versionId)).rejects.toThrow(new NotFoundError('version'));
    }
    await expect(listConversationVersions(db.fork(), room.instructorId, crypto.randomUUID())).rejects.toThrow(new NotFoundError('conversation'));
    // An instructor of another class is an outsider here.
    await expect(getConversationVersion(db.fork(), other.instructorId, room.conversationId, foreign.id)).rejects.toThrow(new NotFoundError('conversation'));
  });

  test('lists newest first a page at a time, with labels and who edited', async ({ db }) => {
    const room = await withSyncServer(db);
    const made = [];
    for (let index = 0; index < 5; index++) made.push(await keepConversationVersion(db.fork(), room.studentId, room.conversationId, { label: `  v${index} ` }));
    expect(made[0]).toEqual({ id: expect.any(String), createdAt: expect.any(String), reason: 'manual' });

    const first = await listConversationVersions(db.fork(), room.otherStudentId, room.conversationId, { limit: '2' });
    expect(versionPageSchema.parse(first)).toEqual(first);
    expect(first.items.map((item) => item.label)).toEqual(['v4', 'v3']);
    expect(first.items[0]).toEqual({ id: made[4]!.id, createdAt: made[4]!.createdAt, reason: 'manual', label: 'v4', authors: [{ userId: room.studentId, name: 'Student' }] });
    const second = await listConversationVersions(db.fork(), room.otherStudentId, room.conversationId, { limit: '2', cursor: first.nextCursor! });
    const third = await listConversationVersions(db.fork(), room.otherStudentId, room.conversationId, { limit: '2', cursor: second.nextCursor! });
    expect([...second.items, ...third.items].map((item) => item.label)).toEqual(['v2', 'v1', 'v0']);
    expect(third.nextCursor).toBeNull();

    await expect(listConversationVersions(db.fork(), room.studentId, room.conversationId, { cursor: 'forged' })).rejects.toMatchObject({ field: 'cursor' });
    await expect(listConversationVersions(db.fork(), room.studentId, room.conversationId, { limit: '0' })).rejects.toMatchObject({ field: 'limit', message: 'limit must be at least 1' });
    await expect(keepConversationVersion(db.fork(), room.studentId, room.conversationId, { label: 'x'.repeat(201) })).rejects.toMatchObject({
      field: 'label',
      message: 'label must be at most 200 characters',
    });
  });

  test('a wiped document restored: every open connection gets text, highlight and tag back, and the wiped state is a version', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = await startSyncHarness(await poolOf(db));
    cleanups.push(() => harness.stop());
    const instructor = await connect(harness.base, room, room.instructorId);
    const student = await connect(harness.base, room, room.studentId);
    writeRichDocument(instructor.doc, room);
    const rich = visible(instructor.doc);
    await waitFor(() => JSON.stringify(visible(student.doc)) === JSON.stringify(rich), 5_000, 'the student to see the document');
    const before = await keepConversationVersion(db.fork(), room.instructorId, room.conversationId, { label: 'Before the wipe' });

    // The student empties the transcript (Ctrl+A, Delete).
    const content = student.doc.getXmlFragment(documentLayout.content);
    content.delete(0, content.length);
    await waitFor(() => instructor.doc.getXmlFragment(documentLayout.content).length === 0, 5_000, 'the wipe to reach the instructor');

    expect(await restoreConversationVersion(db.fork(), room.instructorId, room.conversationId, before.id)).toEqual({ id: before.id });
    for (const client of [instructor, student]) await waitFor(() => JSON.stringify(visible(client.doc)) === JSON.stringify(rich), 5_000, 'the restored document');

    const history = await listConversationVersions(db.fork(), room.instructorId, room.conversationId);
    expect(history.items.map((item) => item.reason).slice(0, 2)).toEqual(['restore', 'manual']);
    const wiped = await getConversationVersion(db.fork(), room.instructorId, room.conversationId, history.items[0]!.id);
    expect(versionDetailSchema.parse(wiped)).toEqual(wiped);
    expect(wiped.rawText).toBe('');
    expect(wiped.authors.map((author) => author.userId).sort()).toEqual([room.instructorId, room.studentId].sort());
    expect((await getConversationVersion(db.fork(), room.studentId, room.conversationId, before.id)).rawText).toBe('User: What is a CRDT?');
  });

  test('restore of a conversation nobody has open, and two at the same moment', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = await startSyncHarness(await poolOf(db));
    cleanups.push(() => harness.stop());
    const writer = await connect(harness.base, room, room.instructorId);
    writeRichDocument(writer.doc, room);
    await waitFor(() => harness.server.openRoom(room.conversationId)?.doc.getXmlFragment(documentLayout.content).length === 1, 5_000, 'the edit at the server');
    const kept = await keepConversationVersion(db.fork(), room.instructorId, room.conversationId, {});
    writer.doc.getXmlFragment(documentLayout.content).delete(0, 1);
    await waitFor(() => harness.server.openRoom(room.conversationId)?.doc.getXmlFragment(documentLayout.content).length === 0, 5_000, 'the wipe at the server');
    writer.destroy();
    await waitFor(() => harness.server.openRoom(room.conversationId) === undefined, 10_000, 'the room to unload');

    const both = await Promise.all([
      restoreConversationVersion(db.fork(), room.studentId, room.conversationId, kept.id),
      restoreConversationVersion(db.fork(), room.instructorId, room.conversationId, kept.id),
    ]);
    expect(both).toEqual([{ id: kept.id }, { id: kept.id }]);
    const reader = await connect(harness.base, room, room.otherStudentId);
    expect(visible(reader.doc).content).toContain('What is a CRDT?');
    expect(visible(reader.doc).annotations).toHaveProperty('h1');
    const reasons = (await listConversationVersions(db.fork(), room.instructorId, room.conversationId)).items.map((item) => item.reason);
    expect(reasons.filter((reason) => reason === 'restore')).toHaveLength(2);
  });

  test('a locked conversation is restored by instructors only; an archived class refuses both', async ({ db }) => {
    const room = await withSyncServer(db);
    const kept = await keepConversationVersion(db.fork(), room.studentId, room.conversationId, {});
    await db.sql('update conversations set locked = true where id = ?', [room.conversationId]);
    await expect(restoreConversationVersion(db.fork(), room.studentId, room.conversationId, kept.id)).rejects.toThrow(
      new ForbiddenError('An instructor has locked this conversation.'),
    );
    expect(await restoreConversationVersion(db.fork(), room.instructorId, room.conversationId, kept.id)).toEqual({ id: kept.id });
    await db.sql('update classes set archived_at = now() where id = ?', [room.classId]);
    await expect(restoreConversationVersion(db.fork(), room.instructorId, room.conversationId, kept.id)).rejects.toThrow(ConflictError);
    await expect(keepConversationVersion(db.fork(), room.instructorId, room.conversationId, {})).rejects.toThrow(ConflictError);
    expect((await listConversationVersions(db.fork(), room.studentId, room.conversationId)).items).toHaveLength(2);
  });
});

describe('versions API: a version stored before the document limits', () => {
  test('is not restored into the live document: a 409 that says why', async ({ db }) => {
    const room = await withSyncServer(db);
    const deep = new Y.Doc();
    deep.transact(() => {
      let parent: Y.XmlElement = new Y.XmlElement(turnElement.name);
      deep.getXmlFragment(documentLayout.content).insert(0, [parent]);
      for (let level = 0; level < 40; level++) {
        const quote = new Y.XmlElement('blockquote');
        parent.insert(0, [quote]);
        parent = quote;
      }
    });
    await db.sql('update conversations set yjs_state = ? where id = ?', [Buffer.from(Y.encodeStateAsUpdate(deep)), room.conversationId]);
    const kept = await keepConversationVersion(db.fork(), room.instructorId, room.conversationId, {});
    const refused = await restoreConversationVersion(db.fork(), room.instructorId, room.conversationId, kept.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toMatch(/nests 41 deep/);
  });
});
