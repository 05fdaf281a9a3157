import { describe, expect } from 'vitest';
import { Activity, Extension, User } from '@/entities';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { addMembership, createActivityRow, createClass } from '@/lib/testing/factories';
import { test } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { listExtensions } from './extension-list';

describe('listExtensions', () => {
  test('lists the activity’s extensions soonest first, with names, to its instructors only', async ({ db }) => {
    const instructor = await createUser(db.fork(), { email: 'ada@example.com' });
    const sam = await createUser(db.fork(), { email: 'sam@example.com', name: 'Sam Student' });
    const kim = await createUser(db.fork(), { email: 'kim@example.com' });
    const outsider = await createUser(db.fork(), { email: 'eve@example.com' });
    const course = await createClass(db.fork(), instructor.id, { name: 'Critique' });
    for (const student of [sam, kim]) await addMembership(db.fork(), { userId: student.id, classId: course.id, role: 'student' });
    const essay = await createActivityRow(db.fork(), { classId: course.id, createdById: instructor.id });
    const other = await createActivityRow(db.fork(), { classId: course.id, createdById: instructor.id });
    const em = db.fork();
    const extend = (activityId: string, studentId: string, dueAt: string) =>
      em.create(Extension, { activity: em.getReference(Activity, activityId), student: em.getReference(User, studentId), dueAt: new Date(dueAt) });
    extend(essay.id, sam.id, '2026-03-08T09:00:00Z');
    extend(essay.id, kim.id, '2026-03-02T09:00:00Z');
    extend(other.id, sam.id, '2026-04-01T09:00:00Z');
    await em.flush();

    expect(await listExtensions(db.fork(), instructor.id, essay.id)).toEqual([
      { studentId: kim.id, studentName: 'Unnamed member', dueAt: '2026-03-02T09:00:00.000Z' },
      { studentId: sam.id, studentName: 'Sam Student', dueAt: '2026-03-08T09:00:00.000Z' },
    ]);
    await expect(listExtensions(db.fork(), sam.id, essay.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listExtensions(db.fork(), outsider.id, essay.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
