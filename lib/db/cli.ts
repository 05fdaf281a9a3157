/**
 * `npm run db:migrate | db:rollback | db:check | db:migration:create [name]`.
 * Uses DATABASE_URL, or the embedded PostgreSQL under the data directory.
 */
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { loadServerConfig } from '@/lib/config';
import { openDatabaseServer, type DatabaseServer } from './database-server';
import { withDatabase } from './database-url';
import { applyPendingMigrations, rollbackLastMigration, schemaDrift } from './migrations';
import { withMigrations } from './migration-options';
import { ormOptions } from './orm-options';

type Command = 'migrate' | 'rollback' | 'check' | 'create';

async function main(command: Command, argument?: string): Promise<number> {
  const config = loadServerConfig();
  const server = await openDatabaseServer({ databaseUrl: config.DATABASE_URL, dataDirectory: config.GRIMOIRE_DATA_DIR });
  try {
    if (command === 'check') return await check(server);
    const orm = await MikroORM.init(withMigrations(ormOptions({ databaseUrl: server.url, poolMax: 2 })));
    try {
      if (command === 'migrate') {
        const applied = await applyPendingMigrations(orm);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
      } else if (command === 'rollback') {
        const reverted = await rollbackLastMigration(orm);
        console.log(reverted ? `Rolled back: ${reverted}` : 'No migration to roll back.');
      } else {
        const result = await orm.migrator.create(undefined, false, false, argument);
        console.log(result.fileName ? `Created migrations/${result.fileName}` : 'Entities and migrations agree: nothing to create.');
      }
    } finally {
      await orm.close();
    }
    return 0;
  } finally {
    await server.stop();
  }
}

/** Applies every migration to a scratch database and compares the result with the entities. */
async function check(server: DatabaseServer): Promise<number> {
  const scratch = `grimoire_check_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(server.url, 'postgres') });
  await admin.connect();
  await admin.query(`create database ${scratch}`);
  try {
    const orm = await MikroORM.init(withMigrations(ormOptions({ databaseUrl: withDatabase(server.url, scratch), poolMax: 2 })));
    try {
      await applyPendingMigrations(orm);
      const drift = await schemaDrift(orm);
      if (drift) {
        console.error('Entities and migrations disagree. Run `npm run db:migration:create`. Missing SQL:\n' + drift);
        return 1;
      }
      console.log('Entities and migrations agree.');
      return 0;
    } finally {
      await orm.close();
    }
  } finally {
    await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  }
}

const [command, argument] = process.argv.slice(2);
if (command !== 'migrate' && command !== 'rollback' && command !== 'check' && command !== 'create') {
  console.error('usage: tsx lib/db/cli.ts migrate|rollback|check|create [name]');
  process.exit(2);
}
main(command, argument).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
