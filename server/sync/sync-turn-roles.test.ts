import type pg from 'pg';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { documentLayout, turnElement } from '@/lib/sync/document-layout';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { closeCodes } from './sync-connection';
import { RawSyncClient } from './testing/raw-sync-client';
import { stoppedAfterEach } from './testing/stopped-after-each';
import { createClassroom, poolOf, startSyncHarness, waitFor, type Classroom, type SyncHarness } from './testing/sync-harness';

/**
 * A turn's speaker (`role` on a `turn` of `content`) is user, assistant or system: the
 * server refuses any other value from a modified client, creating a turn or changing one.
 */

const track = stoppedAfterEach();

interface Scene {
  room: Classroom;
  pool: pg.Pool;
  harness: SyncHarness;
  /** A member watching with a raw client that sends nothing of its own. */
  observer: RawSyncClient;
}

async function scene(db: TestDatabase): Promise<Scene> {
  const room = await createClassroom(db);
  const pool = await poolOf(db);
  const harness = track(await startSyncHarness(pool));
  const observer = track(await RawSyncClient.open(harness.base, room.conversationId, room.otherStudentId));
  return { room, pool, harness, observer };
}

async function storedDocument(s: Scene): Promise<Y.Doc> {
  await s.harness.server.whenWritten();
  const stored = await new PostgresDocumentStore(s.pool).load(s.room.conversationId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

/** The roles of the turns of `content`, in order (undefined for a turn without one). */
const roles = (doc: Y.Doc) =>
  doc
    .getXmlFragment(documentLayout.content)
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === turnElement.name)
    .map((turn) => turn.getAttribute(turnElement.roleAttribute) as unknown);

function appendTurn(doc: Y.Doc, role: unknown, text: string): void {
  const turn = new Y.XmlElement(turnElement.name);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  turn.insert(0, [paragraph]);
  const content = doc.getXmlFragment(documentLayout.content);
  content.insert(content.length, [turn]);
  // Set once the turn is in the document, as y-prosemirror does.
  turn.setAttribute(turnElement.roleAttribute, role as string);
}

function firstTurn(doc: Y.Doc): Y.XmlElement {
  return doc.getXmlFragment(documentLayout.content).get(0) as Y.XmlElement;
}

describe('live sync: a turn’s speaker is one the schema knows', () => {
  test('an honest turn and speaker change are kept; a made-up or huge role, or one that is not text, is refused whole', async ({ db }) => {
    const s = await scene(db);
    const writer = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
    writer.change((doc) => appendTurn(doc, 'user', 'What is 2 + 2?'));
    await waitFor(() => roles(s.observer.doc).length === 1, 5_000, 'the honest turn to reach the observer');
    writer.change((doc) => firstTurn(doc).setAttribute(turnElement.roleAttribute, 'system'));
    await waitFor(() => roles(s.observer.doc)[0] === 'system', 5_000, 'the speaker change to reach the observer');
    expect(writer.isOpen).toBe(true);

    const attempts: Array<{ what: string; change: (doc: Y.Doc) => void; applied: (doc: Y.Doc) => boolean }> = [
      { what: 'a made-up role', change: (doc) => firstTurn(doc).setAttribute(turnElement.roleAttribute, 'hacker'), applied: (doc) => roles(doc)[0] === 'hacker' },
      { what: 'a 10 kB role', change: (doc) => firstTurn(doc).setAttribute(turnElement.roleAttribute, 'a'.repeat(10_000)), applied: (doc) => String(roles(doc)[0]).length > 100 },
      { what: 'a role that is a number', change: (doc) => firstTurn(doc).setAttribute(turnElement.roleAttribute, 42 as unknown as string), applied: (doc) => roles(doc)[0] === 42 },
      { what: 'a new turn with a made-up role', change: (doc) => appendTurn(doc, 'root', 'I am in charge'), applied: (doc) => roles(doc).length > 1 },
    ];
    for (const attempt of attempts) {
      const forger = track(await RawSyncClient.open(s.harness.base, s.room.conversationId, s.room.studentId));
      forger.change(attempt.change);
      const closed = await forger.closed;
      expect(closed.code, attempt.what).toBe(closeCodes.refusedChange);
      expect(closed.reason, attempt.what).toContain('speaker');
      expect(attempt.applied(s.harness.server.openRoom(s.room.conversationId)!.doc), attempt.what).toBe(false);
    }

    // A later honest change reaches the observer, so a refused one would have too.
    writer.change((doc) => firstTurn(doc).setAttribute(turnElement.roleAttribute, 'assistant'));
    await waitFor(() => roles(s.observer.doc)[0] === 'assistant', 5_000, 'the later change to reach the observer');
    expect(roles(s.observer.doc)).toEqual(['assistant']);
    expect(roles(await storedDocument(s))).toEqual(['assistant']);
  });
});
