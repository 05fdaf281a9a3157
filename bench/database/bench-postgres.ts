import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { withDatabase } from '@/lib/db/database-url';
import { EmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { applyPendingMigrations } from '@/lib/db/migrations';
import { withMigrations } from '@/lib/db/migration-options';
import { ormOptions } from '@/lib/db/orm-options';
import { quoteIdentifier, withAdminClient } from '@/lib/testing/database-admin';

/**
 * The PostgreSQL of a bench run: `DATABASE_URL`'s server when set (the run creates its own
 * databases there, named `grimoire_bench_<run>_…`, and drops them at the end), otherwise an
 * embedded one in a fresh temporary directory on disk, with PostgreSQL's default
 * durability settings (fsync and synchronous commit on), as in production.
 */
export class BenchPostgres {
  private readonly created: string[] = [];

  private constructor(
    readonly serverUrl: string,
    readonly embedded: EmbeddedPostgres | undefined,
    private readonly directory: string | undefined,
    readonly prefix: string,
  ) {}

  static async start(): Promise<BenchPostgres> {
    const prefix = `grimoire_bench_${randomBytes(3).toString('hex')}_`;
    if (process.env.DATABASE_URL) return new BenchPostgres(process.env.DATABASE_URL, undefined, undefined, prefix);
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'grimoire-bench-'));
    try {
      const embedded = await EmbeddedPostgres.start(directory);
      return new BenchPostgres(embedded.url, embedded, directory, prefix);
    } catch (error) {
      await fs.rm(directory, { recursive: true, force: true });
      throw error;
    }
  }

  /** A new database with Grimoire's schema (every migration applied); returns its URL. */
  async createMigrated(name: string): Promise<string> {
    const url = await this.create(name);
    const orm = await MikroORM.init(withMigrations(ormOptions({ databaseUrl: url, poolMax: 1 })));
    try {
      await applyPendingMigrations(orm);
    } finally {
      await orm.close(true);
    }
    return url;
  }

  /** A new, empty database; returns its URL. */
  async create(name: string): Promise<string> {
    const database = `${this.prefix}${name}`;
    await withAdminClient(this.serverUrl, (client) => client.query(`create database ${quoteIdentifier(database)}`));
    this.created.push(database);
    return withDatabase(this.serverUrl, database);
  }

  async version(): Promise<string> {
    return withAdminClient(this.serverUrl, async (client) => (await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?');
  }

  /** Drops what the run created and stops the embedded server. */
  async stop(): Promise<void> {
    try {
      if (!this.embedded) {
        await withAdminClient(this.serverUrl, async (client) => {
          for (const database of this.created) await client.query(`drop database if exists ${quoteIdentifier(database)} with (force)`);
        });
      }
    } finally {
      if (this.embedded) await this.embedded.stop();
      if (this.directory) await fs.rm(this.directory, { recursive: true, force: true });
    }
  }
}
