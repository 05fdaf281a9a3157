import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { describe, expect } from 'vitest';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { limits } from '@/lib/limits';
import { UserSessions } from './user-sessions';

const minute = 60_000;
const hour = 60 * minute;

/** A clock the test moves by hand. */
function manualClock(start = new Date('2026-09-01T08:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

async function setUp(db: TestDatabase) {
  const pool = (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
  const user = await createUser(db.fork(), { email: `session-${Math.random().toString(36).slice(2, 8)}@example.test`, name: 'Sam' });
  const clock = manualClock();
  return { pool, user, clock, sessions: new UserSessions(pool, limits.sessions, clock.now) };
}

describe('UserSessions', () => {
  test('a started session is active for its own user only, until revoked', async ({ db }) => {
    const { user, sessions } = await setUp(db);
    const other = await createUser(db.fork(), { email: 'someone-else@example.test', name: 'Else' });
    const id = await sessions.start(user.id);
    expect(await sessions.isActive(id, user.id)).toBe(true);
    expect(await sessions.isActive(id, other.id)).toBe(false);
    await sessions.revoke(id);
    expect(await sessions.isActive(id, user.id)).toBe(false);
    expect(await sessions.isActive('00000000-0000-4000-8000-000000000000', user.id)).toBe(false);
    expect(await sessions.isActive('not-a-uuid', user.id)).toBe(false);
  });

  test('signing out of one session leaves the same user’s other sessions alone', async ({ db }) => {
    const { user, sessions } = await setUp(db);
    const laptop = await sessions.start(user.id);
    const phone = await sessions.start(user.id);
    await sessions.revoke(laptop);
    expect(await sessions.isActive(laptop, user.id)).toBe(false);
    expect(await sessions.isActive(phone, user.id)).toBe(true);
  });

  test('signing out everywhere ends every session of that user and no one else’s', async ({ db }) => {
    const { user, sessions } = await setUp(db);
    const other = await createUser(db.fork(), { email: 'bystander@example.test', name: 'By' });
    const laptop = await sessions.start(user.id);
    const phone = await sessions.start(user.id);
    const theirs = await sessions.start(other.id);
    expect((await sessions.revokeAllOf(user.id)).sort()).toEqual([laptop, phone].sort());
    expect(await sessions.isActive(laptop, user.id)).toBe(false);
    expect(await sessions.isActive(phone, user.id)).toBe(false);
    expect(await sessions.isActive(theirs, other.id)).toBe(true);
    expect(await sessions.revokeAllOf(user.id)).toEqual([]);
  });

  test('a session left alone for the idle timeout ends; activity keeps it going', async ({ db }) => {
    const { user, sessions, clock } = await setUp(db);
    const busy = await sessions.start(user.id);
    const idle = await sessions.start(user.id);
    // Busy: seen every hour, so never idle for four.
    for (let step = 0; step < 6; step++) {
      clock.advance(hour);
      expect(await sessions.isActive(busy, user.id)).toBe(true);
    }
    // Idle: not seen since its start, six hours ago.
    expect(await sessions.isActive(idle, user.id)).toBe(false);
    clock.advance(limits.sessions.idleTimeoutMs - minute);
    expect(await sessions.isActive(busy, user.id)).toBe(true);
    clock.advance(limits.sessions.idleTimeoutMs);
    expect(await sessions.isActive(busy, user.id)).toBe(false);
  });

  test('a session ends at its lifetime however busy it is', async ({ db }) => {
    const { user, sessions, clock } = await setUp(db);
    const id = await sessions.start(user.id);
    let elapsed = 0;
    while (elapsed + hour < limits.sessions.lifetimeMs) {
      clock.advance(hour);
      elapsed += hour;
      expect(await sessions.isActive(id, user.id)).toBe(true);
    }
    clock.advance(limits.sessions.lifetimeMs - elapsed);
    expect(await sessions.isActive(id, user.id)).toBe(false);
  });

  test('a check is one read; lastSeenAt is written at most once a minute', async ({ db }) => {
    const { pool, user, clock } = await setUp(db);
    const statements: string[] = [];
    const counted = { query: ((text: string, values: unknown[]) => (statements.push(text.split(' ')[0]!), pool.query(text, values))) as pg.Pool['query'] };
    const sessions = new UserSessions(counted, limits.sessions, clock.now);
    const id = await sessions.start(user.id);
    statements.length = 0;
    clock.advance(30_000);
    for (let check = 0; check < 5; check++) expect(await sessions.isActive(id, user.id)).toBe(true);
    expect(statements).toEqual(['select', 'select', 'select', 'select', 'select']);
    statements.length = 0;
    clock.advance(31_000);
    expect(await sessions.isActive(id, user.id)).toBe(true);
    expect(await sessions.isActive(id, user.id)).toBe(true);
    expect(statements).toEqual(['select', 'update', 'select']);
    const [row] = await db.sql<{ last_seen_at: string; created_at: string }>('select last_seen_at, created_at from user_sessions where id = ?', [id]);
    expect(new Date(row!.last_seen_at).getTime() - new Date(row!.created_at).getTime()).toBe(61_000);
  });

  test('starting a session clears the user’s ended ones, and deleting the user deletes their sessions', async ({ db }) => {
    const { user, sessions, clock } = await setUp(db);
    const revoked = await sessions.start(user.id);
    await sessions.revoke(revoked);
    await sessions.start(user.id);
    clock.advance(limits.sessions.idleTimeoutMs);
    const current = await sessions.start(user.id);
    const rows = await db.sql<{ id: string }>('select id from user_sessions where user_id = ?', [user.id]);
    expect(rows.map((row) => row.id)).toEqual([current]);
    await db.sql('delete from users where id = ?', [user.id]);
    expect(await db.sql('select id from user_sessions')).toEqual([]);
  });
});
