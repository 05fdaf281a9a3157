import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { describe, expect } from 'vitest';
import type { JoinAttemptLimits } from '@/lib/limits';
import { JoinAttemptLimiter, JoinRateLimitedError } from '@/lib/rate-limit/join-attempt-limiter';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { changeClassAsInstructor, createClassAsUser, rotateInviteCode } from './class-administration';
import { InviteCodeNotFoundError, joinClassByInviteCode } from './join-class';

const window = { windowSeconds: 900 };
const schoolLimits: JoinAttemptLimits = {
  perUser: { points: 10, ...window },
  wrongCodesPerAddress: { points: 120, ...window },
};
const keySecret = 'join-class-tests-secret-of-32-characters-or-more';
const classroomAddress = '203.0.113.7';
const wrongCode = 'ZZZZ-ZZZZ';

async function setUp(db: TestDatabase, limits: JoinAttemptLimits = schoolLimits) {
  const instructor = await createUser(db.fork(), { email: 'teacher@example.test', name: 'Teacher' });
  const student = await createUser(db.fork(), { email: 'student@example.test', name: 'Student' });
  const created = await createClassAsUser(db.fork(), instructor.id, { name: 'Joinable' });
  const pool = (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
  const limiter = new JoinAttemptLimiter(pool, limits, keySecret);
  const join = (code: string, userId: string = student.id, address = classroomAddress) => joinClassByInviteCode(db.fork(), limiter, { userId, address, code });
  const newUsers = async (label: string, count: number): Promise<string[]> =>
    (await Promise.all(Array.from({ length: count }, (_, index) => createUser(db.fork(), { email: `${label}${index}@example.test` })))).map((user) => user.id);
  return { instructorId: instructor.id, studentId: student.id, classId: created.id, code: created.inviteCode ?? '', join, newUsers, pool };
}

/** `count` well-formed codes, all different and none of them live (`ZZ` then six more characters). */
function wrongCodes(count: number, series = 'Z'): string[] {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return Array.from({ length: count }, (_, index) => {
    let suffix = '';
    for (let rest = index, place = 0; place < 6; place++, rest = Math.floor(rest / alphabet.length)) suffix = alphabet[rest % alphabet.length] + suffix;
    return `Z${series}${suffix}`;
  });
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

  test('the address budget survives a new limiter (a restart) and is kept per address', async ({ db }) => {
    const limits: JoinAttemptLimits = { ...schoolLimits, wrongCodesPerAddress: { points: 4, windowSeconds: 600 } };
    const { code, newUsers, pool } = await setUp(db, limits);
    const [guesser = ''] = await newUsers('guesser', 1);
    const first = new JoinAttemptLimiter(pool, limits, keySecret);
    const guess = (limiter: JoinAttemptLimiter, address: string, guessed: string) => joinClassByInviteCode(db.fork(), limiter, { userId: guesser, address, code: guessed });
    const [a = '', b = '', c = '', d = '', e = ''] = wrongCodes(5);
    for (const guessed of [a, b, c, d]) await expect(guess(first, '192.0.2.9', guessed)).rejects.toThrow(InviteCodeNotFoundError);

    const afterRestart = new JoinAttemptLimiter(pool, limits, keySecret);
    const error = await refusal(guess(afterRestart, '192.0.2.9', e));
    expect(error).toBeInstanceOf(JoinRateLimitedError);
    expect((error as JoinRateLimitedError).message).toMatch(/^Too many tries from this network; try again in 10 minutes\.$/);
    // A code this address has tried already is still answered (it costs only the account's own try).
    await expect(guess(afterRestart, '192.0.2.9', a)).rejects.toThrow(InviteCodeNotFoundError);
    // The same user elsewhere still has tries of their own (5 of 10 spent; the refused one was given back).
    await expect(guess(afterRestart, '192.0.2.10', e)).rejects.toThrow(InviteCodeNotFoundError);
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

  test('a lecture of 300 on one address all trying the same wrong code (a typo on the slide) get 404, and the corrected code still joins', async ({ db }) => {
    const { code, classId, join, newUsers } = await setUp(db);
    const lecture = await newUsers('lecture', 300);
    const outcomes = await Promise.all(lecture.map((student) => refusal(join(wrongCode, student))));
    expect(outcomes.filter((outcome) => outcome instanceof InviteCodeNotFoundError)).toHaveLength(300);
    // Some try again with the typo before the instructor corrects the slide.
    for (const student of lecture.slice(0, 20)) await expect(join(wrongCode, student)).rejects.toThrow(InviteCodeNotFoundError);

    const [latecomer = ''] = await newUsers('latecomer', 1);
    expect(await join(code, latecomer)).toEqual({ classId, role: 'student' });
    const joined = await Promise.all(lecture.map((student) => join(code, student)));
    expect(joined.every((result) => result.classId === classId)).toBe(true);
  });

  test('many accounts trying distinct wrong codes at once from one address look up at most the address budget of codes', async ({ db }) => {
    const { join, newUsers } = await setUp(db);
    const guessers = await newUsers('guesser', 100);
    const codes = wrongCodes(500);
    let outcomes: unknown[] = [];
    const lookups = await countLookups(db, async () => {
      outcomes = await Promise.all(guessers.flatMap((guesser, index) => codes.slice(index * 5, index * 5 + 5).map((guessed) => refusal(join(guessed, guesser)))));
    });
    expect(lookups).toBe(120);
    expect(outcomes.filter((outcome) => outcome instanceof InviteCodeNotFoundError)).toHaveLength(120);
    expect(outcomes.filter((outcome) => outcome instanceof JoinRateLimitedError && outcome.scope === 'network')).toHaveLength(380);
  });

  test('after accounts spent an address’s budget, a new code is refused without a lookup; the class’s code someone joined with, and known typos, still get answers', async ({ db }) => {
    const { code, classId, join, newUsers } = await setUp(db);
    const [early = '', ...guessers] = await newUsers('guesser', 14);
    expect(await join(code, early)).toEqual({ classId, role: 'student' });
    await expect(join(wrongCode, early)).rejects.toThrow(InviteCodeNotFoundError);
    const codes = wrongCodes(130);
    const outcomes = await Promise.all(guessers.flatMap((guesser, index) => codes.slice(index * 10, index * 10 + 10).map((guessed) => refusal(join(guessed, guesser)))));
    // 119 new wrong codes fit beside the typo above; the rest of the 130 were refused as the network's.
    expect(outcomes.filter((outcome) => outcome instanceof InviteCodeNotFoundError)).toHaveLength(119);
    expect(outcomes.filter((outcome) => outcome instanceof JoinRateLimitedError && outcome.scope === 'network')).toHaveLength(11);

    const [newcomer = '', typist = '', other = ''] = await newUsers('late', 3);
    expect(await join(code, newcomer)).toEqual({ classId, role: 'student' });
    await expect(join(wrongCode, typist)).rejects.toThrow(InviteCodeNotFoundError);
    expect(await join(code, typist)).toEqual({ classId, role: 'student' });

    let refused: unknown;
    expect(await countLookups(db, async () => (refused = await refusal(join(wrongCodes(1, 'Y')[0] ?? '', other))))).toBe(0);
    expect(refused).toBeInstanceOf(JoinRateLimitedError);
    expect((refused as JoinRateLimitedError).scope).toBe('network');
  });

  test('an address closed to new codes refuses even a live code it has not tried, with the network named', async ({ db }) => {
    const { code, join, newUsers } = await setUp(db, { ...schoolLimits, wrongCodesPerAddress: { points: 5, windowSeconds: 900 } });
    const accounts = await newUsers('fresh', 6);
    const codes = wrongCodes(5);
    for (const [index, account] of accounts.slice(0, 5).entries()) await expect(join(codes[index] ?? '', account)).rejects.toThrow(InviteCodeNotFoundError);
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
