import { describe, expect } from 'vitest';
import { createClassAsUser } from '@/lib/classes/class-administration';
import { NotFoundError } from '@/lib/errors';
import { addMembership } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { changeMemberRole } from './member-administration';
import { listClassRoster } from './roster';
import { classMemberNames, classRosterPage } from './roster-page';

async function setUp(db: TestDatabase, students: number) {
  const ada = await createUser(db.fork(), { email: 'ada@example.test', name: 'Ada' });
  const created = await createClassAsUser(db.fork(), ada.id, { name: 'Class' });
  const ids: string[] = [];
  for (let n = 0; n < students; n++) {
    const student = await createUser(db.fork(), { email: `s${n}@example.test`, name: `Student ${String.fromCharCode(90 - n)}` });
    await addMembership(db.fork(), { userId: student.id, classId: created.id, role: 'student' });
    ids.push(student.id);
  }
  return { ada: ada.id, students: ids, classId: created.id };
}

describe('the class page roster', () => {
  test('the first members in the order and with the fields of the full roster, and how many there are', async ({ db }) => {
    const { ada, students, classId } = await setUp(db, 5);
    const full = await listClassRoster(db.fork(), ada, classId);
    const page = await classRosterPage(db.fork(), ada, classId, { limit: 3 });
    expect(page.members).toEqual(full.slice(0, 3));
    expect(page.total).toBe(6);
    expect((await classRosterPage(db.fork(), ada, classId)).members).toEqual(full);
    // A student sees names and roles only, as in the full roster.
    const asStudent = await classRosterPage(db.fork(), students[0]!, classId, { limit: 2 });
    expect(asStudent.members).toEqual((await listClassRoster(db.fork(), students[0]!, classId)).slice(0, 2));
    expect(asStudent.members[0]).not.toHaveProperty('email');
  });

  test('whether the viewer is the only instructor, whichever page of the roster is shown', async ({ db }) => {
    const { ada, students, classId } = await setUp(db, 3);
    expect((await classRosterPage(db.fork(), ada, classId, { limit: 1 })).viewerIsOnlyInstructor).toBe(true);
    expect((await classRosterPage(db.fork(), students[0]!, classId, { limit: 1 })).viewerIsOnlyInstructor).toBe(false);
    await changeMemberRole(db.fork(), ada, classId, students[2]!, { role: 'instructor' });
    expect((await classRosterPage(db.fork(), ada, classId, { limit: 1 })).viewerIsOnlyInstructor).toBe(false);
  });

  test('outsiders see nothing', async ({ db }) => {
    const { classId } = await setUp(db, 1);
    const outsider = await createUser(db.fork(), { email: 'x@example.test' });
    await expect(classRosterPage(db.fork(), outsider.id, classId, { limit: 20 })).rejects.toThrow(NotFoundError);
  });

  test("owners' names come from the class's members only", async ({ db }) => {
    const { ada, students, classId } = await setUp(db, 2);
    const outsider = await createUser(db.fork(), { email: 'x@example.test', name: 'Eve' });
    const names = await classMemberNames(db.fork(), students[1]!, classId, [ada, students[0]!, students[0]!, outsider.id]);
    expect([...names.entries()].sort()).toEqual([[ada, 'Ada'], [students[0]!, 'Student Z']].sort());
    expect((await classMemberNames(db.fork(), ada, classId, [])).size).toBe(0);
    // Only for members of the class.
    await expect(classMemberNames(db.fork(), outsider.id, classId, [ada])).rejects.toThrow(NotFoundError);
  });
});
