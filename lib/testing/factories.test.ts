import { describe, expect } from 'vitest';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { membershipReadSchema } from '@/lib/memberships/membership-schemas';
import { selectsYjsState } from './selects-yjs-state';
import { test, type TestDatabase } from './test-database';
import { createUser } from '@/lib/users/user-records';
import { Conversation } from '@/entities';
import { conversationReadSchema, toConversationRead } from '@/lib/conversations/conversation-schemas';
import { addMembership, createClass, createConversation } from './factories';

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
    expect(toConversationRead(await db.fork().findOneOrFail(Conversation, conversation.id))).toEqual(conversation);
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
    expect(await db.sql('select raw_text from conversations')).toEqual([{ raw_text: 'ab' }]);
  });
});

async function classWithStudent(db: TestDatabase) {
  const teacher = await createUser(db.fork(), { email: 'ada@example.com' });
  const student = await createUser(db.fork(), { email: 'grace@example.com' });
  const created = await createClass(db.fork(), teacher.id, { name: 'Engines' });
  return { teacher, student, classId: created.id };
}

describe('addMembership', () => {
  test('adds a member with a role', async ({ db }) => {
    const { student, classId } = await classWithStudent(db);
    const membership = await addMembership(db.fork(), { userId: student.id, classId, role: 'student' });
    expect(membershipReadSchema.parse(membership)).toEqual(membership);
    expect(membership).toMatchObject({ userId: student.id, classId, role: 'student' });
  });

  test('refuses a second membership of the same user in the same class', async ({ db }) => {
    const { teacher, student, classId } = await classWithStudent(db);
    await addMembership(db.fork(), { userId: student.id, classId, role: 'student' });
    await expect(addMembership(db.fork(), { userId: student.id, classId, role: 'instructor' })).rejects.toThrow(ConflictError);
    await expect(addMembership(db.fork(), { userId: teacher.id, classId, role: 'student' })).rejects.toThrow(ConflictError);
  });

  test('is not found for an unknown user or class', async ({ db }) => {
    const { student, classId } = await classWithStudent(db);
    await expect(addMembership(db.fork(), { userId: crypto.randomUUID(), classId, role: 'student' })).rejects.toThrow(new NotFoundError('user'));
    await expect(addMembership(db.fork(), { userId: student.id, classId: crypto.randomUUID(), role: 'student' })).rejects.toThrow(
      new NotFoundError('class'),
    );
  });

  test('refuses an unknown role, naming the allowed ones', async ({ db }) => {
    const { student, classId } = await classWithStudent(db);
    await expect(addMembership(db.fork(), { userId: student.id, classId, role: 'owner' as 'student' })).rejects.toMatchObject({
      field: 'role',
      message: 'role must be one of: instructor, student',
    });
  });
});

