import { describe, expect } from 'vitest';
import { changeClassAsInstructor, createClassAsUser } from '@/lib/classes/class-administration';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { subscribeToDomainEvents, type DomainEvent } from '@/lib/events/domain-events';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { changeMemberRole, removeMember } from './member-administration';
import { listClassRoster } from './roster';
import { addMembership } from '@/lib/testing/factories';

async function setUp(db: TestDatabase) {
  const a = await createUser(db.fork(), { email: 'a@example.test', name: 'Ada' });
  const b = await createUser(db.fork(), { email: 'b@example.test', name: 'Bob' });
  const c = await createUser(db.fork(), { email: 'c@example.test', name: 'Cy' });
  const created = await createClassAsUser(db.fork(), a.id, { name: 'Class' });
  await addMembership(db.fork(), { userId: b.id, classId: created.id, role: 'student' });
  await addMembership(db.fork(), { userId: c.id, classId: created.id, role: 'student' });
  return { a: a.id, b: b.id, c: c.id, classId: created.id };
}

describe('member administration', () => {
  test('instructors change roles; co-instructors can then demote the first', async ({ db }) => {
    const { a, b, classId } = await setUp(db);
    expect(await changeMemberRole(db.fork(), a, classId, b, { role: 'instructor' })).toEqual({ userId: b, role: 'instructor' });
    expect(await changeMemberRole(db.fork(), b, classId, a, { role: 'student' })).toEqual({ userId: a, role: 'student' });
    await expect(changeMemberRole(db.fork(), a, classId, b, { role: 'student' })).rejects.toThrow(ForbiddenError);
  });

  test('the last instructor can never be demoted or removed, even by two instructors at once', async ({ db }) => {
    const { a, b, classId } = await setUp(db);
    await expect(changeMemberRole(db.fork(), a, classId, a, { role: 'student' })).rejects.toThrow(ConflictError);
    await expect(removeMember(db.fork(), a, classId, a)).rejects.toThrow(ConflictError);
    await changeMemberRole(db.fork(), a, classId, b, { role: 'instructor' });
    const results = await Promise.allSettled([
      changeMemberRole(db.fork(), a, classId, b, { role: 'student' }),
      changeMemberRole(db.fork(), b, classId, a, { role: 'student' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const instructors = await db.sql<{ count: number }>("select count(*)::int as count from memberships where class_id = ? and role = 'instructor'", [classId]);
    expect(instructors[0]?.count).toBe(1);
  });

  test('anyone can leave; students cannot remove others; non-members see nothing; removal is announced', async ({ db }) => {
    const { a, b, c, classId } = await setUp(db);
    const outsider = await createUser(db.fork(), { email: 'x@example.test' });
    const events: DomainEvent[] = [];
    const unsubscribe = subscribeToDomainEvents((event) => events.push(event));
    try {
      await expect(removeMember(db.fork(), b, classId, c)).rejects.toThrow(ForbiddenError);
      await expect(removeMember(db.fork(), outsider.id, classId, b)).rejects.toThrow(NotFoundError);
      await removeMember(db.fork(), b, classId, b);
      await removeMember(db.fork(), a, classId, c);
      expect(events).toEqual([
        { type: 'membership.removed', classId, userId: b },
        { type: 'membership.removed', classId, userId: c },
      ]);
      expect((await listClassRoster(db.fork(), a, classId)).map((member) => member.userId)).toEqual([a]);
    } finally {
      unsubscribe();
    }
  });

  test('an archived class is read-only: no role changes or removals, but members can leave', async ({ db }) => {
    const { a, b, c, classId } = await setUp(db);
    await changeClassAsInstructor(db.fork(), a, classId, { archived: true });
    await expect(changeMemberRole(db.fork(), a, classId, b, { role: 'instructor' })).rejects.toThrow(ConflictError);
    await expect(removeMember(db.fork(), a, classId, b)).rejects.toThrow(ConflictError);
    await removeMember(db.fork(), c, classId, c);
    expect((await listClassRoster(db.fork(), a, classId)).map((member) => member.userId).sort()).toEqual([a, b].sort());
  });
});
