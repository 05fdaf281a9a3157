import { describe, expect } from 'vitest';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { User } from './index';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `updated_at` to the microsecond, as text, so that no change hides below a millisecond. */
async function updatedAtOf(db: TestDatabase, id: string): Promise<string> {
  const [row] = await db.sql<{ updated_at: string }>(`select updated_at::text from users where id = ?`, [id]);
  if (!row) throw new Error(`no user ${id}`);
  return row.updated_at;
}

describe('ids', () => {
  test('are made by the client, so a new entity has one before it is flushed', async ({ db }) => {
    const em = db.fork();
    const user = em.create(User, { email: 'ada@example.com' });
    expect(user.id).toMatch(uuidPattern);
    const { queries } = await db.recordQueries(() => em.flush());
    expect(queries.find((sql) => sql.startsWith('insert'))).toMatch(/^insert into "users" \("id",/);
    expect(await db.sql('select id from users')).toEqual([{ id: user.id }]);
  });

  test('are made by the database for rows inserted by SQL without one', async ({ db }) => {
    const rows = await db.sql<{ id: string; created_at: string; updated_at: string }>(
      `insert into users (email) values ('ada@example.com'), ('grace@example.com') returning id, created_at::text, updated_at::text`,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.id).toMatch(uuidPattern);
      expect(row.updated_at).toBe(row.created_at);
    }
    expect(rows[0]?.id).not.toBe(rows[1]?.id);
  });
});

describe('updated_at', () => {
  test('changes on every update through the ORM', async ({ db }) => {
    const em = db.fork();
    const user = em.create(User, { email: 'ada@example.com' });
    await em.flush();
    const seen = [await updatedAtOf(db, user.id)];
    for (const name of ['Ada', 'Ada L.', 'Ada Lovelace']) {
      user.name = name;
      await em.flush();
      seen.push(await updatedAtOf(db, user.id));
    }
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('changes on every update by SQL that does not mention it (a trigger sets it)', async ({ db }) => {
    const [{ id } = { id: '' }] = await db.sql<{ id: string }>(`insert into users (email) values ('ada@example.com') returning id`);
    const seen = [await updatedAtOf(db, id)];
    for (const name of ['Ada', 'Ada L.']) {
      await db.sql(`update users set name = ? where id = ?`, [name, id]);
      seen.push(await updatedAtOf(db, id));
    }
    // Even an update that sets it back to an old value, or changes nothing, moves it on.
    await db.sql(`update users set updated_at = timestamptz '2000-01-01 00:00:00+00' where id = ?`, [id]);
    seen.push(await updatedAtOf(db, id));
    await db.sql(`update users set name = name where id = ?`, [id]);
    seen.push(await updatedAtOf(db, id));
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('is kept by a trigger on every table of the base entity', async ({ db }) => {
    const rows = await db.sql<{ table: string }>(
      `select event_object_table as table from information_schema.triggers
        where trigger_name = 'set_updated_at' and event_manipulation = 'UPDATE' and action_timing = 'BEFORE' order by 1`,
    );
    expect(rows.map((row) => row.table)).toEqual(expect.arrayContaining(['classes', 'conversations', 'memberships', 'users']));
  });
});
