import { inject, describe, expect } from 'vitest';
import { createTestDatabase, test } from './test-database';
import { withAdminClient } from './database-admin';

async function databaseExists(name: string): Promise<boolean> {
  return withAdminClient(inject('testDatabaseServerUrl'), async (client) => {
    const result = await client.query('select 1 from pg_database where datname = $1', [name]);
    return result.rowCount === 1;
  });
}

describe('test databases', () => {
  // The same unique email in two tests: each test must see only its own rows.
  for (const attempt of ['first', 'second']) {
    test(`start migrated and empty (${attempt} of two tests writing the same row)`, async ({ db }) => {
      expect(await db.sql('select email from users')).toEqual([]);
      await db.sql(`insert into users (email) values ('same@example.com')`);
      expect(await db.sql('select email from users')).toEqual([{ email: 'same@example.com' }]);
    });
  }

  test('are dropped when disposed', async () => {
    const db = await createTestDatabase();
    expect(await databaseExists(db.name)).toBe(true);
    await db.dispose();
    expect(await databaseExists(db.name)).toBe(false);
  });

  test('can start with no tables at all, for migration tests', async () => {
    const db = await createTestDatabase({ migrated: false });
    try {
      expect(await db.sql(`select table_name from information_schema.tables where table_schema = 'public'`)).toEqual([]);
    } finally {
      await db.dispose();
    }
  });

  test('record the SQL the ORM sends during a piece of work', async ({ db }) => {
    await db.sql('select 1');
    const { result, queries } = await db.recordQueries(async () => {
      await db.fork().getConnection().execute('select 2 as two');
      return 'done';
    });
    expect(result).toBe('done');
    expect(queries).toEqual(['select 2 as two']);
  });
});
