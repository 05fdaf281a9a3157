import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { createClassroom, poolOf } from '@/server/sync/testing/sync-harness';
import { test } from '@/lib/testing/test-database';
import { PostgresVersionStore, VersionRefusedError, type NewVersion } from './version-store';
import { createConversation } from '@/lib/testing/factories';

function version(position: number, text: string, complete: boolean): NewVersion {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return {
    id: crypto.randomUUID(),
    position,
    reason: 'manual',
    label: null,
    createdBy: null,
    authorIds: [],
    complete,
    update: Y.encodeStateAsUpdate(doc),
    stateVector: Y.encodeStateVector(doc),
    createdAt: new Date('2026-12-01T10:00:00.123Z'),
  };
}

describe('PostgresVersionStore', () => {
  test('latest is null before the first version, then the newest with the sizes since the last whole state', async ({ db }) => {
    const room = await createClassroom(db);
    const store = new PostgresVersionStore(await poolOf(db));
    expect(await store.latest(room.conversationId)).toBeNull();
    const first = version(1, 'whole', true);
    expect(await store.append(room.conversationId, first)).toEqual({ id: first.id, createdAt: '2026-12-01T10:00:00.123Z' });
    const second = version(2, 'difference', false);
    await store.append(room.conversationId, second);
    expect(await store.latest(room.conversationId)).toEqual({
      id: second.id,
      position: 2,
      stateVector: second.stateVector,
      createdAt: '2026-12-01T10:00:00.123Z',
      sinceComplete: { completeBytes: first.update.byteLength, differenceBytes: second.update.byteLength },
    });
  });

  test('append is idempotent for the same id, refuses a taken position and a missing document', async ({ db }) => {
    const room = await createClassroom(db);
    const store = new PostgresVersionStore(await poolOf(db));
    const first = version(1, 'a', true);
    const stored = await store.append(room.conversationId, first);
    expect(await store.append(room.conversationId, first)).toEqual(stored);
    await expect(store.append(room.conversationId, version(1, 'b', true))).rejects.toEqual(new VersionRefusedError('position-taken'));
    await expect(store.append(crypto.randomUUID(), version(1, 'c', true))).rejects.toEqual(new VersionRefusedError('document-missing'));
  });

  test('documentAt starts from the nearest whole state, and knows only the document\'s own versions', async ({ db }) => {
    const room = await createClassroom(db);
    const store = new PostgresVersionStore(await poolOf(db));
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const ids: string[] = [];
    let previous: Uint8Array = new Uint8Array([0]);
    for (const [position, words, complete] of [
      [1, 'one ', true],
      [2, 'two ', false],
      [3, 'three ', true],
      [4, 'four', false],
    ] as const) {
      text.insert(text.length, words);
      const entry = { ...version(position, '', complete), update: complete ? Y.encodeStateAsUpdate(doc) : Y.encodeStateAsUpdate(doc, previous), stateVector: Y.encodeStateVector(doc) };
      previous = entry.stateVector;
      ids.push((await store.append(room.conversationId, entry)).id);
    }
    // Version 1 cannot be read past version 3's whole state: break it to prove it is not read.
    await db.sql(`update conversation_versions set update = '\\x0102' where position = 1`);
    const textAt = async (id: string) => {
      const rebuilt = new Y.Doc();
      Y.applyUpdate(rebuilt, (await store.documentAt(room.conversationId, id))!);
      return rebuilt.getText('t').toString();
    };
    expect(await textAt(ids[3]!)).toBe('one two three four');
    expect(await textAt(ids[2]!)).toBe('one two three ');

    const other = await createConversation(db.fork(), { classId: room.classId, ownerId: room.studentId }, { title: 'Other' });
    expect(await store.documentAt(other.id, ids[3]!)).toBeNull();
    expect(await store.documentAt(room.conversationId, crypto.randomUUID())).toBeNull();
    expect(await store.documentAt(room.conversationId, 'not-an-id')).toBeNull();
  });
});
