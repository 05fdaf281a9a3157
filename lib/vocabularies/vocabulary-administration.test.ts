import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { changeClassAsInstructor } from '@/lib/classes/class-administration';
import { startConversation } from '@/lib/conversations/start-conversation';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { subscribeToDomainEvents, type DomainEvent } from '@/lib/events/domain-events';
import { documentLayout } from '@/lib/sync/document-layout';
import { addMembership, createActivityRow, createClass, createConversation, createWorkspace } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import {
  createVocabularyTag,
  deleteVocabularyTag,
  listVocabulary,
  reorderVocabulary,
  setVocabularyLocked,
  updateVocabularyTag,
} from './vocabulary-administration';

async function classroom(db: TestDatabase) {
  const instructor = await createUser(db.fork(), { email: 'ada@example.com', name: 'Ada' });
  const student = await createUser(db.fork(), { email: 'bo@example.com', name: 'Bo' });
  const outsider = await createUser(db.fork(), { email: 'cy@example.com', name: 'Cy' });
  const klass = await createClass(db.fork(), instructor.id, { name: 'Critical reading' });
  await addMembership(db.fork(), { userId: student.id, classId: klass.id, role: 'student' });
  const activity = await createActivityRow(db.fork(), { classId: klass.id, createdById: instructor.id });
  return { instructorId: instructor.id, studentId: student.id, outsiderId: outsider.id, classId: klass.id, activityId: activity.id };
}

function recordEvents(): { events: DomainEvent[]; stop: () => void } {
  const events: DomainEvent[] = [];
  const stop = subscribeToDomainEvents((event) => events.push(event));
  return { events, stop };
}

describe('listVocabulary', () => {
  test('shows members the tags in order, with the lock; anyone else gets 404', async ({ db }) => {
    const { instructorId, studentId, outsiderId, classId } = await classroom(db);
    await createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'evidence', color: '#bbf7d0' });
    await createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'claim', color: '#fecaca', position: 0 });
    const seen = await listVocabulary(db.fork(), studentId, { classId });
    expect(seen.locked).toBe(false);
    expect(seen.tags.map((tag) => [tag.name, tag.position])).toEqual([
      ['claim', 0],
      ['evidence', 1],
    ]);
    await expect(listVocabulary(db.fork(), outsiderId, { classId })).rejects.toThrow(new NotFoundError('class'));
    await expect(listVocabulary(db.fork(), outsiderId, { activityId: crypto.randomUUID() })).rejects.toThrow(new NotFoundError('activity'));
  });

  test('hides an unpublished or unopened activity’s vocabulary from students, not from instructors', async ({ db }) => {
    const { instructorId, studentId, outsiderId, activityId } = await classroom(db);
    await expect(listVocabulary(db.fork(), outsiderId, { activityId })).rejects.toThrow(new NotFoundError('activity'));
    await db.sql('update activities set published = false where id = ?', [activityId]);
    await expect(listVocabulary(db.fork(), studentId, { activityId })).rejects.toThrow(new NotFoundError('activity'));
    await db.sql(`update activities set published = true, opens_at = now() + interval '1 day' where id = ?`, [activityId]);
    await expect(listVocabulary(db.fork(), studentId, { activityId })).rejects.toThrow(new NotFoundError('activity'));
    expect(await listVocabulary(db.fork(), instructorId, { activityId })).toEqual({ tags: [], locked: false });
  });
});

describe('createVocabularyTag', () => {
  test('trims the name and group, lower-cases the colour, places it last', async ({ db }) => {
    const { instructorId, classId, activityId } = await classroom(db);
    await createVocabularyTag(db.fork(), instructorId, { activityId }, { name: 'first', color: '#bbf7d0' });
    const tag = await createVocabularyTag(db.fork(), instructorId, { activityId }, { name: '  Unsupported claim ', color: '#FECACA', group: ' Accuracy ' });
    expect(tag).toMatchObject({ name: 'Unsupported claim', color: '#fecaca', group: 'Accuracy', position: 1, classId, activityId });
  });

  test('refuses a duplicate name whatever its case with 409, but not in another vocabulary', async ({ db }) => {
    const { instructorId, classId, activityId } = await classroom(db);
    await createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'Claim', color: '#bbf7d0' });
    await expect(createVocabularyTag(db.fork(), instructorId, { classId }, { name: ' claim', color: '#bbf7d0' })).rejects.toThrow(
      new ConflictError('A tag named “claim” already exists in this vocabulary.'),
    );
    await expect(createVocabularyTag(db.fork(), instructorId, { activityId }, { name: 'claim', color: '#bbf7d0' })).resolves.toMatchObject({ name: 'claim' });
    expect(await db.sql('select count(*)::int as tags from vocabulary_tags')).toEqual([{ tags: 2 }]);
  });

  test('of ten concurrent creations of one name, one is made and nine are told it exists', async ({ db }) => {
    const { instructorId, classId } = await classroom(db);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) => createVocabularyTag(db.fork(), instructorId, { classId }, { name: index % 2 ? 'Bias' : 'bias', color: '#bbf7d0' })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((result) => result.status === 'rejected')) expect(result.reason).toBeInstanceOf(ConflictError);
    expect(await db.sql('select count(*)::int as tags from vocabulary_tags')).toEqual([{ tags: 1 }]);
  });

  test('names the field of bad input', async ({ db }) => {
    const { instructorId, classId } = await classroom(db);
    const create = (input: Record<string, unknown>) => createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'ok', color: '#bbf7d0', ...input } as never);
    await expect(create({ name: 'x'.repeat(41) })).rejects.toMatchObject({ field: 'name', message: 'name must be at most 40 characters' });
    await expect(create({ name: '  ' })).rejects.toMatchObject({ field: 'name', message: 'name must not be empty' });
    await expect(create({ color: 'red' })).rejects.toMatchObject({ field: 'color' });
    await expect(create({ color: '#12345' })).rejects.toMatchObject({ field: 'color' });
    await expect(create({ group: 'g'.repeat(61) })).rejects.toMatchObject({ field: 'group' });
    await expect(create({ position: 1.5 })).rejects.toMatchObject({ field: 'position' });
    await expect(create({ name: 'a\u0000b' })).rejects.toMatchObject({ field: 'name' });
    expect(await db.sql('select count(*)::int as tags from vocabulary_tags')).toEqual([{ tags: 0 }]);
  });

  test('is for instructors only, and not in an archived class', async ({ db }) => {
    const { instructorId, studentId, outsiderId, classId } = await classroom(db);
    await expect(createVocabularyTag(db.fork(), studentId, { classId }, { name: 'mine', color: '#bbf7d0' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createVocabularyTag(db.fork(), outsiderId, { classId }, { name: 'mine', color: '#bbf7d0' })).rejects.toBeInstanceOf(NotFoundError);
    await changeClassAsInstructor(db.fork(), instructorId, classId, { archived: true });
    await expect(createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'late', color: '#bbf7d0' })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.sql('select count(*)::int as tags from vocabulary_tags')).toEqual([{ tags: 0 }]);
  });
});

describe('updateVocabularyTag and deleteVocabularyTag', () => {
  test('rename, recolour and regroup; a rename onto another tag’s name is a 409', async ({ db }) => {
    const { instructorId, classId } = await classroom(db);
    const claim = await createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'claim', color: '#bbf7d0' });
    await createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'evidence', color: '#bbf7d0' });
    expect(await updateVocabularyTag(db.fork(), instructorId, { classId }, claim.id, { name: 'Claim!', color: '#FDE68A', group: 'Argument' })).toMatchObject({
      name: 'Claim!',
      color: '#fde68a',
      group: 'Argument',
      position: 0,
    });
    expect(await updateVocabularyTag(db.fork(), instructorId, { classId }, claim.id, { name: 'CLAIM!' })).toMatchObject({ name: 'CLAIM!' });
    await expect(updateVocabularyTag(db.fork(), instructorId, { classId }, claim.id, { name: 'Evidence' })).rejects.toThrow(
      new ConflictError('A tag named “Evidence” already exists in this vocabulary.'),
    );
    expect((await listVocabulary(db.fork(), instructorId, { classId })).tags.map((tag) => tag.name)).toEqual(['CLAIM!', 'evidence']);
  });

  test('reach a tag only through its own vocabulary', async ({ db }) => {
    const { instructorId, studentId, classId, activityId } = await classroom(db);
    const tag = await createVocabularyTag(db.fork(), instructorId, { activityId }, { name: 'bias', color: '#bbf7d0' });
    await expect(updateVocabularyTag(db.fork(), instructorId, { classId }, tag.id, { name: 'moved' })).rejects.toThrow(new NotFoundError('tag'));
    await expect(deleteVocabularyTag(db.fork(), instructorId, { classId }, tag.id)).rejects.toThrow(new NotFoundError('tag'));
    await expect(deleteVocabularyTag(db.fork(), instructorId, { activityId }, 'not-an-id')).rejects.toThrow(new NotFoundError('tag'));
    await expect(deleteVocabularyTag(db.fork(), studentId, { activityId }, tag.id)).rejects.toBeInstanceOf(ForbiddenError);
    await deleteVocabularyTag(db.fork(), instructorId, { activityId }, tag.id);
    expect(await db.sql('select count(*)::int as tags from vocabulary_tags')).toEqual([{ tags: 0 }]);
  });
});

describe('reorderVocabulary', () => {
  test('puts the tags in the order given, and refuses a list that is not each tag once', async ({ db }) => {
    const { instructorId, classId } = await classroom(db);
    const [a, b, c] = [
      await createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'a', color: '#bbf7d0' }),
      await createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'b', color: '#bbf7d0' }),
      await createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'c', color: '#bbf7d0' }),
    ];
    expect((await reorderVocabulary(db.fork(), instructorId, { classId }, { tagIds: [c.id, a.id, b.id] })).map((tag) => tag.name)).toEqual(['c', 'a', 'b']);
    await expect(reorderVocabulary(db.fork(), instructorId, { classId }, { tagIds: [c.id, a.id] })).rejects.toMatchObject({ field: 'tagIds' });
    await expect(reorderVocabulary(db.fork(), instructorId, { classId }, { tagIds: [c.id, a.id, a.id] })).rejects.toMatchObject({ field: 'tagIds' });
    await expect(reorderVocabulary(db.fork(), instructorId, { classId }, { tagIds: 'c' } as never)).rejects.toMatchObject({ field: 'tagIds' });
    expect((await listVocabulary(db.fork(), instructorId, { classId })).tags.map((tag) => tag.name)).toEqual(['c', 'a', 'b']);
  });
});

describe('setVocabularyLocked', () => {
  test('locks an activity and its workspaces, and tells the engine about each workspace', async ({ db }) => {
    const { instructorId, studentId, classId, activityId } = await classroom(db);
    const workspace = await createWorkspace(db.fork(), { classId, ownerId: studentId, activityId });
    const classConversation = await createConversation(db.fork(), { classId, ownerId: studentId }, { title: 'Class talk' });
    const recorded = recordEvents();
    try {
      await expect(setVocabularyLocked(db.fork(), studentId, { activityId }, { locked: true })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await setVocabularyLocked(db.fork(), instructorId, { activityId }, { locked: true })).toEqual({ locked: true });
    } finally {
      recorded.stop();
    }
    expect(recorded.events).toEqual([{ type: 'conversation.access-changed', conversationId: workspace.id }]);
    expect(await db.sql('select tags_locked from activities where id = ?', [activityId])).toEqual([{ tags_locked: true }]);
    const locks = await db.sql<{ id: string; tags_locked: boolean }>('select id, tags_locked from conversations');
    expect(Object.fromEntries(locks.map((row) => [row.id, row.tags_locked]))).toEqual({ [workspace.id]: true, [classConversation.id]: false });
    expect((await listVocabulary(db.fork(), studentId, { activityId })).locked).toBe(true);
  });

  test('locks a class (through PATCH’s changeClassAsInstructor) and its class conversations, with one event for the class', async ({ db }) => {
    const { instructorId, studentId, classId, activityId } = await classroom(db);
    const workspace = await createWorkspace(db.fork(), { classId, ownerId: studentId, activityId });
    const classConversation = await createConversation(db.fork(), { classId, ownerId: studentId }, { title: 'Class talk' });
    const recorded = recordEvents();
    try {
      await expect(changeClassAsInstructor(db.fork(), studentId, classId, { tagsLocked: true })).rejects.toBeInstanceOf(ForbiddenError);
      await changeClassAsInstructor(db.fork(), instructorId, classId, { tagsLocked: true });
    } finally {
      recorded.stop();
    }
    expect(recorded.events).toEqual([{ type: 'class.tags-locked-changed', classId }]);
    const locks = await db.sql<{ id: string; tags_locked: boolean }>('select id, tags_locked from conversations');
    expect(Object.fromEntries(locks.map((row) => [row.id, row.tags_locked]))).toEqual({ [workspace.id]: false, [classConversation.id]: true });
    expect(await listVocabulary(db.fork(), studentId, { classId })).toEqual({ tags: [], locked: true });
    await setVocabularyLocked(db.fork(), instructorId, { classId }, { locked: false });
    expect(await db.sql('select tags_locked from conversations where id = ?', [classConversation.id])).toEqual([{ tags_locked: false }]);
    await expect(setVocabularyLocked(db.fork(), instructorId, { classId }, { locked: 'yes' } as never)).rejects.toMatchObject({ field: 'locked' });
  });
});

describe('a new class conversation (startConversation)', () => {
  async function startedTags(db: TestDatabase, userId: string, classId: string) {
    const started = await startConversation(db.fork(), userId, classId, { title: 'New' });
    const [row] = await db.sql<{ yjs_state: Buffer; tags_locked: boolean }>('select yjs_state, tags_locked from conversations where id = ?', [started.id]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(row!.yjs_state));
    const tags = Object.values(doc.getMap(documentLayout.tags).toJSON()) as { name: string }[];
    return { names: tags.map((tag) => tag.name).sort(), tagsLocked: row!.tags_locked, tags };
  }

  test('starts with the default tags while the class has no vocabulary', async ({ db }) => {
    const { studentId, classId } = await classroom(db);
    expect(await startedTags(db, studentId, classId)).toMatchObject({ names: ['effective', 'good structure', 'hallucination', 'ineffective'], tagsLocked: false });
  });

  test('a lock set while conversations are being started reaches every one of them', async ({ db }) => {
    const { instructorId, studentId, classId } = await classroom(db);
    const starts = Array.from({ length: 20 }, (_, index) => startConversation(db.fork(), studentId, classId, { title: `Started ${index}` }));
    const lock = setVocabularyLocked(db.fork(), instructorId, { classId }, { locked: true });
    await Promise.all([...starts, lock]);
    expect(await db.sql(`select tags_locked, count(*)::int as conversations from conversations group by tags_locked`)).toEqual([{ tags_locked: true, conversations: 20 }]);
  });

  test('starts with the class’s vocabulary and lock, not an activity’s', async ({ db }) => {
    const { instructorId, studentId, classId, activityId } = await classroom(db);
    await createVocabularyTag(db.fork(), instructorId, { classId }, { name: 'claim', color: '#bbf7d0', group: 'Argument' });
    await createVocabularyTag(db.fork(), instructorId, { activityId }, { name: 'bias', color: '#bbf7d0' });
    await setVocabularyLocked(db.fork(), instructorId, { classId }, { locked: true });
    const started = await startedTags(db, studentId, classId);
    expect(started).toMatchObject({ names: ['claim'], tagsLocked: true });
    expect(started.tags).toEqual([{ name: 'claim', color: '#bbf7d0', group: 'Argument', position: 0 }]);
  });
});
