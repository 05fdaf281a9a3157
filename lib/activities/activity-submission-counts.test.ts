import { describe, expect } from 'vitest';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { addMembership, createActivityRow, createClass, createWorkspace } from '@/lib/testing/factories';
import { test } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { countHandedInByActivity } from './activity-submission-counts';

describe('countHandedInByActivity', () => {
  test('counts work handed in (submitted, or submitted and since returned) per activity of the class, for its instructors only', async ({ db }) => {
    const instructor = await createUser(db.fork(), { email: 'ada@example.com' });
    const a = await createUser(db.fork(), { email: 'a@example.com' });
    const b = await createUser(db.fork(), { email: 'b@example.com' });
    const c = await createUser(db.fork(), { email: 'c@example.com' });
    const d = await createUser(db.fork(), { email: 'd@example.com' });
    const outsider = await createUser(db.fork(), { email: 'eve@example.com' });
    const course = await createClass(db.fork(), instructor.id, { name: 'Critique' });
    const otherCourse = await createClass(db.fork(), instructor.id, { name: 'Elsewhere' });
    for (const student of [a, b, c, d]) await addMembership(db.fork(), { userId: student.id, classId: course.id, role: 'student' });
    const essay = await createActivityRow(db.fork(), { classId: course.id, createdById: instructor.id });
    const quiet = await createActivityRow(db.fork(), { classId: course.id, createdById: instructor.id });
    const elsewhere = await createActivityRow(db.fork(), { classId: otherCourse.id, createdById: instructor.id });
    await createWorkspace(db.fork(), { classId: course.id, ownerId: a.id, activityId: essay.id }, { status: 'submitted' });
    await createWorkspace(db.fork(), { classId: course.id, ownerId: b.id, activityId: essay.id }, { status: 'returned' });
    await createWorkspace(db.fork(), { classId: course.id, ownerId: c.id, activityId: essay.id }, { status: 'in_progress' });
    await createWorkspace(db.fork(), { classId: course.id, ownerId: a.id, activityId: quiet.id }, { status: 'in_progress' });
    // Returned without ever being submitted (an instructor grading missing work): not handed in.
    const missing = await createWorkspace(db.fork(), { classId: course.id, ownerId: d.id, activityId: essay.id }, { status: 'returned' });
    await db.sql('update submissions set submitted_at = null where conversation_id = ?', [missing.id]);
    await createWorkspace(db.fork(), { classId: otherCourse.id, ownerId: a.id, activityId: elsewhere.id }, { status: 'submitted' });

    const counts = await countHandedInByActivity(db.fork(), instructor.id, course.id);
    expect(Object.fromEntries(counts)).toEqual({ [essay.id]: 2 });

    await expect(countHandedInByActivity(db.fork(), a.id, course.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(countHandedInByActivity(db.fork(), outsider.id, course.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
