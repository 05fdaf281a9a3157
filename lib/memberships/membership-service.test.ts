import { describe, expect } from 'vitest';
import { createClass } from '../classes/class-service';
import { ConflictError, NotFoundError } from '../errors';
import { test, type TestDatabase } from '../testing/test-database';
import { createUser } from '../users/user-service';
import { membershipReadSchema } from './membership-schemas';
import { addMembership, findMembership, getMembershipById, updateMembership } from './membership-service';

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
    expect(await getMembershipById(db.fork(), membership.id)).toEqual(membership);
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

describe('findMembership', () => {
  test('finds a user’s membership of a class, or null', async ({ db }) => {
    const { teacher, student, classId } = await classWithStudent(db);
    expect(await findMembership(db.fork(), teacher.id, classId)).toMatchObject({ role: 'instructor' });
    expect(await findMembership(db.fork(), student.id, classId)).toBeNull();
    expect(await findMembership(db.fork(), 'nobody', classId)).toBeNull();
  });
});

describe('updateMembership', () => {
  test('changes the role', async ({ db }) => {
    const { student, classId } = await classWithStudent(db);
    const membership = await addMembership(db.fork(), { userId: student.id, classId, role: 'student' });
    expect(await updateMembership(db.fork(), membership.id, { role: 'instructor' })).toMatchObject({ role: 'instructor' });
    expect(await findMembership(db.fork(), student.id, classId)).toMatchObject({ role: 'instructor' });
    expect(await updateMembership(db.fork(), membership.id, {})).toMatchObject({ role: 'instructor' });
  });

  test('is not found for an unknown membership', async ({ db }) => {
    await expect(updateMembership(db.fork(), crypto.randomUUID(), { role: 'student' })).rejects.toThrow(NotFoundError);
    await expect(getMembershipById(db.fork(), crypto.randomUUID())).rejects.toThrow(NotFoundError);
  });
});
