import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { entities } from '@/entities';
import { parseDatabaseUrl } from './database-url';

export interface OrmOptionsInput {
  databaseUrl: string;
  poolMax: number;
  /** Called with every SQL statement: tests count queries with it. */
  onQuery?: (sql: string) => void;
}

/**
 * The ORM configuration shared by the server, the pages and the tests. Entities are listed
 * explicitly (no folder discovery), so it works the same inside the Next.js bundle.
 */
export function ormOptions({ databaseUrl, poolMax, onQuery }: OrmOptionsInput): Options {
  const connection = parseDatabaseUrl(databaseUrl);
  return defineConfig({
    entities,
    host: connection.host,
    port: connection.port,
    user: connection.user,
    password: connection.password,
    dbName: connection.database,
    // Extra options for node-postgres' Pool: TLS as sslmode says; fail a connect that hangs.
    driverOptions: { ssl: connection.ssl, connectionTimeoutMillis: 5_000 },
    pool: { min: 0, max: poolMax },
    // Requests use a forked EntityManager each; the global one must never hold state.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
    onQuery: onQuery
      ? (sql) => {
          onQuery(sql);
          return sql;
        }
      : undefined,
  });
}
