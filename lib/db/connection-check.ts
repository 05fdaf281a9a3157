import pg from 'pg';
import { parseDatabaseUrl, redactDatabaseUrl } from './database-url';

export class DatabaseUnreachableError extends Error {}

/**
 * Opens and closes one connection, so that start-up can say plainly why a database
 * cannot be used instead of failing later inside a migration.
 */
export async function assertDatabaseReachable(url: string): Promise<void> {
  const connection = parseDatabaseUrl(url);
  const client = new pg.Client({ ...connection, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DatabaseUnreachableError(
      `Cannot use the database at ${redactDatabaseUrl(url)} (${reason}): check DATABASE_URL and that the server is running and accepts this user.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
