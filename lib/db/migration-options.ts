import path from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import type { Options } from '@mikro-orm/postgresql';
import { projectRoot } from '@/lib/project-paths';
import { bundledMigrations } from './bundled-migrations';

export const migrationsDirectory = path.join(projectRoot, 'migrations');

/**
 * Adds the migrator to ORM options, for the server, the CLI and the tests (never the
 * pages). Migrations are TypeScript files run through tsx; the schema snapshot is written
 * only by `db:migration:create`, so applying migrations never rewrites a committed file.
 */
export function withMigrations(options: Options): Options {
  return {
    ...options,
    extensions: [...(options.extensions ?? []), Migrator],
    migrations: {
      path: migrationsDirectory,
      pathTs: migrationsDirectory,
      glob: '!(*.d).ts',
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      snapshotOnMigrate: false,
      silent: true,
      // The built server carries its migrations compiled in; from source they are found by file.
      ...(bundledMigrations ? { migrationsList: bundledMigrations } : {}),
    },
  };
}
