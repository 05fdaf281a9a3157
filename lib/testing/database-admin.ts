import pg from 'pg';
import { parseDatabaseUrl } from '@/lib/db/database-url';

/**
 * Creating and dropping whole databases on a PostgreSQL server, for the test harness. The
 * connection goes to the database the server URL names, with its credentials and TLS.
 */
export async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { host, port, user, password, database, ssl } = parseDatabaseUrl(serverUrl);
  const client = new pg.Client({ host, port, user, password, database, ssl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * `create database`, optionally as a copy of a template (which must have no open
 * connections). Commits in it do not wait for the disk (`synchronous_commit = off`): a
 * crash could lose the last few, which a test database never needs.
 */
export async function createDatabase(serverUrl: string, name: string, options: { template?: string } = {}): Promise<void> {
  const template = options.template ? ` template ${quoteIdentifier(options.template)}` : '';
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`create database ${quoteIdentifier(name)}${template}`);
    await client.query(`alter database ${quoteIdentifier(name)} set synchronous_commit = off`);
  });
}

/** Drops the databases, closing any connections still open to them. */
export async function dropDatabases(serverUrl: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await withAdminClient(serverUrl, async (client) => {
    for (const name of names) await client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`);
  });
}

/** The databases whose names start with `prefix`: what a test run created. */
export async function databasesNamedWithPrefix(serverUrl: string, prefix: string): Promise<string[]> {
  return withAdminClient(serverUrl, async (client) => {
    const result = await client.query<{ datname: string }>(
      `select datname from pg_database where starts_with(datname, $1) order by datname`,
      [prefix],
    );
    return result.rows.map((row) => row.datname);
  });
}

/** A PostgreSQL identifier, quoted so any name is taken literally. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
