import { describe, expect } from 'vitest';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { changeClassAsInstructor } from './class-administration';
import { test } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { classReadSchema } from './class-schemas';
import { isWellFormedInviteCode } from './invite-code';
import { createClass } from '@/lib/testing/factories';

describe('createClassAsUser (through the createClass factory)', () => {
  test('makes the creator its owner and instructor, with a fresh invite code', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'ada@example.com' });
    const created = await createClass(db.fork(), owner.id, { name: '  Poetical Science ', description: 'Notes on engines' });
    expect(classReadSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({ name: 'Poetical Science', description: 'Notes on engines', ownerId: owner.id, joinEnabled: true, archivedAt: null });
    expect(isWellFormedInviteCode(created.inviteCode)).toBe(true);
    expect(await db.sql('select role from memberships where user_id = ? and class_id = ?', [owner.id, created.id])).toEqual([{ role: 'instructor' }]);
  });

  test('writes the class and the membership in one transaction', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'ada@example.com' });
    const { queries } = await db.recordQueries(() => createClass(db.fork(), owner.id, { name: 'C' }));
    expect(queries.filter((sql) => sql.startsWith('insert'))).toHaveLength(2);
    // Both rows carry the id of the transaction that wrote them (`xmin`): the same one.
    const rows = await db.sql(`select c.xmin::text = m.xmin::text as same from classes c join memberships m on m.class_id = c.id`);
    expect(rows).toEqual([{ same: true }]);
  });

  test('draws another invite code when the first is taken', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'ada@example.com' });
    const first = await createClass(db.fork(), owner.id, { name: 'First' }, () => 'ABCDEFGH');
    const codes = ['ABCDEFGH', 'ABCDEFGH', 'JKMNPQRS'];
    const second = await createClass(db.fork(), owner.id, { name: 'Second' }, () => codes.shift() ?? 'unexpected');
    expect(first.inviteCode).toBe('ABCDEFGH');
    expect(second.inviteCode).toBe('JKMNPQRS');
    expect(await db.sql('select count(*)::int as classes from classes')).toEqual([{ classes: 2 }]);
    expect(await db.sql('select count(*)::int as memberships from memberships')).toEqual([{ memberships: 2 }]);
  });

  test('gives up after a few collisions rather than looping', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'ada@example.com' });
    await createClass(db.fork(), owner.id, { name: 'First' }, () => 'ABCDEFGH');
    let draws = 0;
    await expect(
      createClass(db.fork(), owner.id, { name: 'Second' }, () => {
        draws++;
        return 'ABCDEFGH';
      }),
    ).rejects.toThrow(/classes_invite_code_unique/);
    expect(draws).toBe(5);
    expect(await db.sql('select count(*)::int as memberships from memberships')).toEqual([{ memberships: 1 }]);
  });

  test('is refused for an owner who does not exist, leaving nothing behind', async ({ db }) => {
    await expect(createClass(db.fork(), crypto.randomUUID(), { name: 'Orphan' })).rejects.toThrow(new NotFoundError('user'));
    expect(await db.sql('select count(*)::int as classes from classes')).toEqual([{ classes: 0 }]);
  });

  test('needs a name', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'ada@example.com' });
    await expect(createClass(db.fork(), owner.id, { name: ' \n ' })).rejects.toMatchObject({ field: 'name', message: 'name must not be empty' });
    await expect(createClass(db.fork(), owner.id, { name: 'x'.repeat(201) })).rejects.toMatchObject({ field: 'name' });
  });
});


describe('changeClassAsInstructor with the tag lock', () => {
  test('the lock and the other changes are applied together: a change that fails leaves the lock as it was', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'lock-owner@example.com' });
    const course = await createClass(db.fork(), owner.id, { name: 'Lockable' });
    // A change the database refuses after every check passed.
    await db.sql(`alter table classes add constraint test_refuses_boom check (name <> 'Boom')`);
    await expect(changeClassAsInstructor(db.fork(), owner.id, course.id, { tagsLocked: true, name: 'Boom' })).rejects.toThrow();
    const [row] = await db.sql<{ tags_locked: boolean; name: string }>('select tags_locked, name from classes where id = ?', [course.id]);
    expect(row).toEqual({ tags_locked: false, name: 'Lockable' });
  });

  test('an archived class takes the lock only while being unarchived; refused, it changes nothing', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'archived-owner@example.com' });
    const course = await createClass(db.fork(), owner.id, { name: 'Archived' });
    await changeClassAsInstructor(db.fork(), owner.id, course.id, { archived: true });
    await expect(changeClassAsInstructor(db.fork(), owner.id, course.id, { tagsLocked: true })).rejects.toBeInstanceOf(ConflictError);
    expect((await db.sql<{ tags_locked: boolean }>('select tags_locked from classes where id = ?', [course.id]))[0]?.tags_locked).toBe(false);
    const changed = await changeClassAsInstructor(db.fork(), owner.id, course.id, { archived: false, tagsLocked: true });
    expect(changed.archivedAt).toBeNull();
    expect((await db.sql<{ tags_locked: boolean; archived_at: Date | null }>('select tags_locked, archived_at from classes where id = ?', [course.id]))[0]).toEqual({
      tags_locked: true,
      archived_at: null,
    });
  });
});
