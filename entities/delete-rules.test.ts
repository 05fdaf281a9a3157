import { describe, expect } from 'vitest';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { Class, Conversation, Membership, User } from './index';

/** Ada owns a class that Grace is a member of; each has a conversation in it. */
async function seed(db: TestDatabase) {
  const em = db.fork();
  const ada = em.create(User, { email: 'ada@example.com' });
  const grace = em.create(User, { email: 'grace@example.com' });
  const engines = em.create(Class, { name: 'Engines', owner: ada, inviteCode: 'ABCDEFGH' });
  em.create(Membership, { user: ada, class: engines, role: 'instructor' });
  em.create(Membership, { user: grace, class: engines, role: 'student' });
  em.create(Conversation, { class: engines, owner: ada, title: 'By Ada' });
  em.create(Conversation, { class: engines, owner: grace, title: 'By Grace' });
  await em.flush();
  return { adaId: ada.id, graceId: grace.id, classId: engines.id };
}

const count = async (db: TestDatabase, table: string) => (await db.sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n;

describe('deleting a class', () => {
  test('deletes its memberships and conversations (through the ORM)', async ({ db }) => {
    const { classId } = await seed(db);
    const em = db.fork();
    em.remove(em.getReference(Class, classId));
    await em.flush();
    expect(await count(db, 'memberships')).toBe(0);
    expect(await count(db, 'conversations')).toBe(0);
    expect(await count(db, 'users')).toBe(2);
  });

  test('deletes its memberships and conversations (by SQL)', async ({ db }) => {
    const { classId } = await seed(db);
    await db.sql(`delete from classes where id = ?`, [classId]);
    expect(await count(db, 'memberships')).toBe(0);
    expect(await count(db, 'conversations')).toBe(0);
  });
});

describe('deleting a user', () => {
  test('deletes their memberships', async ({ db }) => {
    const { graceId } = await seed(db);
    await db.sql(`delete from conversations where owner_id = ?`, [graceId]);
    await db.sql(`delete from users where id = ?`, [graceId]);
    expect(await db.sql(`select role from memberships`)).toEqual([{ role: 'instructor' }]);
  });

  test('is refused while they own a class or a conversation, so nothing of a class disappears silently', async ({ db }) => {
    const { adaId, graceId } = await seed(db);
    await expect(db.sql(`delete from users where id = ?`, [graceId])).rejects.toThrow(/conversations_owner_id_foreign/);
    await db.sql(`delete from conversations where owner_id = ?`, [adaId]);
    // PostgreSQL 18 answers `restrict` with SQLSTATE 23001 (which the ORM reports as a plain
    // DriverException); earlier versions with 23503, a ForeignKeyConstraintViolationException.
    await expect(db.sql(`delete from users where id = ?`, [adaId])).rejects.toMatchObject({
      code: expect.stringMatching(/^(23001|23503)$/),
      constraint: 'classes_owner_id_foreign',
    });
    expect(await count(db, 'users')).toBe(2);
  });
});
