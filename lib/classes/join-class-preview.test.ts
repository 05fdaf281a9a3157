import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { describe, expect } from 'vitest';
import { limits } from '@/lib/limits';
import { JoinAttemptLimiter, JoinRateLimitedError } from '@/lib/rate-limit/join-attempt-limiter';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { changeClassAsInstructor, createClassAsUser } from './class-administration';
import { InviteCodeNotFoundError, joinClassByInviteCode } from './join-class';
import { previewInvitation } from './join-class-preview';

async function setUp(db: TestDatabase) {
  const instructor = await createUser(db.fork(), { email: 'teacher@example.test', name: 'Teacher' });
  const student = await createUser(db.fork(), { email: 'student@example.test', name: 'Student' });
  const created = await createClassAsUser(db.fork(), instructor.id, { name: 'Prompting 101', description: 'Not shown before joining.' });
  const pool = (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
  const limiter = new JoinAttemptLimiter(pool, limits.joinAttempts, 'join-preview-tests-secret-of-32-characters');
  const attempt = (code: string, userId = student.id) => ({ userId, address: '203.0.113.7', code });
  return {
    instructorId: instructor.id,
    studentId: student.id,
    classId: created.id,
    code: created.inviteCode ?? '',
    preview: (code: string, userId?: string) => previewInvitation(db.fork(), limiter, attempt(code, userId)),
    join: (code: string, userId?: string) => joinClassByInviteCode(db.fork(), limiter, attempt(code, userId)),
  };
}

describe('previewInvitation', () => {
  test('names the class of a live code and joins nobody', async ({ db }) => {
    const { code, classId, preview, studentId } = await setUp(db);
    expect(await preview(code.toLowerCase())).toEqual({ classId, className: 'Prompting 101', alreadyMember: false });
    expect(await db.sql('select 1 from memberships where class_id = ? and user_id = ?', [classId, studentId])).toEqual([]);
  });

  test('tells a member they are in the class already', async ({ db }) => {
    const { code, classId, preview, join, instructorId } = await setUp(db);
    expect((await preview(code, instructorId)).alreadyMember).toBe(true);
    await join(code);
    expect(await preview(code)).toEqual({ classId, className: 'Prompting 101', alreadyMember: true });
  });

  test('one answer for a wrong code and for a class closed to joining', async ({ db }) => {
    const { code, classId, preview, instructorId } = await setUp(db);
    await expect(preview('ZZZZ-ZZZZ')).rejects.toThrow(InviteCodeNotFoundError);
    await changeClassAsInstructor(db.fork(), instructorId, classId, { joinEnabled: false });
    await expect(preview(code)).rejects.toThrow(InviteCodeNotFoundError);
  });

  test('looking at wrong codes spends the same tries as joining with them; looking at a live one costs nothing', async ({ db }) => {
    const { code, preview, join } = await setUp(db);
    for (let i = 0; i < 30; i++) await preview(code);
    for (let i = 0; i < limits.joinAttempts.perUser.points; i++) await expect(preview('ZZZZ-ZZZZ')).rejects.toThrow(InviteCodeNotFoundError);
    await expect(preview(code)).rejects.toThrow(JoinRateLimitedError);
    await expect(join(code)).rejects.toThrow(JoinRateLimitedError);
  });
});
