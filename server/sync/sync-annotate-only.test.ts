import type pg from 'pg';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { AnnotationDocument, type Author } from '@/lib/annotations/annotation-document';
import { changeConversation } from '@/lib/conversations/conversation-administration';
import { documentLayout } from '@/lib/sync/document-layout';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { paragraph } from '@/lib/testing/document-builders';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { closeCodes } from './sync-connection';
import { RawSyncClient } from './testing/raw-sync-client';
import { stoppedAfterEach } from './testing/stopped-after-each';
import { createClassroom, poolOf, startSyncHarness, waitFor, type Classroom, type SyncHarness } from './testing/sync-harness';

/**
 * The annotate-only lock, decided by the server: a student's highlights and comments land, any
 * change of the text is refused whole (4423, as a read-only change) and never stored; the
 * instructor still edits; the state reaches open connections within a second, both ways.
 */
const track = stoppedAfterEach();

const studentOf = (room: Classroom): Author => ({ id: room.studentId, name: 'Student' });
const instructorOf = (room: Classroom): Author => ({ id: room.instructorId, name: 'Instructor' });

/** The transcript's first turn, its paragraph and that paragraph's text. */
function firstTurn(doc: Y.Doc) {
  const turn = doc.getXmlFragment(documentLayout.content).get(0) as Y.XmlElement;
  const element = turn.get(0) as Y.XmlElement;
  return { turn, text: element.get(0) as Y.XmlText };
}

/** The first turn's text, without its formatting. */
const transcriptText = (doc: Y.Doc) => (firstTurn(doc).text.toDelta() as Array<{ insert: string }>).map((op) => op.insert).join('');

async function storedDocument(harness: SyncHarness, pool: pg.Pool, conversationId: string): Promise<Y.Doc> {
  await harness.server.whenWritten();
  const stored = await new PostgresDocumentStore(pool).load(conversationId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

/** A classroom whose conversation has one user turn ("Hello there, world.") and a tag, written by its instructor. */
async function scene(db: TestDatabase) {
  const room = await createClassroom(db);
  const pool = await poolOf(db);
  const harness = track(await startSyncHarness(pool));
  const teacher = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));
  let tagId = '';
  teacher.change((doc) => {
    const turn = new Y.XmlElement('turn');
    turn.setAttribute('role', 'user');
    turn.insert(0, [paragraph('Hello there, world.')]);
    doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
    tagId = new AnnotationDocument(doc).addTag('effective', '#bbf7d0').id;
  });
  const serverDoc = () => harness.server.openRoom(room.conversationId)!.doc;
  await waitFor(() => serverDoc().getXmlFragment(documentLayout.content).length === 1, 5_000, 'the transcript');
  const annotateOnly = (on: boolean) => changeConversation(db.fork(), room.instructorId, room.conversationId, { annotateOnly: on });
  const student = async () => {
    const client = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId));
    await waitFor(() => client.permissions.length > 0, 5_000, 'the permission');
    return client;
  };
  return { room, pool, harness, teacher, tagId, serverDoc, annotateOnly, student };
}

/** Highlights the first five characters with a new highlight of the student's, as the editor does (mark and record). */
function highlight(client: RawSyncClient, room: Classroom, tagId: string): string {
  const highlightId = crypto.randomUUID();
  client.change((doc) => {
    new AnnotationDocument(doc).createAnnotation(highlightId, tagId, studentOf(room));
    firstTurn(doc).text.format(0, 5, { highlight: { highlightId } });
  });
  return highlightId;
}

describe('live sync: annotate-only', () => {
  test('a student highlights and comments; their typing, deleting and role change are refused and never stored; the instructor still edits', async ({ db }) => {
    const s = await scene(db);
    await s.annotateOnly(true);
    const student = await s.student();
    expect(student.permissions.at(-1)).toEqual({ canEdit: true, mayAddTags: true, textFrozen: true });

    const highlightId = highlight(student, s.room, s.tagId);
    await waitFor(() => new AnnotationDocument(s.serverDoc()).getAnnotation(highlightId) !== undefined, 5_000, 'the highlight');
    student.change((doc) => new AnnotationDocument(doc).addComment(highlightId, 'Vague prompt.', studentOf(s.room)));
    await waitFor(() => new AnnotationDocument(s.serverDoc()).getAnnotation(highlightId)?.comments.length === 1, 5_000, 'the comment');
    expect(student.isOpen).toBe(true);
    // Removing one's highlight mark is allowed too.
    student.change((doc) => firstTurn(doc).text.format(0, 5, { highlight: null }));

    const attempts: Array<[string, (doc: Y.Doc) => void]> = [
      ['typing', (doc) => firstTurn(doc).text.insert(5, ' typed')],
      ['deleting a character', (doc) => firstTurn(doc).text.delete(0, 1)],
      ['changing a turn’s role', (doc) => firstTurn(doc).turn.setAttribute('role', 'assistant')],
      ['bold', (doc) => firstTurn(doc).text.format(0, 5, { bold: {} })],
      ['writing a response', (doc) => doc.getXmlFragment(documentLayout.response).insert(0, [paragraph('My answer')])],
    ];
    for (const [what, attempt] of attempts) {
      const client = await s.student();
      client.change(attempt);
      expect((await client.closed).code, what).toBe(closeCodes.readOnlyChange);
    }
    const check = (doc: Y.Doc) => {
      expect(transcriptText(doc)).toBe('Hello there, world.');
      expect(firstTurn(doc).turn.getAttribute('role')).toBe('user');
      expect(firstTurn(doc).text.toDelta().some((op: { attributes?: object }) => op.attributes && 'bold' in op.attributes)).toBe(false);
      expect(doc.getXmlFragment(documentLayout.response).length).toBe(0);
      expect(new AnnotationDocument(doc).getAnnotation(highlightId)?.comments.map((comment) => comment.text)).toEqual(['Vague prompt.']);
    };
    check(s.serverDoc());
    check(await storedDocument(s.harness, s.pool, s.room.conversationId));

    // The instructor is not frozen: their text edit lands.
    expect(s.teacher.permissions.at(-1)).toEqual({ canEdit: true, mayAddTags: true });
    s.teacher.change((doc) => firstTurn(doc).text.insert(0, 'Well. '));
    await waitFor(() => transcriptText(s.serverDoc()) === 'Well. Hello there, world.', 5_000, 'the instructor’s edit');
    s.teacher.change((doc) => new AnnotationDocument(doc).createAnnotation(crypto.randomUUID(), s.tagId, instructorOf(s.room)));
    expect(s.teacher.isOpen).toBe(true);
  });

  test('turned on while a student is connected, their next text edit is refused within a second; turned off, accepted again', async ({ db }) => {
    const s = await scene(db);
    let student = await s.student();
    expect(student.permissions).toEqual([{ canEdit: true, mayAddTags: true }]);
    student.change((doc) => firstTurn(doc).text.insert(0, 'A '));
    await waitFor(() => transcriptText(s.serverDoc()) === 'A Hello there, world.', 5_000, 'the edit');

    const started = Date.now();
    await s.annotateOnly(true);
    await waitFor(() => student.permissions.length === 2, 1_000, 'the frozen text');
    expect(student.permissions[1]).toEqual({ canEdit: true, mayAddTags: true, textFrozen: true });
    expect(Date.now() - started).toBeLessThan(1_000);
    // Still annotating.
    const highlightId = highlight(student, s.room, s.tagId);
    await waitFor(() => new AnnotationDocument(s.serverDoc()).getAnnotation(highlightId) !== undefined, 5_000, 'the highlight');

    await s.annotateOnly(false);
    await waitFor(() => student.permissions.length === 3, 1_000, 'the text open again');
    expect(student.permissions[2]).toEqual({ canEdit: true, mayAddTags: true });
    student.change((doc) => firstTurn(doc).text.insert(0, 'B '));
    await waitFor(() => transcriptText(s.serverDoc()) === 'B A Hello there, world.', 5_000, 'the edit after unfreezing');

    await s.annotateOnly(true);
    await waitFor(() => student.permissions.length === 4, 1_000, 'frozen again');
    student.change((doc) => firstTurn(doc).text.insert(0, 'C '));
    expect((await student.closed).code).toBe(closeCodes.readOnlyChange);
    expect(transcriptText(s.serverDoc())).toBe('B A Hello there, world.');

    // Locked wins over annotate-only: read-only, even for highlights.
    await changeConversation(db.fork(), s.room.instructorId, s.room.conversationId, { locked: true });
    student = await s.student();
    expect(student.permissions.at(-1)).toEqual({ canEdit: false, reason: expect.stringContaining('locked') });
    highlight(student, s.room, s.tagId);
    expect((await student.closed).code).toBe(closeCodes.readOnlyChange);
  });
});
