import { EmbeddedPostgres } from './embedded-postgres';
import { parseDatabaseUrl } from './database-url';

/** The database a process talks to, and how to let go of it. */
export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when it is set (validated here, so a bad one fails at start-up with a clear
 * message); otherwise the embedded PostgreSQL under the data directory.
 */
export async function openDatabaseServer(options: { databaseUrl?: string; dataDirectory: string }): Promise<DatabaseServer> {
  if (options.databaseUrl) {
    parseDatabaseUrl(options.databaseUrl);
    return { url: options.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const embedded = await EmbeddedPostgres.start(options.dataDirectory);
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}
