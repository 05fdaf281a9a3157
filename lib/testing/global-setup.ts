/**
 * Vitest global setup: one PostgreSQL server and one migrated template database for the
 * whole run. Each test then copies the template (`create database … template …`, see
 * `test-database.ts`), which takes milliseconds where migrating would take a second.
 *
 * With `DATABASE_URL` unset, an embedded PostgreSQL runs in a fresh temporary directory
 * and is removed afterwards. With `DATABASE_URL` set, that server is used: every database
 * the run creates there is named `grimoire_test_<run id>_…` and dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import type { TestProject } from 'vitest/node';
import { parseDatabaseUrl, withDatabase } from '@/lib/db/database-url';
import { EmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { applyPendingMigrations } from '@/lib/db/migrations';
import { withMigrations } from '@/lib/db/migration-options';
import { ormOptions } from '@/lib/db/orm-options';
import { removeAbandonedClusters, stopImmediately, TEST_CLUSTER_PREFIX } from './abandoned-clusters';
import { createDatabase, databasesNamedWithPrefix, dropDatabases, withAdminClient } from './database-admin';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of the test server; its database name is replaced per test. */
    testDatabaseServerUrl: string;
    /** The migrated database each test's database is copied from. */
    testTemplateDatabase: string;
    /** Every database this run creates starts with it, so teardown finds them all. */
    testDatabasePrefix: string;
  }
}

interface TestServer {
  url: string;
  stop(): Promise<void>;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = process.env.DATABASE_URL ? externalServer(process.env.DATABASE_URL) : await embeddedServer();
  const prefix = `grimoire_test_${randomBytes(4).toString('hex')}_`;
  const template = `${prefix}template`;
  const teardown = async () => {
    try {
      await dropDatabases(server.url, await databasesNamedWithPrefix(server.url, prefix));
    } finally {
      await server.stop();
    }
  };
  try {
    await createMigratedDatabase(server.url, template);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('testDatabaseServerUrl', server.url);
  project.provide('testTemplateDatabase', template);
  project.provide('testDatabasePrefix', prefix);
  return teardown;
}

function externalServer(url: string): TestServer {
  parseDatabaseUrl(url);
  return { url, stop: async () => undefined };
}

async function embeddedServer(): Promise<TestServer> {
  const parent = await clusterParentDirectory();
  await removeAbandonedClusters(parent);
  const directory = await fs.mkdtemp(path.join(parent, TEST_CLUSTER_PREFIX));
  const removeDirectory = () => fs.rm(directory, { recursive: true, force: true });
  let embedded: EmbeddedPostgres;
  try {
    embedded = await EmbeddedPostgres.start(directory);
  } catch (error) {
    await removeDirectory();
    throw error;
  }
  try {
    await tuneForTests(embedded.url);
  } catch (error) {
    await embedded.stop();
    await removeDirectory();
    throw error;
  }
  // Vitest leaves on Ctrl-C without running the teardown: stop PostgreSQL on the way out.
  const stopOnExit = () => {
    stopImmediately(embedded.pid);
    rmSync(directory, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);
  return {
    url: embedded.url,
    stop: async () => {
      process.off('exit', stopOnExit);
      try {
        await embedded.stop();
      } finally {
        await removeDirectory();
      }
    },
  };
}

/** A throwaway cluster need not survive a crash, and on a tmpfs it should stay small. */
async function tuneForTests(serverUrl: string): Promise<void> {
  await withAdminClient(serverUrl, async (client) => {
    for (const setting of ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off', "max_wal_size = '128MB'"]) {
      await client.query(`alter system set ${setting}`);
    }
    await client.query('select pg_reload_conf()');
  });
}

/** Space a test cluster may take: the template and a few test databases, with room to spare. */
const TMPFS_MINIMUM_FREE_BYTES = 1024 ** 3;

/**
 * Where the test cluster goes: a tmpfs (`/dev/shm`) when there is one with room, because a
 * cluster just made by initdb on a disk creates files slowly while its pages are written
 * back (each test database took 150 to 300 ms instead of 20); otherwise the temp directory.
 */
async function clusterParentDirectory(): Promise<string> {
  try {
    const stats = await fs.statfs('/dev/shm');
    await fs.access('/dev/shm', fs.constants.W_OK);
    if (stats.bavail * stats.bsize >= TMPFS_MINIMUM_FREE_BYTES) return '/dev/shm';
  } catch {
    // No /dev/shm (macOS, Windows) or not writable: use the temp directory.
  }
  return os.tmpdir();
}

async function createMigratedDatabase(serverUrl: string, name: string): Promise<void> {
  await createDatabase(serverUrl, name);
  const orm = await MikroORM.init(withMigrations(ormOptions({ databaseUrl: withDatabase(serverUrl, name), poolMax: 1 })));
  try {
    await applyPendingMigrations(orm);
  } finally {
    // A template must have no open connections when it is copied.
    await orm.close(true);
  }
}
