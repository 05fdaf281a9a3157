import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { AnnotationDocument } from '@/lib/annotations/annotation-document';
import { documentLayout } from '@/lib/sync/document-layout';
import { test } from '@/lib/testing/test-database';
import { closeCodes } from './sync-connection';
import { RawSyncClient } from './testing/raw-sync-client';
import { createClassroom, poolOf, startSyncHarness, waitFor, type SyncHarness } from './testing/sync-harness';

/**
 * Attacks on the server's checks with updates crafted at the struct level (Yjs update
 * format v1), as a modified client could send them. Each asserts the correct outcome: refused
 * whole, nothing applied.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function track<T extends RawSyncClient | SyncHarness>(thing: T): T {
  cleanups.push(() => ('destroy' in thing ? thing.destroy() : thing.stop()));
  return thing;
}

type Struct =
  | { kind: 'gc'; length: number }
  | { kind: 'any'; values: unknown[]; origin?: Y.ID; parent?: string | Y.ID; key?: string }
  | { kind: 'string'; text: string; origin?: Y.ID; parent?: string | Y.ID; key?: string };

/** A v1 update of one client's structs from `clock` on (and an empty delete set). */
function craftUpdate(client: number, clock: number, structs: Struct[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, structs.length);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  for (const struct of structs) {
    if (struct.kind === 'gc') {
      encoding.writeUint8(encoder, 0);
      encoding.writeVarUint(encoder, struct.length);
      continue;
    }
    const ref = struct.kind === 'any' ? 8 : 4;
    const info = ref | (struct.origin ? 0x80 : 0) | (!struct.origin && struct.key !== undefined ? 0x20 : 0);
    encoding.writeUint8(encoder, info);
    if (struct.origin) {
      encoding.writeVarUint(encoder, struct.origin.client);
      encoding.writeVarUint(encoder, struct.origin.clock);
    } else {
      if (typeof struct.parent === 'string') {
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarString(encoder, struct.parent);
      } else {
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint(encoder, struct.parent!.client);
        encoding.writeVarUint(encoder, struct.parent!.clock);
      }
      if (struct.key !== undefined) encoding.writeVarString(encoder, struct.key);
    }
    if (struct.kind === 'any') {
      encoding.writeVarUint(encoder, struct.values.length);
      for (const value of struct.values) encoding.writeAny(encoder, value as string);
    } else {
      encoding.writeVarString(encoder, struct.text);
    }
  }
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

async function setUp(db: Parameters<typeof createClassroom>[0]) {
  const room = await createClassroom(db);
  const pool = await poolOf(db);
  const harness = track(await startSyncHarness(pool));
  const teacher = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));
  const highlightId = crypto.randomUUID();
  teacher.change((doc) => new AnnotationDocument(doc).createAnnotation(highlightId, 'tag', { id: room.instructorId, name: 'Instructor' }));
  const serverDoc = () => harness.server.openRoom(room.conversationId)!.doc;
  await waitFor(() => serverDoc().getMap(documentLayout.annotations).has(highlightId), 5_000, 'the highlight');
  return { room, harness, teacher, highlightId, serverDoc };
}

describe('live sync: crafted updates against the integrity checks', () => {
  test('a GC struct overlapping what the document has does not hide an item placed next to the document’s own item (own comment re-authored as the instructor)', async ({ db }) => {
    const s = await setUp(db);
    const student = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    let commentId = '';
    student.change((doc) => (commentId = new AnnotationDocument(doc).addComment(s.highlightId, 'mine', { id: s.room.studentId, name: 'Student' }).id));
    const authorOf = (doc: Y.Doc) => new AnnotationDocument(doc).getAnnotation(s.highlightId)?.comments.find((comment) => comment.id === commentId)?.authorId;
    await waitFor(() => authorOf(s.serverDoc()) === s.room.studentId, 5_000, 'the student’s comment');
    const client = student.doc.clientID;
    const known = Y.getState(student.doc.store, client);
    const comments = (student.doc.getMap<Y.Map<unknown>>(documentLayout.annotations).get(s.highlightId)!.get('comments') as Y.Array<Y.Map<unknown>>).toArray();
    const authorField = comments.find((comment) => comment.get('id') === commentId)!._map.get('authorId')!;
    // The GC covers the client's known clocks and one more; the item's origin is the document's authorId field.
    student.send(craftUpdate(client, 0, [{ kind: 'gc', length: known + 1 }, { kind: 'any', values: [s.room.instructorId], origin: authorField.id }]));
    // Refused: the connection closes and the author stays. (Today it is applied: the comment reads as the instructor's.)
    const outcome = await Promise.race([
      student.closed.then((closed) => closed.code),
      waitFor(() => authorOf(s.serverDoc()) !== s.room.studentId, 1_500, 'a re-authored comment').then(() => 'applied', () => 'neither'),
    ]);
    expect(authorOf(s.serverDoc())).toBe(s.room.studentId);
    expect([closeCodes.refusedChange, closeCodes.malformed]).toContain(outcome);
  });

  test('an update that Yjs fails to apply halfway leaves nothing applied (a struct whose origin is a later clock of its own client)', async ({ db }) => {
    const s = await setUp(db);
    const student = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    const client = 0x7fff_fff0;
    student.send(
      craftUpdate(client, 0, [
        { kind: 'string', text: 'SMUGGLED', parent: 'markers' },
        // Its origin is the next struct of the same client: Yjs looks it up before integrating it, and throws.
        { kind: 'string', text: 'x', origin: Y.createID(client, 9) },
        { kind: 'string', text: 'y', parent: 'markers' },
      ]),
    );
    const closed = await student.closed;
    expect(closed.code).toBe(closeCodes.malformed);
    await s.harness.server.whenWritten();
    expect(s.serverDoc().getText('markers').toString()).toBe('');
  });

  test('an update whose items name each other as origins is refused at once, not held at a cost of a million steps per try', async ({ db }) => {
    const s = await setUp(db);
    const student = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    const client = 0x7fff_fff1;
    const started = performance.now();
    for (let i = 0; i < 20; i++) student.send(craftUpdate(client, 0, [{ kind: 'string', text: 'a', origin: Y.createID(client, 0) }]));
    // Every change applied in the room retries what is held.
    s.teacher.change((doc) => doc.getText('markers').insert(0, 'tick'));
    await waitFor(() => s.serverDoc().getText('markers').toString() === 'tick', 5_000, 'the teacher’s change');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
