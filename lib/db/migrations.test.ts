import { expect, onTestFinished, test } from 'vitest';
import { createTestDatabase } from '@/lib/testing/test-database';
import { applyPendingMigrations, schemaDrift } from './migrations';

const tablesQuery = `select table_name from information_schema.tables where table_schema = 'public' and table_name <> 'mikro_orm_migrations' order by 1`;

test('the migrations go up, all the way down and up again on an empty database, and then match the entities', async () => {
  const db = await createTestDatabase({ migrated: false });
  onTestFinished(() => db.dispose());
  const tables = async () => (await db.sql<{ table_name: string }>(tablesQuery)).map((row) => row.table_name);

  const applied = await applyPendingMigrations(db.orm);
  expect(applied.length).toBeGreaterThan(0);
  const created = await tables();
  expect(created).toEqual(expect.arrayContaining(['users', 'classes', 'memberships', 'conversations']));

  const reverted = await db.orm.migrator.down({ to: 0 });
  expect(reverted.map((migration) => migration.name).reverse()).toEqual(applied);
  expect(await tables()).toEqual([]);
  expect(await db.sql(`select proname from pg_proc where proname like '%set_updated_at_fn'`)).toEqual([]);

  expect(await applyPendingMigrations(db.orm)).toEqual(applied);
  expect(await tables()).toEqual(created);
  expect(await schemaDrift(db.orm)).toBe('');
});
