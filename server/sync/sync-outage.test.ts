import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { EmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { applyPendingMigrations } from '@/lib/db/migrations';
import { withMigrations } from '@/lib/db/migration-options';
import { ormOptions } from '@/lib/db/orm-options';
import type { TestDatabase } from '@/lib/testing/test-database';
import { connectClient, createClassroom, startSyncHarness, waitFor } from './testing/sync-harness';

describe('live sync: database outage', () => {
  test('stopping PostgreSQL mid-editing loses nothing: edits go on and are written once it is back', { timeout: 120_000 }, async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'grimoire-outage-test-'));
    let database = await EmbeddedPostgres.start(directory);
    const orm = await MikroORM.init(withMigrations(ormOptions({ databaseUrl: database.url, poolMax: 2 })));
    const pool = new pg.Pool({ connectionString: database.url, max: 4, connectionTimeoutMillis: 1_000 });
    pool.on('error', () => undefined);
    try {
      await applyPendingMigrations(orm);
      const room = await createClassroom({ fork: () => orm.em.fork() } as TestDatabase);
      const harness = await startSyncHarness(pool, { settings: { retryDelayMs: { initial: 50, max: 250 } } });
      const writer = await connectClient(harness.base, room.conversationId, room.studentId);
      const watcher = await connectClient(harness.base, room.conversationId, room.instructorId);
      await Promise.all([writer.synced, watcher.synced]);
      const serverText = () => harness.server.openRoom(room.conversationId)?.doc.getText('test').toString() ?? '';

      writer.text.insert(0, 'before;');
      await waitFor(() => serverText() === 'before;', 5_000, 'the first edit');
      await harness.server.whenWritten();

      await database.stop();
      for (let i = 0; i < 40; i++) writer.text.insert(writer.text.length, `during-${i};`);
      // Editing goes on: the other participant sees every edit while the database is down.
      await waitFor(() => watcher.text.toString() === writer.text.toString(), 5_000, 'live edits during the outage');
      // The writes really did fail meanwhile (so the edits were held in memory).
      await waitFor(async () => ((await harness.server.metrics.errors.get()).values.find((v) => v.labels.kind === 'persist')?.value ?? 0) > 0, 10_000, 'a failed write');

      database = await EmbeddedPostgres.start(directory, { port: database.port });
      harness.server.retryWritesNow();
      await harness.server.whenWritten();
      const expected = writer.text.toString();
      writer.destroy();
      watcher.destroy();
      await harness.stop();

      const next = await startSyncHarness(pool);
      const reader = await connectClient(next.base, room.conversationId, room.instructorId);
      await reader.synced;
      expect(reader.text.toString()).toBe(expected);
      expect(expected).toContain('during-39;');
      reader.destroy();
      await next.stop();
    } finally {
      await pool.end().catch(() => undefined);
      await orm.close(true).catch(() => undefined);
      await database.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
