import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { describe, expect } from 'vitest';
import { RateLimitedError } from '../errors';
import { JoinAttemptLimiter } from '../rate-limit/join-attempt-limiter';
import { test, type TestDatabase } from '../testing/test-database';
import { createUser } from '../users/user-service';
import { changeClassAsInstructor, createClassAsUser, rotateInviteCode } from './class-administration';
import { InviteCodeNotFoundError, joinClassByInviteCode } from './join-class';

async function setUp(db: TestDatabase, limits = { perUser: { points: 10, windowSeconds: 900 }, perAddress: { points: 60, windowSeconds: 900 } }) {
  const instructor = await createUser(db.fork(), { email: 'teacher@example.test', name: 'Teacher' });
  const student = await createUser(db.fork(), { email: 'student@example.test', name: 'Student' });
  const created = await createClassAsUser(db.fork(), instructor.id, { name: 'Joinable' });
  const pool = (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
  const limiter = new JoinAttemptLimiter(pool, limits);
  const join = (code: string, userId = student.id, address = '203.0.113.7') => joinClassByInviteCode(db.fork(), limiter, { userId, address, code });
  return { instructorId: instructor.id, studentId: student.id, classId: created.id, code: created.inviteCode ?? '', join, limiter };
}

describe('joinClassByInviteCode', () => {
  test('joins as a student with the code in any case, with or without spaces and dashes, and again idempotently', async ({ db }) => {
    const { code, classId, join } = await setUp(db);
    const sloppy = ` ${code.toLowerCase().replace('-', ' – ')} `;
    expect(await join(sloppy)).toEqual({ classId, role: 'student' });
    expect(await join(code.replace('-', ''))).toEqual({ classId, role: 'student' });
    expect(await db.sql('select role from memberships where class_id = ? order by role', [classId])).toEqual([{ role: 'instructor' }, { role: 'student' }]);
  });

  test('an instructor who uses the code keeps their role', async ({ db }) => {
    const { code, classId, instructorId, join } = await setUp(db);
    expect(await join(code, instructorId)).toEqual({ classId, role: 'instructor' });
  });

  test('one answer for unknown, rotated, disabled and archived', async ({ db }) => {
    const { code, classId, instructorId, join } = await setUp(db);
    await expect(join('ZZZZ-ZZZZ')).rejects.toThrow(InviteCodeNotFoundError);
    await expect(join('not a code at all')).rejects.toThrow(InviteCodeNotFoundError);

    const { inviteCode: rotated } = await rotateInviteCode(db.fork(), instructorId, classId);
    expect(rotated).not.toBe(code);
    await expect(join(code)).rejects.toThrow(InviteCodeNotFoundError);

    await changeClassAsInstructor(db.fork(), instructorId, classId, { joinEnabled: false });
    await expect(join(rotated)).rejects.toThrow(InviteCodeNotFoundError);
    await changeClassAsInstructor(db.fork(), instructorId, classId, { joinEnabled: true, archived: true });
    await expect(join(rotated)).rejects.toThrow(InviteCodeNotFoundError);
    await changeClassAsInstructor(db.fork(), instructorId, classId, { archived: false });
    expect((await join(rotated)).role).toBe('student');
  });

  test('limits failed attempts per user, with the time to wait; success costs nothing', async ({ db }) => {
    const limits = { perUser: { points: 3, windowSeconds: 600 }, perAddress: { points: 100, windowSeconds: 600 } };
    const { code, join } = await setUp(db, limits);
    const other = await createUser(db.fork(), { email: 'other@example.test' });
    for (let i = 0; i < 5; i++) expect((await join(code, other.id)).role).toBe('student');
    for (let i = 0; i < 3; i++) await expect(join('ZZZZ-ZZZZ')).rejects.toThrow(InviteCodeNotFoundError);
    const blocked = join(code);
    await expect(blocked).rejects.toThrow(RateLimitedError);
    const error = (await blocked.catch((caught: unknown) => caught)) as RateLimitedError;
    expect(error.retryAfterSeconds).toBeGreaterThan(500);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(600);
    // Another user from elsewhere is unaffected.
    expect((await join(code, other.id, '198.51.100.1')).role).toBe('student');
  });

  test('limits failed attempts per address across users, and the count survives a new limiter (restart)', async ({ db }) => {
    const limits = { perUser: { points: 100, windowSeconds: 600 }, perAddress: { points: 4, windowSeconds: 600 } };
    const { code, join, studentId } = await setUp(db, limits);
    const users = await Promise.all([1, 2, 3, 4].map((n) => createUser(db.fork(), { email: `guess${n}@example.test` })));
    for (const user of users) await expect(join('ZZZZ-ZZZZ', user.id, '192.0.2.9')).rejects.toThrow(InviteCodeNotFoundError);
    const pool = (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
    const afterRestart = new JoinAttemptLimiter(pool, limits);
    await expect(joinClassByInviteCode(db.fork(), afterRestart, { userId: studentId, address: '192.0.2.9', code })).rejects.toThrow(RateLimitedError);
    expect((await joinClassByInviteCode(db.fork(), afterRestart, { userId: studentId, address: '192.0.2.10', code })).role).toBe('student');
  });
});

describe('invite codes under concurrency', () => {
  test('classes created at the same moment all get distinct codes', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'busy@example.test' });
    const created = await Promise.all(Array.from({ length: 40 }, (_, index) => createClassAsUser(db.fork(), owner.id, { name: `Class ${index}` })));
    expect(new Set(created.map((detail) => detail.inviteCode)).size).toBe(40);
  });
});
