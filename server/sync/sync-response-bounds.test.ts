import type pg from 'pg';
import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { limits } from '@/lib/limits';
import { documentLayout } from '@/lib/sync/document-layout';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { responsePlainText } from '@/lib/sync/response-text';
import { measureResponse, measureTranscript } from '@/lib/sync/transcript-extent';
import { paragraph } from '@/lib/testing/document-builders';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { closeCodes } from './sync-connection';
import { RawSyncClient } from './testing/raw-sync-client';
import { connectClient, createClassroom, poolOf, startSyncHarness, waitFor, type Classroom, type SyncHarness, type TestClient } from './testing/sync-harness';

/**
 * The workspace's response (`documentLayout.response`) is bounded on its own
 * (`limits.document.response`), like the transcript: a modified client's update that would
 * pass a bound is refused whole (4413), an honest response is kept.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function track<T extends TestClient | SyncHarness | RawSyncClient>(thing: T): T {
  cleanups.push(() => ('destroy' in thing ? thing.destroy() : thing.stop()));
  return thing;
}

const bounds = limits.document.response;
const response = (doc: Y.Doc) => doc.getXmlFragment(documentLayout.response);

interface Scene {
  room: Classroom;
  pool: pg.Pool;
  harness: SyncHarness;
  /** The instructor's client, which sends a marker after a refusal. */
  teacher: RawSyncClient;
  /** Another member watching with the stock client. */
  observer: TestClient;
}

async function scene(db: TestDatabase): Promise<Scene> {
  const room = await createClassroom(db);
  const pool = await poolOf(db);
  const harness = track(await startSyncHarness(pool));
  const teacher = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));
  const observer = track(await connectClient(harness.base, room.conversationId, room.otherStudentId));
  await observer.synced;
  return { room, pool, harness, teacher, observer };
}

async function storedDocument(s: Scene): Promise<Y.Doc> {
  await s.harness.server.whenWritten();
  const stored = await new PostgresDocumentStore(s.pool).load(s.room.conversationId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

/** The student's raw client sends `change`: refused with 4413, it reaches nobody, the server's document or the database. */
async function expectRefused(s: Scene, change: (doc: Y.Doc) => void, isApplied: (doc: Y.Doc) => boolean): Promise<string> {
  const writer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
  writer.change(change);
  const closed = await writer.closed;
  expect(closed.code).toBe(closeCodes.tooLarge);
  // A later change reaches the observer, so the refused one would have by then.
  const marker = crypto.randomUUID();
  s.teacher.change((doc) => doc.getText('markers').insert(0, marker));
  await waitFor(() => s.observer.doc.getText('markers').toString().includes(marker), 5_000, 'a later change to reach the observer');
  expect(isApplied(s.observer.doc)).toBe(false);
  expect(isApplied(s.harness.server.openRoom(s.room.conversationId)!.doc)).toBe(false);
  expect(isApplied(await storedDocument(s))).toBe(false);
  return closed.reason;
}

/** The student's raw client sends `change`: applied, relayed and stored, the connection still open. */
async function expectAccepted(s: Scene, writer: RawSyncClient, change: (doc: Y.Doc) => void, isApplied: (doc: Y.Doc) => boolean): Promise<void> {
  writer.change(change);
  await waitFor(() => isApplied(s.observer.doc), 10_000, 'the change to reach the observer');
  expect(writer.isOpen).toBe(true);
  expect(isApplied(await storedDocument(s))).toBe(true);
}

/** `depth` elements deep under the response: blockquotes, then a paragraph at the bottom. */
function nestedQuotes(doc: Y.Doc, depth: number): void {
  const top = new Y.XmlElement('blockquote');
  response(doc).insert(response(doc).length, [top]);
  let parent = top;
  for (let level = 2; level < depth; level++) {
    const quote = new Y.XmlElement('blockquote');
    parent.insert(0, [quote]);
    parent = quote;
  }
  parent.insert(0, [paragraph('deep')]);
}

describe('live sync: the response root is bounded like the transcript', () => {
  test('an ordinary response is kept; its text is not counted against the transcript’s bounds', async ({ db }) => {
    const s = await scene(db);
    const writer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    await expectAccepted(
      s,
      writer,
      (doc) => {
        const heading = new Y.XmlElement('heading');
        heading.setAttribute('level', '2');
        heading.insert(0, [new Y.XmlText('My critique')]);
        const list = new Y.XmlElement('bulletList');
        const item = new Y.XmlElement('listItem');
        response(doc).insert(0, [heading, paragraph('The answer invented a source.'), list]);
        list.insert(0, [item]);
        item.insert(0, [paragraph('It never said so.')]);
      },
      (doc) => responsePlainText(doc) === 'My critique\nThe answer invented a source.\nIt never said so.',
    );
    const measure = s.harness.server.openRoom(s.room.conversationId)!.measure;
    expect(measure.response).toEqual({ characters: 57, elements: 8 });
    expect(measure.textCharacters).toBe(0);
    expect(measure.elements).toBe(0);
  });

  test('text up to the response’s limit is kept; one character more is refused (4413), and kept refused after a restart', async ({ db }) => {
    const s = await scene(db);
    const writer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    const full = 'x'.repeat(bounds.maxTextCharacters);
    await expectAccepted(s, writer, (doc) => response(doc).insert(0, [paragraph(full)]), (doc) => measureResponse(doc).textCharacters === bounds.maxTextCharacters);

    const reason = await expectRefused(s, (doc) => response(doc).insert(1, [paragraph('y')]), (doc) => response(doc).length > 1);
    expect(reason).toBe(`A response can hold at most ${bounds.maxTextCharacters.toLocaleString('en')} characters of text.`);

    // A fresh server counts the stored response when it loads the document.
    s.teacher.destroy();
    s.observer.destroy();
    await s.harness.stop();
    const harness = track(await startSyncHarness(s.pool));
    const again = track(await RawSyncClient.open(harness.base, s.room.conversationId, s.room.studentId));
    expect(measureResponse(again.doc).textCharacters).toBe(bounds.maxTextCharacters);
    again.change((doc) => response(doc).insert(1, [paragraph('z')]));
    expect((await again.closed).code).toBe(closeCodes.tooLarge);

    // Trimming an over-full response is always allowed, and makes room again.
    const trimmer = track(await RawSyncClient.open(harness.base, s.room.conversationId, s.room.studentId));
    trimmer.change((doc) => (response(doc).get(0) as Y.XmlElement).get(0)!.delete(0, 10));
    trimmer.change((doc) => response(doc).insert(1, [paragraph('short')]));
    await waitFor(() => measureResponse(harness.server.openRoom(s.room.conversationId)!.doc).textCharacters === bounds.maxTextCharacters - 5, 10_000, 'the trimmed response');
    expect(trimmer.isOpen).toBe(true);
  }, 60_000);

  test('more elements than a response may hold are refused whole (4413)', async ({ db }) => {
    const s = await scene(db);
    const reason = await expectRefused(
      s,
      (doc) => response(doc).insert(0, Array.from({ length: bounds.maxElements / 2 + 1 }, () => paragraph('w'))),
      (doc) => response(doc).length > 0,
    );
    expect(reason).toBe(`A response can have at most ${bounds.maxElements.toLocaleString('en')} elements.`);
    // The transcript's own, larger, element bound is not what refused it.
    expect(bounds.maxElements + 2).toBeLessThan(limits.document.maxElements);
  }, 60_000);

  test('nesting deeper than the response’s bound is refused (4413); at the bound it is kept', async ({ db }) => {
    const s = await scene(db);
    const reason = await expectRefused(s, (doc) => nestedQuotes(doc, bounds.maxNestingDepth + 1), (doc) => response(doc).length > 0);
    expect(reason).toBe(`A response’s elements can nest at most ${bounds.maxNestingDepth} deep.`);
    const writer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    // Measured with the text node, one deeper than the elements.
    await expectAccepted(s, writer, (doc) => nestedQuotes(doc, bounds.maxNestingDepth), (doc) => measureResponse(doc).depth === bounds.maxNestingDepth + 1);
    expect(measureTranscript(s.harness.server.openRoom(s.room.conversationId)!.doc).elements).toBe(0);
  }, 60_000);
});
