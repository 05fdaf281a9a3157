import { describe, expect } from 'vitest';
import { changeClassAsInstructor } from '@/lib/classes/class-administration';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '@/lib/errors';
import { addMembership } from '@/lib/testing/factories';
import { test } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { createActivity, updateActivity } from './activity-administration';
import { setExtension } from './extensions';
import { createActivityClass } from './testing/activity-fixtures';

describe('setExtension', () => {
  test('an instructor sets, moves and clears a student’s own due date; two at once leave one', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const activity = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Essay', mode: 'individual', dueAt: '2030-01-01T09:00:00Z' });
    expect(await setExtension(db.fork(), setup.instructorId, activity.id, student, { dueAt: '2030-01-03T09:00:00+02:00' })).toEqual({ studentId: student, dueAt: '2030-01-03T07:00:00.000Z' });
    await Promise.all(
      ['2030-01-04T09:00:00Z', '2030-01-05T09:00:00Z'].map((dueAt) => setExtension(db.fork(), setup.instructorId, activity.id, student, { dueAt })),
    );
    const rows = await db.sql<{ due_at: Date }>('select due_at from activity_extensions where activity_id = ? and student_id = ?', [activity.id, student]);
    expect(rows).toHaveLength(1);
    expect(['2030-01-04T09:00:00.000Z', '2030-01-05T09:00:00.000Z']).toContain(new Date(rows[0]!.due_at).toISOString());

    expect(await setExtension(db.fork(), setup.instructorId, activity.id, student, { dueAt: null })).toEqual({ studentId: student, dueAt: null });
    expect(await db.sql('select id from activity_extensions')).toEqual([]);
    // Clearing one that is not there is no error.
    await expect(setExtension(db.fork(), setup.instructorId, activity.id, student, { dueAt: null })).resolves.toEqual({ studentId: student, dueAt: null });
  });

  test('only instructors set extensions, only for students of the class, with a real date', async ({ db }) => {
    const setup = await createActivityClass(db);
    const [student, other] = setup.studentIds as [string, string];
    const activity = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Essay', mode: 'individual' });
    await updateActivity(db.fork(), setup.instructorId, activity.id, { published: true });
    const coTeacher = await createUser(db.fork(), { email: 'co-teacher@example.test', name: 'Co' });
    await addMembership(db.fork(), { userId: coTeacher.id, classId: setup.classId, role: 'instructor' });
    const dueAt = '2030-01-01T09:00:00Z';

    await expect(setExtension(db.fork(), student, activity.id, other, { dueAt })).rejects.toThrow(ForbiddenError);
    await expect(setExtension(db.fork(), setup.outsiderId, activity.id, student, { dueAt })).rejects.toThrow(NotFoundError);
    await expect(setExtension(db.fork(), setup.instructorId, activity.id, setup.outsiderId, { dueAt })).rejects.toThrow(new NotFoundError('student'));
    await expect(setExtension(db.fork(), setup.instructorId, activity.id, 'not-a-user', { dueAt })).rejects.toThrow(new NotFoundError('student'));
    await expect(setExtension(db.fork(), setup.instructorId, activity.id, coTeacher.id, { dueAt })).rejects.toThrow(new InvalidError('userId', 'userId must be a student of this class'));
    await expect(setExtension(db.fork(), setup.instructorId, activity.id, student, { dueAt: 'soon' })).rejects.toMatchObject({ field: 'dueAt' });
    await expect(setExtension(db.fork(), setup.instructorId, activity.id, student, {} as never)).rejects.toMatchObject({ field: 'dueAt' });
    await changeClassAsInstructor(db.fork(), setup.instructorId, setup.classId, { archived: true });
    await expect(setExtension(db.fork(), setup.instructorId, activity.id, student, { dueAt })).rejects.toThrow(ConflictError);
    expect(await db.sql('select id from activity_extensions')).toEqual([]);
  });
});
