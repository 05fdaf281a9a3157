import { CheckConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { describe, expect } from 'vitest';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { Class, Membership, User } from './index';

async function userAndClass(db: TestDatabase) {
  const em = db.fork();
  const user = em.create(User, { email: 'ada@example.com' });
  const created = em.create(Class, { name: 'Engines', owner: user, inviteCode: 'ABCDEFGH' });
  await em.flush();
  return { userId: user.id, classId: created.id };
}

describe('memberships', () => {
  test('are unique per user and class, whoever writes them', async ({ db }) => {
    const { userId, classId } = await userAndClass(db);
    const em = db.fork();
    em.create(Membership, { user: userId, class: classId, role: 'instructor' });
    await em.flush();

    const again = db.fork();
    again.create(Membership, { user: userId, class: classId, role: 'student' });
    await expect(again.flush()).rejects.toThrow(UniqueConstraintViolationException);
    await expect(db.sql(`insert into memberships (user_id, class_id, role) values (?, ?, 'student')`, [userId, classId])).rejects.toThrow(
      /memberships_user_class_unique/,
    );
  });

  test('have a known role', async ({ db }) => {
    const { userId, classId } = await userAndClass(db);
    await expect(db.sql(`insert into memberships (user_id, class_id, role) values (?, ?, 'owner')`, [userId, classId])).rejects.toThrow(
      CheckConstraintViolationException,
    );
  });
});

describe('user emails', () => {
  test('must be stored trimmed and lower-cased, even by SQL that bypasses the services', async ({ db }) => {
    // (The check trims spaces only, as btrim does: other surrounding whitespace is kept out by the services.)
    for (const email of ['Ada@example.com', ' ada@example.com', 'ada@example.com ']) {
      await expect(db.sql(`insert into users (email) values (?)`, [email])).rejects.toThrow(/users_email_normalised/);
    }
    await db.sql(`insert into users (email) values ('ada@example.com')`);
    await expect(db.sql(`update users set email = 'ADA@example.com'`)).rejects.toThrow(CheckConstraintViolationException);
  });

  test('are unique', async ({ db }) => {
    await db.sql(`insert into users (email) values ('ada@example.com')`);
    await expect(db.sql(`insert into users (email) values ('ada@example.com')`)).rejects.toThrow(UniqueConstraintViolationException);
  });
});

test('invite codes are unique', async ({ db }) => {
  const { userId } = await userAndClass(db);
  await expect(db.sql(`insert into classes (name, owner_id, invite_code) values ('Copy', ?, 'ABCDEFGH')`, [userId])).rejects.toThrow(
    /classes_invite_code_unique/,
  );
});
