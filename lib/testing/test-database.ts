import { randomBytes } from 'node:crypto';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { inject, test as baseTest } from 'vitest';
import { withDatabase } from '@/lib/db/database-url';
import { withMigrations } from '@/lib/db/migration-options';
import { ormOptions } from '@/lib/db/orm-options';
import { createDatabase, dropDatabases } from './database-admin';

/**
 * A database of one's own, copied from the migrated template: nothing another test wrote
 * is in it, and nothing written here outlives `dispose()`.
 */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** With the migrator (`orm.migrator`), for tests of the migrations. */
  readonly orm: MikroORM;
  /** A fresh EntityManager with an empty identity map, as one request would have. */
  fork(): EntityManager;
  /** Raw SQL, outside any unit of work; `?` marks a parameter. */
  sql<Row = Record<string, unknown>>(query: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` and returns the SQL statements the ORM sent meanwhile (transaction control excluded). */
  recordQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: string[] }>;
  dispose(): Promise<void>;
}

/** Connections per test database: enough for a test that runs a few queries at once. */
const POOL_MAX = 4;

export interface TestDatabaseOptions {
  /** `false`: an empty database, with no tables, for tests of the migrations themselves. */
  migrated?: boolean;
}

export async function createTestDatabase({ migrated = true }: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = inject('testDatabaseServerUrl');
  const name = `${inject('testDatabasePrefix')}${randomBytes(6).toString('hex')}`;
  await createDatabase(serverUrl, name, { template: migrated ? inject('testTemplateDatabase') : 'template0' });
  const url = withDatabase(serverUrl, name);

  let recording: string[] | undefined;
  let orm: MikroORM;
  try {
    const options = ormOptions({ databaseUrl: url, poolMax: POOL_MAX, onQuery: (sql) => recording?.push(sql) });
    orm = await MikroORM.init(withMigrations(options));
  } catch (error) {
    await dropDatabases(serverUrl, [name]);
    throw error;
  }

  return {
    name,
    url,
    orm,
    fork: () => orm.em.fork(),
    sql: (query, params = []) => orm.em.fork().execute(query, params),
    async recordQueries(work) {
      if (recording) throw new Error('recordQueries calls cannot overlap');
      recording = [];
      try {
        const result = await work();
        return { result, queries: recording };
      } finally {
        recording = undefined;
      }
    },
    async dispose() {
      try {
        await orm.close(true);
      } finally {
        await dropDatabases(serverUrl, [name]);
      }
    },
  };
}

/**
 * `test` with a `db` fixture: a fresh database for each test that asks for one, disposed
 * after it, pass or fail.
 *
 * ```ts
 * test('finds the user', async ({ db }) => {
 *   const user = await createUser(db.fork(), { email: 'ada@example.com' });
 * });
 * ```
 */
export const test = baseTest.extend('db', async ({}, { onCleanup }) => {
  const db = await createTestDatabase();
  onCleanup(() => db.dispose());
  return db;
});
