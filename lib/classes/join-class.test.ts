import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { describe, expect } from 'vitest';
import type { JoinAttemptLimits } from '../limits';
import { JoinAttemptLimiter, JoinRateLimitedError } from '../rate-limit/join-attempt-limiter';
import { test, type TestDatabase } from '../testing/test-database';
import { createUser } from '../users/user-service';
import { changeClassAsInstructor, createClassAsUser, rotateInviteCode } from './class-administration';
import { InviteCodeNotFoundError, joinClassByInviteCode } from './join-class';

const window = { windowSeconds: 900 };
const schoolLimits: JoinAttemptLimits = {
  perUser: { points: 10, ...window },
  earlyTriesPerUser: 2,
  earlyTriesPerAddress: { points: 60, ...window },
  laterTriesPerAddress: { points: 60, ...window },
};
const classroomAddress = '203.0.113.7';
const wrongCode = 'ZZZZ-ZZZZ';

async function setUp(db: TestDatabase, limits: JoinAttemptLimits = schoolLimits) {
  const instructor = await createUser(db.fork(), { email: 'teacher@example.test', name: 'Teacher' });
  const student = await createUser(db.fork(), { email: 'student@example.test', name: 'Student' });
  const created = await createClassAsUser(db.fork(), instructor.id, { name: 'Joinable' });
  const pool = (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
  const limiter = new JoinAttemptLimiter(pool, limits);
  const join = (code: string, userId: string = student.id, address = classroomAddress) => joinClassByInviteCode(db.fork(), limiter, { userId, address, code });
  const newUsers = async (label: string, count: number): Promise<string[]> =>
    (await Promise.all(Array.from({ length: count }, (_, index) => createUser(db.fork(), { email: `${label}${index}@example.test` })))).map((user) => user.id);
  return { instructorId: instructor.id, studentId: student.id, classId: created.id, code: created.inviteCode ?? '', join, newUsers, pool };
}

/** Runs `work` and counts the invite-code lookups (queries of `classes`) it made. */
async function countLookups(db: TestDatabase, work: () => Promise<unknown>): Promise<number> {
  const { queries } = await db.recordQueries(work);
  return queries.filter((query) => /\bfrom "classes"/.test(query)).length;
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'joined',
    (error: unknown) => error,
  );
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

  test('one answer for unknown, rotated, disabled and archived; a code we could not have issued costs no lookup', async ({ db }) => {
    const { code, classId, instructorId, join } = await setUp(db);
    await expect(join(wrongCode)).rejects.toThrow(InviteCodeNotFoundError);
    expect(await countLookups(db, () => expect(join('not a code at all')).rejects.toThrow(InviteCodeNotFoundError))).toBe(0);

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

  test('limits tries per user, with the time to wait and whose tries ran out; a live code costs nothing', async ({ db }) => {
    const { code, join, newUsers } = await setUp(db, { ...schoolLimits, perUser: { points: 3, windowSeconds: 600 } });
    const [other = ''] = await newUsers('other', 1);
    for (let i = 0; i < 5; i++) expect((await join(code, other)).role).toBe('student');
    for (let i = 0; i < 3; i++) await expect(join(wrongCode)).rejects.toThrow(InviteCodeNotFoundError);
    const error = await refusal(join(code));
    expect(error).toBeInstanceOf(JoinRateLimitedError);
    const limited = error as JoinRateLimitedError;
    expect(limited.scope).toBe('account');
    expect(limited.retryAfterSeconds).toBeGreaterThan(500);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(600);
    expect(limited.message).toBe('Too many tries from your account; try again in 10 minutes.');
    // Another user, from the same address or from elsewhere, is unaffected.
    expect((await join(code, other)).role).toBe('student');
    expect((await join(code, other, '198.51.100.1')).role).toBe('student');
  });

  test('the address budgets survive a new limiter (a restart) and are kept per address', async ({ db }) => {
    const limits: JoinAttemptLimits = { ...schoolLimits, laterTriesPerAddress: { points: 4, windowSeconds: 600 } };
    const { code, newUsers, pool } = await setUp(db, limits);
    const [guesser = ''] = await newUsers('guesser', 1);
    const first = new JoinAttemptLimiter(pool, limits);
    const guess = (limiter: JoinAttemptLimiter, address: string) => joinClassByInviteCode(db.fork(), limiter, { userId: guesser, address, code: wrongCode });
    for (let i = 0; i < 6; i++) await expect(guess(first, '192.0.2.9')).rejects.toThrow(InviteCodeNotFoundError);

    const afterRestart = new JoinAttemptLimiter(pool, limits);
    const error = await refusal(guess(afterRestart, '192.0.2.9'));
    expect(error).toBeInstanceOf(JoinRateLimitedError);
    expect((error as JoinRateLimitedError).message).toMatch(/^Too many tries from this network; try again in 10 minutes\.$/);
    // The same user elsewhere still has tries of their own (6 of 10 spent).
    await expect(guess(afterRestart, '192.0.2.10')).rejects.toThrow(InviteCodeNotFoundError);
    expect((await joinClassByInviteCode(db.fork(), afterRestart, { userId: guesser, address: '192.0.2.10', code })).role).toBe('student');
  });
});

describe('invite codes under attack', () => {
  test('500 concurrent wrong guesses from one user on one address make only the user’s 10 lookups, and lock nobody else out', async ({ db }) => {
    const { code, classId, join, studentId, newUsers } = await setUp(db);
    let outcomes: unknown[] = [];
    const lookups = await countLookups(db, async () => {
      outcomes = await Promise.all(Array.from({ length: 500 }, () => refusal(join(wrongCode, studentId))));
    });
    expect(lookups).toBe(10);
    expect(outcomes.filter((outcome) => outcome instanceof InviteCodeNotFoundError)).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome instanceof JoinRateLimitedError && outcome.scope === 'account')).toHaveLength(490);

    // Their classmates behind the same address join: at once, and after a typo.
    const [classmate = '', typist = ''] = await newUsers('classmate', 2);
    expect(await join(code, classmate)).toEqual({ classId, role: 'student' });
    await expect(join(wrongCode, typist)).rejects.toThrow(InviteCodeNotFoundError);
    expect(await join(code, typist)).toEqual({ classId, role: 'student' });
  });

  test('many accounts guessing at once from one address test at most the two address budgets of codes', async ({ db }) => {
    const { join, newUsers } = await setUp(db);
    const guessers = await newUsers('guesser', 100);
    const lookups = await countLookups(db, () => Promise.all(guessers.flatMap((guesser) => Array.from({ length: 5 }, () => refusal(join(wrongCode, guesser))))));
    expect(lookups).toBeGreaterThan(0);
    expect(lookups).toBeLessThanOrEqual(60 + 60);
  });

  test('after eight accounts spent the later tries of an address, a classmate with the code joins; another guesser gets two tries, then 429 without a lookup', async ({ db }) => {
    const { code, classId, join, newUsers } = await setUp(db);
    const guessers = await newUsers('guesser', 8);
    const outcomes = await Promise.all(guessers.flatMap((guesser) => Array.from({ length: 10 }, () => refusal(join(wrongCode, guesser)))));
    // 8 × 2 early tries and the 60 later ones were looked up; the other 4 were refused as the network's.
    expect(outcomes.filter((outcome) => outcome instanceof InviteCodeNotFoundError)).toHaveLength(76);
    expect(outcomes.filter((outcome) => outcome instanceof JoinRateLimitedError && outcome.scope === 'network')).toHaveLength(4);

    const [newcomer = '', ninth = ''] = await newUsers('late', 2);
    expect(await join(code, newcomer)).toEqual({ classId, role: 'student' });

    await expect(join(wrongCode, ninth)).rejects.toThrow(InviteCodeNotFoundError);
    await expect(join(wrongCode, ninth)).rejects.toThrow(InviteCodeNotFoundError);
    let third: unknown;
    expect(await countLookups(db, async () => (third = await refusal(join(code, ninth))))).toBe(0);
    expect(third).toBeInstanceOf(JoinRateLimitedError);
    expect((third as JoinRateLimitedError).scope).toBe('network');
  });

  test('an address whose early tries many fresh accounts failed is closed too, with the network named', async ({ db }) => {
    const { code, join, newUsers } = await setUp(db, { ...schoolLimits, earlyTriesPerAddress: { points: 5, windowSeconds: 900 } });
    const accounts = await newUsers('fresh', 6);
    for (const account of accounts.slice(0, 5)) await expect(join(wrongCode, account)).rejects.toThrow(InviteCodeNotFoundError);
    const error = await refusal(join(code, accounts[5] ?? ''));
    expect(error).toBeInstanceOf(JoinRateLimitedError);
    expect((error as JoinRateLimitedError).scope).toBe('network');
    // Elsewhere, that account joins at once.
    expect((await join(code, accounts[5] ?? '', '198.51.100.1')).role).toBe('student');
  });
});

describe('invite codes under concurrency', () => {
  test('classes created at the same moment all get distinct codes', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'busy@example.test' });
    const created = await Promise.all(Array.from({ length: 40 }, (_, index) => createClassAsUser(db.fork(), owner.id, { name: `Class ${index}` })));
    expect(new Set(created.map((detail) => detail.inviteCode)).size).toBe(40);
  });
});
