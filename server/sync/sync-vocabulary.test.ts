import type pg from 'pg';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { AnnotationDocument } from '@/lib/annotations/annotation-document';
import { changeClassAsInstructor } from '@/lib/classes/class-administration';
import { documentLayout } from '@/lib/sync/document-layout';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { createActivityRow, createWorkspace } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { setVocabularyLocked } from '@/lib/vocabularies/vocabulary-administration';
import { closeCodes } from './sync-connection';
import { RawSyncClient } from './testing/raw-sync-client';
import { createClassroom, poolOf, startSyncHarness, waitFor, type Classroom, type SyncHarness } from './testing/sync-harness';
import { stoppedAfterEach } from '@/server/sync/testing/stopped-after-each';

/*
 * A locked tag vocabulary, held by the server against a raw client: a student connected to a
 * workspace (or class conversation) whose tags are locked cannot add a tag; an instructor
 * can; a student can where it is open; and a lock made while connected holds within a second.
 */

const track = stoppedAfterEach();

interface Scene {
  room: Classroom;
  harness: SyncHarness;
  pool: pg.Pool;
  activityId: string;
  workspaceId: string;
}

async function scene(db: TestDatabase, options: { locked: boolean }): Promise<Scene> {
  const room = await createClassroom(db);
  const pool = await poolOf(db);
  const harness = track(await startSyncHarness(pool));
  const { id: activityId } = await createActivityRow(db.fork(), { classId: room.classId, createdById: room.instructorId }, { tagsLocked: options.locked });
  const workspace = await createWorkspace(db.fork(), { classId: room.classId, ownerId: room.studentId, activityId }, { tagsLocked: options.locked });
  return { room, harness, pool, activityId, workspaceId: workspace.id };
}

async function storedTagNames(s: Scene, conversationId: string): Promise<string[]> {
  await s.harness.server.whenWritten();
  const stored = await new PostgresDocumentStore(s.pool).load(conversationId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return new AnnotationDocument(doc).listTags().map((tag) => tag.name);
}

const serverTagNames = (s: Scene, conversationId: string) => new AnnotationDocument(s.harness.server.openRoom(conversationId)!.doc).listTags().map((tag) => tag.name);

/** Whether `userId` has open connections to the conversation and the server holds that none of them may add tags now. */
function connectionsRefuseTags(s: Scene, conversationId: string, userId: string): boolean {
  const room = s.harness.server.openRoom(conversationId);
  const theirs = [...(room?.connections ?? [])].filter((connection) => connection.writer.userId === userId);
  return theirs.length > 0 && theirs.every((connection) => connection.writer.mayAddTags === false);
}

/** Adds a tag and expects it refused whole (4409 with the reason) and stored nowhere. */
async function expectTagRefused(s: Scene, client: RawSyncClient, conversationId: string, name: string): Promise<void> {
  client.change((doc) => new AnnotationDocument(doc).addTag(name, '#bbf7d0'));
  const closed = await client.closed;
  expect(closed).toEqual({ code: closeCodes.refusedChange, reason: expect.stringContaining('tags are fixed') });
  expect(serverTagNames(s, conversationId)).not.toContain(name);
  expect(await storedTagNames(s, conversationId)).not.toContain(name);
}

async function expectTagAccepted(s: Scene, client: RawSyncClient, conversationId: string, name: string): Promise<void> {
  client.change((doc) => new AnnotationDocument(doc).addTag(name, '#bbf7d0'));
  await waitFor(() => serverTagNames(s, conversationId).includes(name), 5_000, `the tag “${name}” to reach the server`);
  expect(client.isOpen).toBe(true);
  expect(await storedTagNames(s, conversationId)).toContain(name);
}

describe('live sync: a locked tag vocabulary, decided by the server', () => {
  test('in a locked workspace its student cannot add a tag (4409, nothing stored), but may still highlight with the instructor’s', async ({ db }) => {
    const s = await scene(db, { locked: true });
    const teacher = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.instructorId));
    await expectTagAccepted(s, teacher, s.workspaceId, 'claim');
    const tagId = new AnnotationDocument(teacher.doc).listTags()[0]!.id;

    const student = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.studentId));
    const highlightId = crypto.randomUUID();
    student.change((doc) => new AnnotationDocument(doc).createAnnotation(highlightId, tagId, { id: s.room.studentId, name: 'Student' }));
    await waitFor(() => s.harness.server.openRoom(s.workspaceId)!.doc.getMap(documentLayout.annotations).has(highlightId), 5_000, 'the highlight');
    await expectTagRefused(s, student, s.workspaceId, 'my own tag');
    // Nor in the same message as a highlight: the update is refused whole.
    const again = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.studentId));
    const sneakyHighlight = crypto.randomUUID();
    again.change((doc) => {
      const annotations = new AnnotationDocument(doc);
      annotations.createAnnotation(sneakyHighlight, annotations.addTag('sneaky', '#fecaca').id, { id: s.room.studentId, name: 'Student' });
    });
    expect((await again.closed).code).toBe(closeCodes.refusedChange);
    expect(s.harness.server.openRoom(s.workspaceId)!.doc.getMap(documentLayout.annotations).has(sneakyHighlight)).toBe(false);
    expect(await storedTagNames(s, s.workspaceId)).toEqual(['claim']);
  });

  test('in an open workspace its student adds tags', async ({ db }) => {
    const s = await scene(db, { locked: false });
    const student = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.studentId));
    await expectTagAccepted(s, student, s.workspaceId, 'my own tag');
  });

  test('locking the activity while its student is connected holds within a second; opening it again lets them add', async ({ db }) => {
    const s = await scene(db, { locked: false });
    const student = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.studentId));
    const teacher = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.instructorId));
    await expectTagAccepted(s, student, s.workspaceId, 'before the lock');

    await setVocabularyLocked(db.fork(), s.room.instructorId, { activityId: s.activityId }, { locked: true });
    await waitFor(() => connectionsRefuseTags(s, s.workspaceId, s.room.studentId), 1_000, 'the lock to reach the connection');
    // The page is told too (it hides its tag form): may edit, but add no tags.
    await waitFor(() => JSON.stringify(student.permissions.at(-1)) === JSON.stringify({ canEdit: true, mayAddTags: false }), 1_000, 'the permission message');
    expect(teacher.permissions.at(-1)).toEqual({ canEdit: true, mayAddTags: true });
    await expectTagRefused(s, student, s.workspaceId, 'after the lock');
    // The instructor's connection was decided again too, and still may.
    await expectTagAccepted(s, teacher, s.workspaceId, 'the instructor’s');

    await setVocabularyLocked(db.fork(), s.room.instructorId, { activityId: s.activityId }, { locked: false });
    const reconnected = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.studentId));
    await expectTagAccepted(s, reconnected, s.workspaceId, 'after opening');
  });

  test('locking the class’s vocabulary reaches its class conversations’ connections within a second', async ({ db }) => {
    const s = await scene(db, { locked: false });
    const conversationId = s.room.conversationId;
    const student = track(await RawSyncClient.open(s.harness.base, conversationId, s.room.studentId));
    const inWorkspace = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.studentId));
    await changeClassAsInstructor(db.fork(), s.room.instructorId, s.room.classId, { tagsLocked: true });
    await waitFor(() => connectionsRefuseTags(s, conversationId, s.room.studentId), 1_000, 'the class lock to reach the connection');
    await expectTagRefused(s, student, conversationId, 'in the class conversation');
    // The workspace follows its activity's lock, not the class's.
    await expectTagAccepted(s, inWorkspace, s.workspaceId, 'in the workspace');
  });
});
