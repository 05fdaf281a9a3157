import { afterAll, afterEach, describe, expect } from 'vitest';
import { changeClassAsInstructor } from '@/lib/classes/class-administration';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { subscribeToDomainEvents, type DomainEvent } from '@/lib/events/domain-events';
import { exportConversationMarkdown } from '@/lib/export/conversation-export';
import { selectsYjsState } from '@/lib/testing/selects-yjs-state';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { keepConversationVersion, listConversationVersions } from '@/lib/versions/version-administration';
import { browseClassConversations } from './browse-class-conversations';
import { changeConversation, deleteConversation, getConversationForMember } from './conversation-administration';
import { listClassTrash, restoreConversation } from './conversation-trash';
import { loadConversationWorkspace } from './conversation-workspace';
import { startConversation } from './start-conversation';
import { addMembership, createClass } from '@/lib/testing/factories';

async function seed(db: TestDatabase) {
  const em = db.fork();
  const instructor = await createUser(em, { email: 'teacher@example.test', name: 'Teacher' });
  const student = await createUser(em, { email: 'student@example.test', name: 'Student' });
  const otherStudent = await createUser(em, { email: 'other@example.test', name: 'Other' });
  const outsider = await createUser(em, { email: 'outsider@example.test', name: 'Outsider' });
  const created = await createClass(em, instructor.id, { name: 'Class' });
  await addMembership(em, { userId: student.id, classId: created.id, role: 'student' });
  await addMembership(em, { userId: otherStudent.id, classId: created.id, role: 'student' });
  const start = async (ownerId: string, title: string) =>
    (await startConversation(db.fork(), ownerId, created.id, { title, text: `User: ${title} about photosynthesis\nAssistant: Chlorophyll.` })).id;
  return { instructorId: instructor.id, studentId: student.id, otherStudentId: otherStudent.id, outsiderId: outsider.id, classId: created.id, start };
}

let events: DomainEvent[] = [];
const unsubscribe = subscribeToDomainEvents((event) => events.push(event));
afterEach(() => {
  events = [];
});
afterAll(unsubscribe);

describe('deleteConversation: who may', () => {
  test('a student may not delete their conversation once it is locked, nor in an archived class; an instructor may', async ({ db }) => {
    const room = await seed(db);
    const locked = await room.start(room.studentId, 'Locked one');
    await changeConversation(db.fork(), room.instructorId, locked, { locked: true });
    await expect(deleteConversation(db.fork(), room.studentId, locked)).rejects.toThrow(
      new ForbiddenError('An instructor has locked this conversation, so only an instructor can delete it.'),
    );

    const inArchive = await room.start(room.studentId, 'Archived one');
    await changeClassAsInstructor(db.fork(), room.instructorId, room.classId, { archived: true });
    await expect(deleteConversation(db.fork(), room.studentId, inArchive)).rejects.toThrow(
      new ForbiddenError('This class is archived, so only an instructor can delete its conversations.'),
    );
    // Refused means untouched.
    expect(await db.sql('select id from conversations where deleted_at is not null')).toEqual([]);

    await deleteConversation(db.fork(), room.instructorId, locked);
    await deleteConversation(db.fork(), room.instructorId, inArchive);
    expect((await listClassTrash(db.fork(), room.instructorId, room.classId)).items.map((item) => item.id).sort()).toEqual([locked, inArchive].sort());
  });

  test('its owner may delete an open conversation; another student may not; an outsider is told it does not exist', async ({ db }) => {
    const room = await seed(db);
    const id = await room.start(room.studentId, 'Mine');
    await expect(deleteConversation(db.fork(), room.otherStudentId, id)).rejects.toThrow(ForbiddenError);
    await expect(deleteConversation(db.fork(), room.outsiderId, id)).rejects.toThrow(NotFoundError);
    await deleteConversation(db.fork(), room.studentId, id);
    expect(await db.sql(`select deleted_by_id, deleted_at > now() - interval '1 minute' as just_now from conversations where id = ?`, [id])).toEqual([
      { deleted_by_id: room.studentId, just_now: true },
    ]);
    expect(events).toEqual([{ type: 'conversation.deleted', conversationId: id }]);
  });

  test('two deletes at once: one moves it to the trash, the other finds it gone; one event', async ({ db }) => {
    const room = await seed(db);
    const id = await room.start(room.studentId, 'Double click');
    const outcomes = await Promise.allSettled([deleteConversation(db.fork(), room.instructorId, id), deleteConversation(db.fork(), room.studentId, id)]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(NotFoundError);
    expect(events.filter((event) => event.type === 'conversation.deleted')).toHaveLength(1);
    const { items } = await listClassTrash(db.fork(), room.instructorId, room.classId);
    expect(items).toHaveLength(1);
    // The winner is who the trash names.
    const winner = outcomes[0]?.status === 'fulfilled' ? room.instructorId : room.studentId;
    expect(items[0]?.deletedBy?.userId).toBe(winner);
  });
});

describe('a conversation in the trash', () => {
  test('is gone from every list, search, page, export and change, but its rows are kept', async ({ db }) => {
    const room = await seed(db);
    const kept = await room.start(room.studentId, 'Kept');
    const trashed = await room.start(room.studentId, 'Trashed');
    await deleteConversation(db.fork(), room.studentId, trashed);

    const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);
    expect(ids((await browseClassConversations(db.fork(), room.instructorId, room.classId, {})).items)).toEqual([kept]);
    expect(ids((await browseClassConversations(db.fork(), room.instructorId, room.classId, { q: 'photosynthesis' })).items)).toEqual([kept]);
    expect(ids((await browseClassConversations(db.fork(), room.instructorId, room.classId, { q: 'Trashed' })).items)).toEqual([]);

    for (const userId of [room.instructorId, room.studentId]) {
      await expect(getConversationForMember(db.fork(), userId, trashed)).rejects.toThrow(NotFoundError);
      await expect(loadConversationWorkspace(db.fork(), userId, trashed)).rejects.toThrow(NotFoundError);
      await expect(exportConversationMarkdown(db.fork(), userId, trashed)).rejects.toThrow(NotFoundError);
      await expect(changeConversation(db.fork(), userId, trashed, { title: 'Renamed' })).rejects.toThrow(NotFoundError);
      await expect(deleteConversation(db.fork(), userId, trashed)).rejects.toThrow(NotFoundError);
      await expect(listConversationVersions(db.fork(), userId, trashed)).rejects.toThrow(NotFoundError);
      await expect(keepConversationVersion(db.fork(), userId, trashed, {})).rejects.toThrow(NotFoundError);
    }
    const [row] = await db.sql<{ title: string; has_state: boolean }>('select title, yjs_state is not null as has_state from conversations where id = ?', [trashed]);
    expect(row).toEqual({ title: 'Trashed', has_state: true });
  });
});

describe('listClassTrash', () => {
  test('instructors see every deleted conversation of the class, newest deletion first; a student sees their own', async ({ db }) => {
    const room = await seed(db);
    const students = await room.start(room.studentId, 'Student’s');
    const others = await room.start(room.otherStudentId, 'Other’s');
    await room.start(room.studentId, 'Still live');
    await deleteConversation(db.fork(), room.studentId, students);
    await deleteConversation(db.fork(), room.instructorId, others);
    await db.sql(`update conversations set deleted_at = now() - interval '1 hour' where id = ?`, [students]);

    const forInstructor = await listClassTrash(db.fork(), room.instructorId, room.classId);
    expect(forInstructor.items.map((item) => item.title)).toEqual(['Other’s', 'Student’s']);
    const [first] = forInstructor.items;
    expect(first).toEqual({
      id: others,
      title: 'Other’s',
      ownerId: room.otherStudentId,
      deletedAt: expect.any(String),
      deletedBy: { userId: room.instructorId, name: 'Teacher' },
      purgeAt: expect.any(String),
    });
    expect(Date.parse(first!.purgeAt) - Date.parse(first!.deletedAt)).toBe(30 * 24 * 60 * 60 * 1000);

    expect((await listClassTrash(db.fork(), room.studentId, room.classId)).items.map((item) => item.id)).toEqual([students]);
    expect((await listClassTrash(db.fork(), room.otherStudentId, room.classId)).items.map((item) => item.id)).toEqual([others]);
    await expect(listClassTrash(db.fork(), room.outsiderId, room.classId)).rejects.toThrow(NotFoundError);
    await expect(listClassTrash(db.fork(), room.instructorId, 'not-an-id')).rejects.toThrow(NotFoundError);
  });

  test('names nobody as the deleter once that account is gone', async ({ db }) => {
    const room = await seed(db);
    const id = await room.start(room.studentId, 'Orphaned deletion');
    const second = await createUser(db.fork(), { email: 'second@example.test', name: 'Second' });
    await addMembership(db.fork(), { userId: second.id, classId: room.classId, role: 'instructor' });
    await deleteConversation(db.fork(), second.id, id);
    await db.sql('delete from users where id = ?', [second.id]);
    const { items } = await listClassTrash(db.fork(), room.instructorId, room.classId);
    expect(items.map((item) => item.deletedBy)).toEqual([null]);
  });

  test('reads neither the documents nor their text', async ({ db }) => {
    const room = await seed(db);
    await deleteConversation(db.fork(), room.studentId, await room.start(room.studentId, 'Long one'));
    const { result, queries } = await db.recordQueries(() => listClassTrash(db.fork(), room.instructorId, room.classId));
    expect(result.items).toHaveLength(1);
    expect(queries.filter((sql) => /conversations/.test(sql))).toHaveLength(1);
    expect(queries.filter((sql) => selectsYjsState(sql) || /raw_text/.test(sql))).toEqual([]);
  });

  test('an empty trash is an empty list', async ({ db }) => {
    const room = await seed(db);
    expect(await listClassTrash(db.fork(), room.studentId, room.classId)).toEqual({ items: [] });
  });
});

describe('restoreConversation', () => {
  test('its owner or an instructor brings it back into every list, with its text; no event', async ({ db }) => {
    const room = await seed(db);
    const id = await room.start(room.studentId, 'Comes back');
    await deleteConversation(db.fork(), room.instructorId, id);
    events = [];
    const restored = await restoreConversation(db.fork(), room.studentId, id);
    expect(restored).toMatchObject({ id, title: 'Comes back', ownerId: room.studentId, rawText: expect.stringContaining('Chlorophyll') });
    expect(events).toEqual([]);
    expect((await browseClassConversations(db.fork(), room.otherStudentId, room.classId, { q: 'photosynthesis' })).items.map((item) => item.id)).toEqual([id]);
    expect((await getConversationForMember(db.fork(), room.otherStudentId, id)).title).toBe('Comes back');
    expect((await exportConversationMarkdown(db.fork(), room.otherStudentId, id)).markdown).toContain('Chlorophyll');
    expect((await listClassTrash(db.fork(), room.instructorId, room.classId)).items).toEqual([]);
    expect(await db.sql('select deleted_by_id from conversations where id = ?', [id])).toEqual([{ deleted_by_id: null }]);

    await deleteConversation(db.fork(), room.studentId, id);
    expect((await restoreConversation(db.fork(), room.instructorId, id)).id).toBe(id);
  });

  test('another student and an outsider are told it does not exist; a live one is not in the trash (409)', async ({ db }) => {
    const room = await seed(db);
    const id = await room.start(room.studentId, 'Not yours');
    await expect(restoreConversation(db.fork(), room.instructorId, id)).rejects.toThrow(ConflictError);
    await deleteConversation(db.fork(), room.studentId, id);
    await expect(restoreConversation(db.fork(), room.otherStudentId, id)).rejects.toThrow(NotFoundError);
    await expect(restoreConversation(db.fork(), room.outsiderId, id)).rejects.toThrow(NotFoundError);
    await expect(restoreConversation(db.fork(), room.instructorId, crypto.randomUUID())).rejects.toThrow(NotFoundError);
    await expect(restoreConversation(db.fork(), room.instructorId, '1 or 1=1')).rejects.toThrow(NotFoundError);
    expect((await listClassTrash(db.fork(), room.studentId, room.classId)).items.map((item) => item.id)).toEqual([id]);
  });

  test('twice at once: one restores it, the other changes nothing and says it is not in the trash', async ({ db }) => {
    const room = await seed(db);
    const id = await room.start(room.studentId, 'Double restore');
    await deleteConversation(db.fork(), room.studentId, id);
    const outcomes = await Promise.allSettled([restoreConversation(db.fork(), room.instructorId, id), restoreConversation(db.fork(), room.studentId, id)]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')?.reason).toBeInstanceOf(ConflictError);
    await expect(restoreConversation(db.fork(), room.studentId, id)).rejects.toThrow(ConflictError);
    expect((await browseClassConversations(db.fork(), room.studentId, room.classId, {})).items.map((item) => item.id)).toEqual([id]);
  });
});
