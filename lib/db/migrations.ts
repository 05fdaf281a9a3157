import type { MikroORM } from '@mikro-orm/postgresql';

/** Applies every pending migration; returns the names applied. */
export async function applyPendingMigrations(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}

/** Undoes the most recent migration; returns its name, or undefined when none was applied. */
export async function rollbackLastMigration(orm: MikroORM): Promise<string | undefined> {
  const reverted = await orm.migrator.down();
  return reverted[0]?.name;
}

/**
 * The SQL that would bring the database's schema in line with the entities: empty when
 * the migrations applied to it describe exactly the entities.
 */
export async function schemaDrift(orm: MikroORM): Promise<string> {
  return (await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();
}
