import type pg from 'pg';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { AnnotationDocument, type Author } from '@/lib/annotations/annotation-document';
import { documentLayout } from '@/lib/sync/document-layout';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { closeCodes } from './sync-connection';
import { RawSyncClient } from './testing/raw-sync-client';
import { stoppedAfterEach } from './testing/stopped-after-each';
import { createClassroom, poolOf, startSyncHarness, waitFor, type Classroom, type SyncHarness } from './testing/sync-harness';

/**
 * Resolving a thread and editing a comment, as a modified client could send them: only the
 * highlight's (or the comment's) author or an instructor may, in their own name, with
 * well-formed fields. Each refusal is proved whole: the connection closed, nothing applied
 * in the server's document, nothing relayed, nothing stored.
 */

const track = stoppedAfterEach();

const student = (room: Classroom): Author => ({ id: room.studentId, name: 'Student' });
const otherStudent = (room: Classroom): Author => ({ id: room.otherStudentId, name: 'Other Student' });
const instructor = (room: Classroom): Author => ({ id: room.instructorId, name: 'Instructor' });

interface Scene {
  room: Classroom;
  harness: SyncHarness;
  pool: pg.Pool;
  /** The instructor, watching (and writing the markers that prove a refusal reached nobody). */
  teacher: RawSyncClient;
  /** The other student's highlight with the other student's comment on it. */
  highlightId: string;
  commentId: string;
}

async function scene(db: TestDatabase): Promise<Scene> {
  const room = await createClassroom(db);
  const pool = await poolOf(db);
  const harness = track(await startSyncHarness(pool));
  const teacher = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));
  let tagId = '';
  teacher.change((doc) => (tagId = new AnnotationDocument(doc).addTag('effective', '#bbf7d0').id));
  const author = track(await RawSyncClient.open(harness.base, room.conversationId, room.otherStudentId));
  await waitFor(() => new AnnotationDocument(author.doc).listTags().length > 0, 5_000, 'the tag');
  const highlightId = crypto.randomUUID();
  let commentId = '';
  author.change((doc) => {
    const annotations = new AnnotationDocument(doc);
    annotations.createAnnotation(highlightId, tagId, otherStudent(room));
    commentId = annotations.addComment(highlightId, 'My first thought', otherStudent(room)).id;
  });
  await waitFor(() => new AnnotationDocument(teacher.doc).getAnnotation(highlightId)?.comments.length === 1, 5_000, 'the thread to reach the instructor');
  author.destroy();
  return { room, harness, pool, teacher, highlightId, commentId };
}

async function storedDocument(s: Scene): Promise<Y.Doc> {
  await s.harness.server.whenWritten();
  const stored = await new PostgresDocumentStore(s.pool).load(s.room.conversationId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

async function open(s: Scene, userId: string): Promise<RawSyncClient> {
  const client = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, userId));
  await client.synced;
  return client;
}

async function expectRefused(s: Scene, client: RawSyncClient, change: (doc: Y.Doc) => void, isApplied: (doc: Y.Doc) => boolean): Promise<void> {
  client.change(change);
  const closed = await client.closed;
  expect(closed.code).toBe(closeCodes.refusedChange);
  // A later change reaches the instructor, so the refused one would have by then.
  const marker = crypto.randomUUID();
  const witness = await open(s, s.room.instructorId);
  witness.change((doc) => doc.getText('markers').insert(0, marker));
  await waitFor(() => s.teacher.doc.getText('markers').toString().includes(marker), 5_000, 'a later change to reach the instructor');
  expect(isApplied(s.teacher.doc)).toBe(false);
  expect(isApplied(s.harness.server.openRoom(s.room.conversationId)!.doc)).toBe(false);
  expect(isApplied(await storedDocument(s))).toBe(false);
}

async function expectAccepted(s: Scene, client: RawSyncClient, change: (doc: Y.Doc) => void, isApplied: (doc: Y.Doc) => boolean): Promise<void> {
  client.change(change);
  await waitFor(() => isApplied(s.teacher.doc), 5_000, 'the change to reach the instructor');
  expect(client.isOpen).toBe(true);
  expect(isApplied(await storedDocument(s))).toBe(true);
}

const record = (s: Scene, doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(documentLayout.annotations).get(s.highlightId)!;
const annotation = (s: Scene, doc: Y.Doc) => new AnnotationDocument(doc).getAnnotation(s.highlightId);
const comment = (s: Scene, doc: Y.Doc) => annotation(s, doc)?.comments.find((entry) => entry.id === s.commentId);

describe('live sync: resolving threads and editing comments, decided by the server', () => {
  test('a student resolving another student’s thread is refused; its author resolves it, an instructor reopens it', async ({ db }) => {
    const s = await scene(db);
    const intruder = await open(s, s.room.studentId);
    await expectRefused(s, intruder, (doc) => new AnnotationDocument(doc).setResolved(s.highlightId, true, student(s.room)), (doc) => annotation(s, doc)?.resolved === true);

    const author = await open(s, s.room.otherStudentId);
    await expectAccepted(s, author, (doc) => new AnnotationDocument(doc).setResolved(s.highlightId, true, otherStudent(s.room)), (doc) =>
      annotation(s, doc)?.resolution?.byId === s.room.otherStudentId,
    );
    expect(annotation(s, s.teacher.doc)).toMatchObject({ resolved: true, resolution: { byName: 'Other Student' }, comments: [{ text: 'My first thought' }] });
    const reopener = await open(s, s.room.instructorId);
    await expectAccepted(s, reopener, (doc) => new AnnotationDocument(doc).setResolved(s.highlightId, false, instructor(s.room)), (doc) => annotation(s, doc)?.resolved === false);
  });

  test('a resolution that is not a boolean, or is made in another’s name, is refused even from the author', async ({ db }) => {
    const s = await scene(db);
    const notBoolean = await open(s, s.room.otherStudentId);
    await expectRefused(s, notBoolean, (doc) => record(s, doc).set('resolved', 'yes'), (doc) => record(s, doc).get('resolved') === 'yes');
    const forger = await open(s, s.room.otherStudentId);
    await expectRefused(
      s,
      forger,
      (doc) => new AnnotationDocument(doc).setResolved(s.highlightId, true, instructor(s.room)),
      (doc) => annotation(s, doc)?.resolved === true,
    );
    const badTime = await open(s, s.room.otherStudentId);
    await expectRefused(s, badTime, (doc) => record(s, doc).set('resolvedAt', 12), (doc) => record(s, doc).has('resolvedAt'));
  });

  test('a student editing another student’s comment is refused; its author edits it, with the time of the edit', async ({ db }) => {
    const s = await scene(db);
    const intruder = await open(s, s.room.studentId);
    await expectRefused(s, intruder, (doc) => new AnnotationDocument(doc).editComment(s.highlightId, s.commentId, 'Rewritten by someone else'), (doc) =>
      comment(s, doc)?.text === 'Rewritten by someone else',
    );
    expect(comment(s, s.teacher.doc)?.text).toBe('My first thought');

    const author = await open(s, s.room.otherStudentId);
    await expectAccepted(s, author, (doc) => new AnnotationDocument(doc).editComment(s.highlightId, s.commentId, 'My second thought'), (doc) =>
      comment(s, doc)?.text === 'My second thought',
    );
    expect(comment(s, s.teacher.doc)?.editedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const badTime = await open(s, s.room.otherStudentId);
    const commentEntry = (doc: Y.Doc) => (record(s, doc).get('comments') as Y.Array<Y.Map<unknown>>).toArray().find((entry) => entry.get('id') === s.commentId)!;
    await expectRefused(s, badTime, (doc) => commentEntry(doc).set('editedAt', { when: 'now' }), (doc) => typeof commentEntry(doc).get('editedAt') === 'object');
  });
});
