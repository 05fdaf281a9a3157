import * as encoding from 'lib0/encoding';
import type pg from 'pg';
import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { AnnotationDocument, type Author } from '@/lib/annotations/annotation-document';
import { limits } from '@/lib/limits';
import { documentLayout } from '@/lib/sync/document-layout';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { closeCodes } from './sync-connection';
import { encodeAwarenessMessage } from './sync-messages';
import { RawSyncClient } from './testing/raw-sync-client';
import { removeMember } from '@/lib/memberships/member-administration';
import type { DocumentStore } from '@/lib/sync/document-store';
import { connectClient, createClassroom, poolOf, rawUpgrade, sessionCookie, startSyncHarness, waitFor, type Classroom, type SyncHarness, type TestClient } from './testing/sync-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends TestClient | SyncHarness | RawSyncClient>(thing: T): T {
  cleanups.push(() => ('destroy' in thing ? thing.destroy() : thing.stop()));
  return thing;
}

const instructor = (room: Classroom): Author => ({ id: room.instructorId, name: 'Instructor' });
const student = (room: Classroom): Author => ({ id: room.studentId, name: 'Student' });
const otherStudent = (room: Classroom): Author => ({ id: room.otherStudentId, name: 'Other Student' });

/** The document as stored (state and log), once every update received is written. */
async function storedDocument(harness: SyncHarness, pool: pg.Pool, conversationId: string): Promise<Y.Doc> {
  await harness.server.whenWritten();
  const stored = await new PostgresDocumentStore(pool).load(conversationId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

interface Scene {
  room: Classroom;
  harness: SyncHarness;
  pool: pg.Pool;
  /** The instructor's client, which made a tag, a highlight and a comment ("Grade: A"). */
  teacher: RawSyncClient;
  /** Another student, watching with the stock client. */
  observer: TestClient;
  tagId: string;
  highlightId: string;
  commentId: string;
}

async function scene(db: TestDatabase): Promise<Scene> {
  const room = await createClassroom(db);
  const pool = await poolOf(db);
  const harness = track(await startSyncHarness(pool));
  const teacher = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));
  let tagId = '';
  let commentId = '';
  const highlightId = crypto.randomUUID();
  teacher.change((doc) => {
    const annotations = new AnnotationDocument(doc);
    tagId = annotations.addTag('effective', '#bbf7d0').id;
    annotations.createAnnotation(highlightId, tagId, instructor(room));
  });
  teacher.change((doc) => (commentId = new AnnotationDocument(doc).addComment(highlightId, 'Grade: A', instructor(room)).id));
  const observer = track(await connectClient(harness.base, room.conversationId, room.otherStudentId));
  await observer.synced;
  await waitFor(() => new AnnotationDocument(observer.doc).getAnnotation(highlightId)?.comments.length === 1, 5_000, 'the scene to reach the observer');
  return { room, harness, pool, teacher, observer, tagId, highlightId, commentId };
}

/**
 * Sends a forbidden change and proves it was refused whole: the connection is closed with
 * `code`, the change reaches nobody (a later allowed change does, so it would have) and is
 * not in the server's document nor in the database.
 */
async function expectRefused(s: Scene, client: RawSyncClient, change: (doc: Y.Doc) => void, code: number, isApplied: (doc: Y.Doc) => boolean): Promise<void> {
  client.change(change);
  const closed = await client.closed;
  expect(closed.code).toBe(code);
  expect(closed.reason.length).toBeGreaterThan(0);
  const marker = crypto.randomUUID();
  s.teacher.change((doc) => doc.getText('markers').insert(0, marker));
  await waitFor(() => s.observer.doc.getText('markers').toString().includes(marker), 5_000, 'a later change to reach the observer');
  expect(isApplied(s.observer.doc)).toBe(false);
  expect(isApplied(s.harness.server.openRoom(s.room.conversationId)!.doc)).toBe(false);
  expect(isApplied(await storedDocument(s.harness, s.pool, s.room.conversationId))).toBe(false);
}

/** Sends an allowed change and proves it was applied, relayed and stored. */
async function expectAccepted(s: Scene, client: RawSyncClient, change: (doc: Y.Doc) => void, isApplied: (doc: Y.Doc) => boolean): Promise<void> {
  client.change(change);
  await waitFor(() => isApplied(s.observer.doc), 5_000, 'the change to reach the observer');
  expect(client.isOpen).toBe(true);
  expect(isApplied(await storedDocument(s.harness, s.pool, s.room.conversationId))).toBe(true);
}

const commentText = (s: Scene) => (doc: Y.Doc) => new AnnotationDocument(doc).getAnnotation(s.highlightId)?.comments.find((comment) => comment.id === s.commentId)?.text;
const commentsOf = (s: Scene, doc: Y.Doc) => new AnnotationDocument(doc).getAnnotation(s.highlightId)?.comments ?? [];
const tagOf = (s: Scene, doc: Y.Doc) => new AnnotationDocument(doc).listTags().find((tag) => tag.id === s.tagId);
const commentMap = (s: Scene, doc: Y.Doc): Y.Map<unknown> => {
  const comments = (doc.getMap<Y.Map<unknown>>(documentLayout.annotations).get(s.highlightId)!.get('comments') as Y.Array<Y.Map<unknown>>).toArray();
  return comments.find((comment) => comment.get('id') === s.commentId)!;
};

describe('live sync: authorship and annotation rights, decided by the server', () => {
  test('a highlight or a comment in someone else’s name is refused; in one’s own, accepted', async ({ db }) => {
    const s = await scene(db);
    const forger = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    const forgedId = crypto.randomUUID();
    await expectRefused(
      s,
      forger,
      (doc) => new AnnotationDocument(doc).createAnnotation(forgedId, s.tagId, instructor(s.room)),
      closeCodes.refusedChange,
      (doc) => doc.getMap(documentLayout.annotations).has(forgedId),
    );
    // Right id, someone else's name: also a forgery.
    const namer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(
      s,
      namer,
      (doc) => new AnnotationDocument(doc).addComment(s.highlightId, 'I agree', { id: s.room.studentId, name: 'Instructor' }),
      closeCodes.refusedChange,
      (doc) => commentsOf(s, doc).some((comment) => comment.text === 'I agree'),
    );
    const commenter = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(
      s,
      commenter,
      (doc) => new AnnotationDocument(doc).addComment(s.highlightId, 'Forged reply', otherStudent(s.room)),
      closeCodes.refusedChange,
      (doc) => commentsOf(s, doc).some((comment) => comment.text === 'Forged reply'),
    );

    const honest = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    const ownId = crypto.randomUUID();
    await expectAccepted(s, honest, (doc) => new AnnotationDocument(doc).createAnnotation(ownId, s.tagId, student(s.room)), (doc) =>
      doc.getMap(documentLayout.annotations).has(ownId),
    );
    await expectAccepted(s, honest, (doc) => new AnnotationDocument(doc).addComment(s.highlightId, 'My own reply', student(s.room)), (doc) =>
      commentsOf(s, doc).some((comment) => comment.text === 'My own reply' && comment.authorId === s.room.studentId),
    );
  });

  test('another’s comment cannot be rewritten or deleted by a student; its author and instructors can', async ({ db }) => {
    const s = await scene(db);
    const rewriter = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(s, rewriter, (doc) => commentMap(s, doc).set('text', 'Grade: F'), closeCodes.refusedChange, (doc) => commentText(s)(doc) === 'Grade: F');
    const deleter = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(s, deleter, (doc) => new AnnotationDocument(doc).deleteComment(s.highlightId, s.commentId), closeCodes.refusedChange, (doc) => commentText(s)(doc) === undefined);
    expect(commentText(s)(s.observer.doc)).toBe('Grade: A');

    // The student's own comment: theirs to change and delete; an instructor may delete it too.
    const author = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    let ownCommentId = '';
    author.change((doc) => (ownCommentId = new AnnotationDocument(doc).addComment(s.highlightId, 'First thought', student(s.room)).id));
    const own = (doc: Y.Doc) => commentsOf(s, doc).find((comment) => comment.id === ownCommentId);
    await waitFor(() => own(s.observer.doc) !== undefined, 5_000, 'the student’s comment');
    await expectAccepted(
      s,
      author,
      (doc) => ((doc.getMap<Y.Map<unknown>>(documentLayout.annotations).get(s.highlightId)!.get('comments') as Y.Array<Y.Map<unknown>>).toArray().find((c) => c.get('id') === ownCommentId)!.set('text', 'Second thought')),
      (doc) => own(doc)?.text === 'Second thought',
    );
    await expectAccepted(s, s.teacher, (doc) => new AnnotationDocument(doc).deleteComment(s.highlightId, ownCommentId), (doc) => own(doc) === undefined);
  });

  test('another’s highlight cannot be retagged or deleted by a student; an instructor can delete it', async ({ db }) => {
    const s = await scene(db);
    const retagger = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(s, retagger, (doc) => new AnnotationDocument(doc).setTag(s.highlightId, 'other-tag'), closeCodes.refusedChange, (doc) =>
      new AnnotationDocument(doc).getAnnotation(s.highlightId)?.tagId === 'other-tag',
    );
    const deleter = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(s, deleter, (doc) => new AnnotationDocument(doc).deleteAnnotation(s.highlightId), closeCodes.refusedChange, (doc) =>
      !doc.getMap(documentLayout.annotations).has(s.highlightId),
    );
    const overwriter = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(s, overwriter, (doc) => new AnnotationDocument(doc).createAnnotation(s.highlightId, s.tagId, student(s.room)), closeCodes.refusedChange, (doc) =>
      new AnnotationDocument(doc).getAnnotation(s.highlightId)?.authorId === s.room.studentId,
    );

    const studentsHighlight = crypto.randomUUID();
    const author = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectAccepted(s, author, (doc) => new AnnotationDocument(doc).createAnnotation(studentsHighlight, s.tagId, student(s.room)), (doc) =>
      doc.getMap(documentLayout.annotations).has(studentsHighlight),
    );
    await expectAccepted(s, author, (doc) => new AnnotationDocument(doc).setTag(studentsHighlight, 'retagged'), (doc) =>
      new AnnotationDocument(doc).getAnnotation(studentsHighlight)?.tagId === 'retagged',
    );
    await expectAccepted(s, s.teacher, (doc) => new AnnotationDocument(doc).deleteAnnotation(studentsHighlight), (doc) => !doc.getMap(documentLayout.annotations).has(studentsHighlight));
  });

  test('students may add tags but not rename, recolour or delete them; instructors may', async ({ db }) => {
    const s = await scene(db);
    const tags = (doc: Y.Doc) => doc.getMap<Y.Map<string>>(documentLayout.tags);
    const renamer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(s, renamer, (doc) => tags(doc).get(s.tagId)!.set('name', 'useless'), closeCodes.refusedChange, (doc) => tagOf(s, doc)?.name === 'useless');
    const recolourer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(s, recolourer, (doc) => tags(doc).get(s.tagId)!.set('color', '#000000'), closeCodes.refusedChange, (doc) => tagOf(s, doc)?.color === '#000000');
    const deleter = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(s, deleter, (doc) => tags(doc).delete(s.tagId), closeCodes.refusedChange, (doc) => tagOf(s, doc) === undefined);

    const adder = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectAccepted(s, adder, (doc) => new AnnotationDocument(doc).addTag('surprising', '#fde68a'), (doc) =>
      new AnnotationDocument(doc).listTags().some((tag) => tag.name === 'surprising'),
    );
    await expectAccepted(s, s.teacher, (doc) => tags(doc).get(s.tagId)!.set('name', 'well argued'), (doc) => tagOf(s, doc)?.name === 'well argued');
    await expectAccepted(s, s.teacher, (doc) => tags(doc).delete(s.tagId), (doc) => tagOf(s, doc) === undefined);
  });

  test('writing with another user’s client id is refused, also after a restart; the owner may go on with it', async ({ db }) => {
    const s = await scene(db);
    const stolen = s.teacher.doc.clientID;
    const impostor = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId, { clientId: stolen }));
    await expectRefused(s, impostor, (doc) => doc.getText('markers').insert(0, 'IMPOSTOR'), closeCodes.refusedChange, (doc) =>
      doc.getText('markers').toString().includes('IMPOSTOR'),
    );
    const rows = await db.sql<{ user_id: string }>('select user_id from conversation_clients where conversation_id = ? and client_id = ?', [s.room.conversationId, stolen]);
    expect(rows).toEqual([{ user_id: s.room.instructorId }]);

    // The binding is stored: a fresh server refuses the same, and the owner's id still works for them.
    s.observer.destroy();
    s.teacher.destroy();
    await s.harness.stop();
    const restarted = track(await startSyncHarness(s.pool));
    const again = track(await RawSyncClient.open(restarted.base, s.room.conversationId, s.room.otherStudentId, { clientId: stolen }));
    again.change((doc) => doc.getText('markers').insert(0, 'AGAIN'));
    expect((await again.closed).code).toBe(closeCodes.refusedChange);
    const owner = track(await RawSyncClient.open(restarted.base, s.room.conversationId, s.room.instructorId, { clientId: stolen }));
    owner.change((doc) => doc.getText('markers').insert(0, 'OWNER'));
    await waitFor(() => restarted.server.openRoom(s.room.conversationId)!.doc.getText('markers').toString().includes('OWNER'), 5_000, 'the owner’s change');
    expect(owner.isOpen).toBe(true);
    expect(restarted.server.openRoom(s.room.conversationId)!.doc.getText('markers').toString()).not.toContain('AGAIN');
  });

  test('a change that builds on one not sent yet waits for it, then both apply in order', async ({ db }) => {
    const s = await scene(db);
    const writer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(writer.doc));
    local.clientID = writer.doc.clientID;
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    local.getText('markers').insert(0, 'first ');
    local.getText('markers').insert(6, 'second');
    writer.send(updates[1]!);
    writer.send(updates[0]!);
    await waitFor(() => s.observer.doc.getText('markers').toString() === 'first second', 5_000, 'both changes');
    expect(writer.isOpen).toBe(true);
  });
});

/** An update nesting `depth` blockquotes in a turn, as a modified client would send it. */
function nestedQuotes(doc: Y.Doc, depth: number): void {
  const turn = new Y.XmlElement('turn');
  turn.setAttribute('role', 'user');
  // Each level is inserted into one already in the document (Yjs integrates new nested
  // content recursively, which would overflow the stack of the sender itself).
  doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
  let parent: Y.XmlElement = turn;
  for (let level = 0; level < depth; level++) {
    const quote = new Y.XmlElement('blockquote');
    parent.insert(0, [quote]);
    parent = quote;
  }
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('deep')]);
  parent.insert(0, [paragraph]);
}

describe('live sync: bounds on what one update can do', () => {
  for (const depth of [limits.document.maxNestingDepth, 3_000, 20_000]) {
    test(`${depth.toLocaleString('en')} nested blockquotes are refused (4413) before they are applied`, async ({ db }) => {
      const s = await scene(db);
      const poisoner = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
      await expectRefused(s, poisoner, (doc) => nestedQuotes(doc, depth), closeCodes.tooLarge, (doc) => doc.getXmlFragment(documentLayout.content).length > 0);
    });
  }

  test('more root types than a conversation may have are refused; a few more are fine', async ({ db }) => {
    const s = await scene(db);
    const writer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectAccepted(s, writer, (doc) => doc.getText('plugin-a').insert(0, 'x'), (doc) => doc.getText('plugin-a').toString() === 'x');
    await expectRefused(
      s,
      writer,
      (doc) => {
        for (let i = 0; i < limits.document.maxRootTypes; i++) doc.getText(`root-${i}`).insert(0, 'x');
      },
      closeCodes.tooLarge,
      (doc) => doc.getText('root-0').toString() === 'x',
    );
  });

  test('nesting within the limit is accepted', async ({ db }) => {
    const s = await scene(db);
    const writer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    // The turn, its quotes and the paragraph: maxNestingDepth elements deep.
    await expectAccepted(s, writer, (doc) => nestedQuotes(doc, limits.document.maxNestingDepth - 2), (doc) => doc.getXmlFragment(documentLayout.content).length === 1);
  });

  test('text beyond the document’s limit is refused; comments and tag names over their lengths too', async ({ db }) => {
    const s = await scene(db);
    const big = 'x'.repeat(2_000_000);
    const writer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    const paragraphOf = (text: string) => {
      const turn = new Y.XmlElement('turn');
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      turn.insert(0, [paragraph]);
      return turn;
    };
    const content = (doc: Y.Doc) => doc.getXmlFragment(documentLayout.content);
    for (let i = 0; i < 3; i++) {
      await expectAccepted(s, writer, (doc) => content(doc).push([paragraphOf(big)]), (doc) => content(doc).length === i + 1);
    }
    expect(s.harness.server.openRoom(s.room.conversationId)!.measure.textCharacters).toBe(6_000_000);
    await expectRefused(s, writer, (doc) => content(doc).push([paragraphOf('one more')]), closeCodes.tooLarge, (doc) => content(doc).length > 3);

    const commenter = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectRefused(
      s,
      commenter,
      (doc) => {
        const comments = doc.getMap<Y.Map<unknown>>(documentLayout.annotations).get(s.highlightId)!.get('comments') as Y.Array<Y.Map<unknown>>;
        const entry = new Y.Map<unknown>();
        for (const [key, value] of Object.entries({ id: 'long', authorId: s.room.studentId, authorName: 'Student', createdAt: new Date().toISOString(), text: 'y'.repeat(2_001) })) entry.set(key, value);
        comments.push([entry]);
      },
      closeCodes.refusedChange,
      (doc) => commentsOf(s, doc).some((comment) => comment.id === 'long'),
    );
  });
});

/** An update that only deletes `length` items of `client` from `clock` on (V1 encoding, no structs). */
function deletionOnly(client: number, clock: number, length: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client in the delete set
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 1); // one range
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarUint(encoder, length);
  return encoding.toUint8Array(encoder);
}

/** An awareness update of one state, as a hand-made client would send it. */
function presenceMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  return encodeAwarenessMessage(encoding.toUint8Array(update));
}

describe('live sync: what is held, who is an author, and presence', () => {
  test('a deletion of words not typed yet waits; if its sender is refused meanwhile, it never lands', async ({ db }) => {
    const s = await scene(db);
    const victim = s.observer;
    victim.text.insert(0, 'mine');
    await waitFor(() => s.harness.server.openRoom(s.room.conversationId)!.doc.getText('test').toString() === 'mine', 5_000, 'the victim’s first words');
    const attacker = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    const next = Y.getState(s.harness.server.openRoom(s.room.conversationId)!.doc.store, victim.doc.clientID);
    attacker.send(deletionOnly(victim.doc.clientID, next, 6));
    attacker.change((doc) => doc.getMap<Y.Map<unknown>>(documentLayout.annotations).delete(s.highlightId));
    expect((await attacker.closed).code).toBe(closeCodes.refusedChange);
    victim.text.insert(4, ' words');
    await waitFor(() => s.harness.server.openRoom(s.room.conversationId)!.doc.getText('test').toString() === 'mine words', 5_000, 'the victim’s next words');
    expect((await storedDocument(s.harness, s.pool, s.room.conversationId)).getText('test').toString()).toBe('mine words');
  });

  test('an update with a gap in its clock waits for the gap, then applies', async ({ db }) => {
    const s = await scene(db);
    const writer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(writer.doc));
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    for (const word of ['one ', 'two ', 'three']) local.getText('markers').insert(local.getText('markers').length, word);
    writer.send(updates[2]!);
    const marker = crypto.randomUUID();
    s.teacher.change((doc) => doc.getText('other').insert(0, marker));
    await waitFor(() => s.observer.doc.getText('other').toString() === marker, 5_000, 'a later change');
    expect(s.observer.doc.getText('markers').toString()).toBe('');
    writer.send(updates[0]!);
    writer.send(updates[1]!);
    await waitFor(() => s.observer.doc.getText('markers').toString() === 'one two three', 5_000, 'all three');
    expect(writer.isOpen).toBe(true);
  });

  test('only who changed something is an author of a version; who only opened the page is not', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    const harness = track(await startSyncHarness(pool, { settings: { unloadAfterMs: 20 } }));
    const writer = track(await connectClient(harness.base, room.conversationId, room.studentId));
    const viewer = track(await connectClient(harness.base, room.conversationId, room.otherStudentId));
    await Promise.all([writer.synced, viewer.synced]);
    writer.text.insert(0, 'written');
    await waitFor(() => viewer.text.toString() === 'written', 5_000, 'the edit');
    writer.destroy();
    viewer.destroy();
    await waitFor(async () => (await db.sql('select 1 from conversation_versions where conversation_id = ?', [room.conversationId])).length > 0, 10_000, 'the unload version');
    const rows = await db.sql<{ reason: string; author_ids: string[] }>('select reason, author_ids from conversation_versions where conversation_id = ? order by position', [room.conversationId]);
    expect(rows).toEqual([{ reason: 'unload', author_ids: [room.studentId] }]);
  });

  test('presence carries the session’s name and role, and nobody speaks for another’s client id', async ({ db }) => {
    const s = await scene(db);
    const student = track(await connectClient(s.harness.base, s.room.conversationId, s.room.studentId));
    await student.synced;
    student.provider.awareness.setLocalState({ user: { id: s.room.instructorId, name: 'Instructor', role: 'instructor', color: '#ff0000' }, marker: true });
    const seen = () => s.observer.provider.awareness.getStates().get(student.doc.clientID) as { user?: unknown; marker?: boolean } | undefined;
    await waitFor(() => seen()?.marker === true, 5_000, 'the student’s presence');
    expect(seen()!.user).toEqual({ id: s.room.studentId, name: 'Student', role: 'student', color: '#ff0000' });

    // A hand-made client takes over the observer's presence id: dropped.
    const observerId = s.observer.doc.clientID;
    s.observer.provider.awareness.setLocalStateField('cursor', null);
    const watcher = track(await connectClient(s.harness.base, s.room.conversationId, s.room.instructorId));
    await watcher.synced;
    await waitFor(() => watcher.provider.awareness.getStates().has(observerId), 5_000, 'the observer’s presence');
    const hijacker = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    hijacker.sendMessage(presenceMessage(observerId, 1_000, { user: { name: 'Hijacked' } }));
    hijacker.sendMessage(presenceMessage(observerId, 1_001, null));
    student.provider.awareness.setLocalStateField('marker', false);
    await waitFor(() => (watcher.provider.awareness.getStates().get(student.doc.clientID) as { marker?: boolean } | undefined)?.marker === false, 5_000, 'a later presence');
    const observerState = watcher.provider.awareness.getStates().get(observerId) as { user?: { name?: string } } | undefined;
    expect(observerState?.user?.name).toBe('Other Student');
  });
});

describe('live sync: access changes reach connections still opening', () => {
  test('a member removed while their connection waits for the document to load is refused', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    const real = new PostgresDocumentStore(pool);
    let loading!: () => void;
    const loadStarted = new Promise<void>((resolve) => (loading = resolve));
    let finishLoad!: () => void;
    const held = new Promise<void>((resolve) => (finishLoad = resolve));
    // A store whose load waits, as a large document's does.
    const slow: DocumentStore = {
      load: async (id) => {
        loading();
        await held;
        return real.load(id);
      },
      append: (updates) => real.append(updates),
      compact: (id, compaction) => real.compact(id, compaction),
      countLogRows: () => real.countLogRows(),
    };
    const harness = track(await startSyncHarness(pool, { store: slow }));
    const opening = rawUpgrade(`${harness.base}/${room.conversationId}`, await sessionCookie(room.studentId));
    await loadStarted;
    await removeMember(db.fork(), room.instructorId, room.classId, room.studentId);
    finishLoad();
    const result = await opening;
    expect(result.status).toBe(404);
    result.socket?.terminate();
  });
});
