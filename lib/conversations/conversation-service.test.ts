import { describe, expect } from 'vitest';
import { createClass } from '../classes/class-service';
import { NotFoundError } from '../errors';
import { selectsYjsState } from '../testing/selects-yjs-state';
import { test, type TestDatabase } from '../testing/test-database';
import { createUser } from '../users/user-service';
import { conversationReadSchema } from './conversation-schemas';
import { createConversation, getConversationById, updateConversation } from './conversation-service';

async function classWithOwner(db: TestDatabase) {
  const owner = await createUser(db.fork(), { email: 'ada@example.com' });
  const created = await createClass(db.fork(), owner.id, { name: 'Engines' });
  return { classId: created.id, ownerId: owner.id };
}

describe('createConversation', () => {
  test('creates it in the class, owned by the caller', async ({ db }) => {
    const context = await classWithOwner(db);
    const conversation = await createConversation(db.fork(), context, { title: ' First chat ', rawText: 'User: hello\nAssistant: hi' });
    expect(conversationReadSchema.parse(conversation)).toEqual(conversation);
    expect(conversation).toMatchObject({ ...context, title: 'First chat', rawText: 'User: hello\nAssistant: hi', locked: false });
    expect(await getConversationById(db.fork(), conversation.id)).toEqual(conversation);
  });

  test('starts with empty text when none is given', async ({ db }) => {
    const conversation = await createConversation(db.fork(), await classWithOwner(db), { title: 'Blank' });
    expect(conversation.rawText).toBe('');
  });

  test('needs a title of at most 300 characters', async ({ db }) => {
    const context = await classWithOwner(db);
    await expect(createConversation(db.fork(), context, { title: '  ' })).rejects.toMatchObject({ field: 'title', message: 'title must not be empty' });
    await expect(createConversation(db.fork(), context, { title: 'x'.repeat(301) })).rejects.toMatchObject({
      field: 'title',
      message: 'title must be at most 300 characters',
    });
    expect((await createConversation(db.fork(), context, { title: '😀'.repeat(300) })).title).toBe('😀'.repeat(300));
  });

  test('is not found for an unknown class or owner', async ({ db }) => {
    const { classId, ownerId } = await classWithOwner(db);
    await expect(createConversation(db.fork(), { classId: crypto.randomUUID(), ownerId }, { title: 'x' })).rejects.toThrow(new NotFoundError('class'));
    await expect(createConversation(db.fork(), { classId, ownerId: crypto.randomUUID() }, { title: 'x' })).rejects.toThrow(new NotFoundError('user'));
  });
});

describe('getConversationById', () => {
  test('never reads the Yjs document', async ({ db }) => {
    const conversation = await createConversation(db.fork(), await classWithOwner(db), { title: 'T' });
    await db.sql(`update conversations set yjs_state = '\\x0102' where id = ?`, [conversation.id]);
    const { queries } = await db.recordQueries(() => getConversationById(db.fork(), conversation.id));
    expect(queries).toHaveLength(1);
    expect(queries.filter(selectsYjsState)).toEqual([]);
  });

  test('is not found for an unknown or malformed id', async ({ db }) => {
    await expect(getConversationById(db.fork(), crypto.randomUUID())).rejects.toThrow(NotFoundError);
    await expect(getConversationById(db.fork(), '1 or 1=1')).rejects.toThrow(NotFoundError);
  });

  test('is not found, nor changed, while in the trash', async ({ db }) => {
    const conversation = await createConversation(db.fork(), await classWithOwner(db), { title: 'Trashed' });
    await db.sql('update conversations set deleted_at = now() where id = ?', [conversation.id]);
    await expect(getConversationById(db.fork(), conversation.id)).rejects.toThrow(NotFoundError);
    await expect(updateConversation(db.fork(), conversation.id, { title: 'Renamed' })).rejects.toThrow(NotFoundError);
    expect(await db.sql('select title from conversations')).toEqual([{ title: 'Trashed' }]);
  });
});

describe('updateConversation', () => {
  test('changes only the fields given', async ({ db }) => {
    const conversation = await createConversation(db.fork(), await classWithOwner(db), { title: 'Before', rawText: 'text' });
    const locked = await updateConversation(db.fork(), conversation.id, { locked: true });
    expect(locked).toMatchObject({ title: 'Before', rawText: 'text', locked: true });
    const renamed = await updateConversation(db.fork(), conversation.id, { title: 'After', rawText: 'new text' });
    expect(renamed).toMatchObject({ title: 'After', rawText: 'new text', locked: true });
    expect(await getConversationById(db.fork(), conversation.id)).toMatchObject({ title: 'After', rawText: 'new text', locked: true });
  });

  test('does not wipe the Yjs document', async ({ db }) => {
    const conversation = await createConversation(db.fork(), await classWithOwner(db), { title: 'T' });
    await db.sql(`update conversations set yjs_state = '\\x0102' where id = ?`, [conversation.id]);
    await updateConversation(db.fork(), conversation.id, { title: 'Renamed' });
    expect(await db.sql(`select encode(yjs_state, 'hex') as state from conversations`)).toEqual([{ state: '0102' }]);
  });

  test('is not found for an unknown conversation', async ({ db }) => {
    await expect(updateConversation(db.fork(), crypto.randomUUID(), { title: 'x' })).rejects.toThrow(NotFoundError);
  });
});

describe('the NUL character', () => {
  test('is refused in a title, which a person typed', async ({ db }) => {
    await expect(createConversation(db.fork(), await classWithOwner(db), { title: 'a\u0000b' })).rejects.toMatchObject({
      field: 'title',
      message: 'title must not contain the NUL character (U+0000)',
    });
  });

  test('is removed from the raw text, which is derived from the document', async ({ db }) => {
    const conversation = await createConversation(db.fork(), await classWithOwner(db), { title: 'T', rawText: 'a\u0000b\u0000' });
    expect(conversation.rawText).toBe('ab');
    expect((await updateConversation(db.fork(), conversation.id, { rawText: '\u0000c' })).rawText).toBe('c');
    expect(await db.sql('select raw_text from conversations')).toEqual([{ raw_text: 'c' }]);
  });
});
