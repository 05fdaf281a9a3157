import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { documentLayout, turnElement } from '@/lib/sync/document-layout';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { PostgresVersionStore, VersionRefusedError, type VersionStore } from '@/lib/versions/version-store';
import { createClassroom, poolOf, waitFor } from './testing/sync-harness';
import { VersionKeeper } from './version-keeper';

const keepers: VersionKeeper[] = [];
afterEach(async () => {
  for (const keeper of keepers.splice(0)) {
    keeper.close();
    await keeper.flush();
  }
});

async function setUp(db: TestDatabase, options: { everyMs?: number; store?: (real: VersionStore) => VersionStore } = {}) {
  const room = await createClassroom(db);
  const real = new PostgresVersionStore(await poolOf(db));
  const store = options.store ? options.store(real) : real;
  const doc = new Y.Doc();
  const errors: unknown[] = [];
  const open = async (document = doc) => {
    const keeper = await VersionKeeper.open(room.conversationId, document, store, { everyMs: options.everyMs ?? 60_000, retryDelayMs: { initial: 5, max: 20 } }, (error) =>
      errors.push(error),
    );
    keepers.push(keeper);
    return keeper;
  };
  const rows = () =>
    db.sql<{ id: string; position: number; reason: string; label: string | null; created_by_id: string | null; author_ids: string[]; complete: boolean; bytes: number }>(
      'select id, position, reason, label, created_by_id, author_ids, complete, octet_length(update) as bytes from conversation_versions where conversation_id = ? order by position',
      [room.conversationId],
    );
  return { room, store, real, doc, errors, open, rows };
}

/** A transcript paragraph to type into, a highlight with a comment, and a tag. */
function shape(doc: Y.Doc): Y.XmlText {
  const text = new Y.XmlText();
  doc.transact(() => {
    const turn = new Y.XmlElement(turnElement.name);
    turn.setAttribute(turnElement.roleAttribute, 'user');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    turn.insert(0, [paragraph]);
    doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
  });
  return text;
}

function annotate(doc: Y.Doc, id: string, body: string): void {
  doc.transact(() => {
    const comment = new Y.Map<unknown>();
    comment.set('body', body);
    const comments = new Y.Array<Y.Map<unknown>>();
    comments.insert(0, [comment]);
    const highlight = new Y.Map<unknown>();
    highlight.set('tagId', 't1');
    highlight.set('comments', comments);
    doc.getMap(documentLayout.annotations).set(id, highlight);
    const tag = new Y.Map<unknown>();
    tag.set('name', `Tag for ${id}`);
    doc.getMap(documentLayout.tags).set(`tag-${id}`, tag);
  });
}

function visible(doc: Y.Doc) {
  return {
    content: doc.getXmlFragment(documentLayout.content).toString(),
    annotations: doc.getMap(documentLayout.annotations).toJSON(),
    tags: doc.getMap(documentLayout.tags).toJSON(),
  };
}

function fromUpdate(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe('VersionKeeper', () => {
  test('keeps an auto version within everyMs of editing, naming who edited', async ({ db }) => {
    const { doc, open, rows, room } = await setUp(db, { everyMs: 40 });
    const keeper = await open();
    const text = shape(doc);
    text.insert(0, 'hello');
    keeper.noteEdit(room.studentId);
    text.insert(5, ' world');
    keeper.noteEdit(room.instructorId);
    await waitFor(async () => (await rows()).length === 1, 5_000, 'an auto version');
    expect(await rows()).toMatchObject([{ position: 1, reason: 'auto', complete: true, created_by_id: null, author_ids: [room.studentId, room.instructorId] }]);

    // Editing goes on: another one comes, holding only the new author.
    text.insert(0, '> ');
    keeper.noteEdit(room.otherStudentId);
    await waitFor(async () => (await rows()).length === 2, 5_000, 'a second auto version');
    expect((await rows())[1]).toMatchObject({ position: 2, reason: 'auto', complete: false, author_ids: [room.otherStudentId] });
  });

  test('keepIfEdited keeps the first version, then only after edits', async ({ db }) => {
    const { doc, open, rows, room } = await setUp(db);
    const keeper = await open();
    await keeper.keepIfEdited('unload');
    expect((await rows()).map((row) => row.reason)).toEqual(['unload']);
    await keeper.keepIfEdited('unload');
    await keeper.keepIfEdited('large-deletion');
    expect(await rows()).toHaveLength(1);

    shape(doc).insert(0, 'typed');
    keeper.noteEdit(room.studentId);
    await keeper.keepIfEdited('large-deletion');
    expect(await rows()).toMatchObject([{ reason: 'unload' }, { reason: 'large-deletion', author_ids: [room.studentId] }]);
    await keeper.keepIfEdited('unload');
    expect(await rows()).toHaveLength(2);
  });

  test('keep names who asked, with the label, and resolves once stored', async ({ db }) => {
    const { doc, open, rows, room } = await setUp(db);
    const keeper = await open();
    shape(doc).insert(0, 'typed');
    keeper.noteEdit(room.studentId);
    const kept = await keeper.keep('manual', { userId: room.instructorId, label: 'Before the discussion' });
    expect(kept).toEqual({ id: expect.any(String), createdAt: expect.any(String), reason: 'manual' });
    expect(await rows()).toEqual([
      expect.objectContaining({ id: kept.id, reason: 'manual', label: 'Before the discussion', created_by_id: room.instructorId, author_ids: [room.studentId, room.instructorId] }),
    ]);
  });

  test('each version reconstructs exactly its document, after later deletions were garbage-collected', async ({ db }) => {
    const { doc, open, store, room } = await setUp(db);
    const keeper = await open();
    const text = shape(doc);
    const expected: Array<{ id: string; state: ReturnType<typeof visible>; stateVector: Uint8Array }> = [];
    const keep = async () => {
      const kept = await keeper.keep('manual', { userId: room.instructorId });
      expected.push({ id: kept.id, state: visible(doc), stateVector: Y.encodeStateVector(doc) });
    };
    text.insert(0, 'The first draft of a long answer.');
    text.format(4, 5, { bold: true });
    annotate(doc, 'h1', 'first comment');
    await keep();
    text.delete(4, 6);
    text.insert(text.length, ' More words.');
    annotate(doc, 'h2', 'second comment');
    await keep();
    doc.getMap(documentLayout.annotations).delete('h1');
    doc.getMap(documentLayout.tags).delete('tag-h1');
    text.insert(0, 'Now: ');
    await keep();
    // The wipe: everything deleted (and garbage-collected in the live document).
    doc.transact(() => {
      const content = doc.getXmlFragment(documentLayout.content);
      content.delete(0, content.length);
      doc.getMap(documentLayout.annotations).delete('h2');
      doc.getMap(documentLayout.tags).delete('tag-h2');
    });
    await keep();
    expect(expected.map((version) => version.state.content.length > 0)).toEqual([true, true, true, false]);

    for (const version of expected) {
      const rebuilt = fromUpdate((await store.documentAt(room.conversationId, version.id))!);
      expect(visible(rebuilt)).toEqual(version.state);
      expect(Y.encodeStateVector(rebuilt)).toEqual(version.stateVector);
    }
    expect(visible(fromUpdate((await store.documentAt(room.conversationId, expected[0]!.id))!)).annotations).toEqual({
      h1: { tagId: 't1', comments: [{ body: 'first comment' }] },
    });
  });

  test('a difference holds what changed, not the whole document and its deletions', async ({ db }) => {
    const { doc, open, rows, room } = await setUp(db);
    const keeper = await open();
    const text = shape(doc);
    for (let i = 0; i < 3_000; i++) {
      text.insert(text.length, String.fromCharCode(97 + (i % 26)));
      if (i % 7 === 6) text.delete(text.length - 2, 1);
    }
    await keeper.keep('manual', { userId: room.studentId });
    const before = Y.encodeStateVector(doc);
    text.insert(0, 'small change');
    await keeper.keep('manual', { userId: room.studentId });
    const [whole, difference] = await rows();
    expect(whole!.complete).toBe(true);
    expect(difference!.complete).toBe(false);
    // Yjs's own difference carries every deletion of the document's history.
    const plainDifference = Y.encodeStateAsUpdate(doc, before).byteLength;
    expect(plainDifference).toBeGreaterThan(1_000);
    expect(difference!.bytes).toBeLessThan(100);
  });

  test('versions survive a reload of the keeper: positions continue and differences still reconstruct', async ({ db }) => {
    const { doc, open, rows, store, room } = await setUp(db);
    const first = await open();
    const text = shape(doc);
    text.insert(0, 'before the reload, to be partly deleted');
    await first.keep('manual', { userId: room.studentId });
    text.delete(0, 7);
    await first.keep('unload');
    first.close();
    await first.flush();

    // As the room would reload it: a new document from the stored state.
    const reloaded = fromUpdate(Y.encodeStateAsUpdate(doc));
    const second = await open(reloaded);
    const paragraph = ((reloaded.getXmlFragment(documentLayout.content).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    paragraph.delete(0, 4);
    paragraph.insert(0, 'after: ');
    second.noteEdit(room.instructorId);
    await second.keepIfEdited('unload');
    const kept = await second.keep('manual', { userId: room.instructorId });

    expect((await rows()).map((row) => [row.position, row.reason, row.complete])).toEqual([
      [1, 'manual', true],
      [2, 'unload', false],
      [3, 'unload', false],
      [4, 'manual', false],
    ]);
    expect(visible(fromUpdate((await store.documentAt(room.conversationId, kept.id))!))).toEqual(visible(reloaded));
    expect(visible(fromUpdate((await store.documentAt(room.conversationId, (await rows())[1]!.id))!)).content).toContain('>the reload, to be partly deleted<');
    expect(paragraph.toString()).toBe('after: reload, to be partly deleted');
  });

  test('a document that lost edits the newest version holds gets a whole state next, not a difference', async ({ db }) => {
    const { doc, open, rows, store, room } = await setUp(db);
    const first = await open();
    const text = shape(doc);
    const stored = Y.encodeStateAsUpdate(doc);
    text.insert(0, 'typed, kept in a version, then lost with the log');
    await first.keep('manual', { userId: room.studentId });
    first.close();

    const reloaded = fromUpdate(stored);
    const second = await open(reloaded);
    ((reloaded.getXmlFragment(documentLayout.content).get(0) as Y.XmlElement).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('what survived')]);
    const kept = await second.keep('manual', { userId: room.studentId });
    expect((await rows()).map((row) => [row.position, row.complete])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(visible(fromUpdate((await store.documentAt(room.conversationId, kept.id))!))).toEqual(visible(reloaded));
  });

  test('concurrent keeps get distinct positions, in the order they were called', async ({ db }) => {
    const { doc, open, rows, room } = await setUp(db);
    const keeper = await open();
    const text = shape(doc);
    const kept = await Promise.all(
      Array.from({ length: 8 }, (_, index) => {
        text.insert(text.length, `${index}`);
        return keeper.keep('manual', { userId: room.studentId, label: `v${index}` });
      }),
    );
    const stored = await rows();
    expect(stored.map((row) => [row.position, row.label])).toEqual(Array.from({ length: 8 }, (_, index) => [index + 1, `v${index}`]));
    expect(stored.map((row) => row.id)).toEqual(kept.map((version) => version.id));
  });

  test('retries while the database fails, reporting the outage once', async ({ db }) => {
    let failures = 3;
    const { doc, open, rows, errors, room } = await setUp(db, {
      store: (real) => ({
        latest: (id) => real.latest(id),
        documentAt: (id, versionId) => real.documentAt(id, versionId),
        append: async (id, version) => {
          if (failures-- > 0) throw new Error('connection refused');
          return real.append(id, version);
        },
      }),
    });
    const keeper = await open();
    shape(doc).insert(0, 'kept through an outage');
    const kept = await keeper.keep('manual', { userId: room.studentId });
    expect((await rows()).map((row) => row.id)).toEqual([kept.id]);
    expect(errors).toEqual([new Error('connection refused')]);
  });

  test('a version of a deleted conversation is refused, and a later one starts over whole', async ({ db }) => {
    const { doc, open, errors, room, rows } = await setUp(db);
    const keeper = await open();
    shape(doc).insert(0, 'text');
    await keeper.keep('manual', { userId: room.studentId });
    // Another keeper took position 2 meanwhile (a second process, say).
    await db.sql(`insert into conversation_versions (conversation_id, position, reason, update, state_vector, complete) values (?, 2, 'auto', '\\x0000', '\\x00', true)`, [
      room.conversationId,
    ]);
    await expect(keeper.keep('manual', { userId: room.studentId })).rejects.toEqual(new VersionRefusedError('position-taken'));
    expect(errors).toEqual([new VersionRefusedError('position-taken')]);
    await keeper.keep('manual', { userId: room.studentId });
    expect((await rows()).map((row) => [row.position, row.complete])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);

    await db.sql('delete from conversations where id = ?', [room.conversationId]);
    await expect(keeper.keep('manual', { userId: room.studentId })).rejects.toEqual(new VersionRefusedError('document-missing'));
  });
});
