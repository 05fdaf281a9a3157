import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect } from 'vitest';
import * as Y from 'yjs';
import { limits } from '@/lib/limits';
import { documentLayout, turnElement } from '@/lib/sync/document-layout';
import type { DocumentStore } from '@/lib/sync/document-store';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { connectClient, createClassroom, poolOf, startSyncHarness, waitFor, type SyncHarness } from './testing/sync-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A logger whose lines the test can read. */
function readableLog() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, destination), lines };
}

/** The real store, whose `compact` throws its first `failures` calls (Infinity: always). */
function storeFailingCompaction(real: PostgresDocumentStore, failures: number) {
  const attempts: number[] = [];
  const store: DocumentStore = {
    load: (id) => real.load(id),
    append: (updates) => real.append(updates),
    compact: async (id, compaction) => {
      attempts.push(Date.now());
      if (attempts.length <= failures) throw new Error('could not extend file: No space left on device');
      return real.compact(id, compaction);
    },
    countLogRows: () => real.countLogRows(),
  };
  return { store, attempts };
}

function writeTurn(doc: Y.Doc, text: string): void {
  doc.transact(() => {
    const turn = new Y.XmlElement(turnElement.name);
    turn.setAttribute(turnElement.roleAttribute, 'user');
    const paragraph = new Y.XmlElement('paragraph');
    const content = new Y.XmlText();
    doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
    turn.insert(0, [paragraph]);
    paragraph.insert(0, [content]);
    content.insert(0, text);
  });
}

async function storedRow(db: TestDatabase, conversationId: string) {
  const rows = await db.sql<{ raw_text: string; log_rows: number }>(
    `select c.raw_text, (select count(*) from conversation_updates u where u.conversation_id = c.id)::int as log_rows from conversations c where c.id = ?`,
    [conversationId],
  );
  return rows[0];
}

async function metricValue(harness: SyncHarness, name: 'documentsFailingCompaction' | 'errors'): Promise<number> {
  const metric = await harness.server.metrics[name].get();
  return metric.values.find((value) => name !== 'errors' || value.labels.kind === 'compaction')?.value ?? 0;
}

describe('live sync: a compaction that fails', () => {
  test('is retried with backoff, shows in the metrics, and is logged once when it starts failing and once when it recovers', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    const { store, attempts } = storeFailingCompaction(new PostgresDocumentStore(pool), 2);
    const { log, lines } = readableLog();
    const harness = await startSyncHarness(pool, { store, log, settings: { compactAfterIdleMs: 20 } });
    cleanups.push(() => harness.stop());
    const writer = await connectClient(harness.base, room.conversationId, room.studentId);
    cleanups.push(() => writer.destroy());
    await writer.synced;
    writeTurn(writer.doc, 'kept in the log while compaction fails');

    const failing = () => lines.filter((line) => line.msg === 'compaction failing; retrying with backoff (the update log keeps every edit)');
    await waitFor(() => failing().length === 1, 5_000, 'the first failure');
    expect(await metricValue(harness, 'documentsFailingCompaction')).toBe(1);

    const { initial } = limits.sync.compactionRetryDelayMs;
    await waitFor(() => attempts.length === 3, 3 * initial + 5_000, 'the third attempt');
    await waitFor(async () => (await storedRow(db, room.conversationId))?.log_rows === 0, 5_000, 'the compaction to land');
    // 1 s, then 2 s: doubling from the initial delay, not one try per edit or per tick.
    expect((attempts[1] as number) - (attempts[0] as number)).toBeGreaterThanOrEqual(initial - 20);
    expect((attempts[2] as number) - (attempts[1] as number)).toBeGreaterThanOrEqual(2 * initial - 20);

    const row = await storedRow(db, room.conversationId);
    expect(row?.raw_text).toBe('User: kept in the log while compaction fails');
    expect(failing()).toHaveLength(1);
    expect(failing()[0]).toMatchObject({ conversationId: room.conversationId, level: 40 });
    const recovered = lines.filter((line) => line.msg === 'compaction recovered');
    expect(recovered).toEqual([expect.objectContaining({ conversationId: room.conversationId, failures: 2 })]);
    expect(await metricValue(harness, 'errors')).toBe(2);
    expect(await metricValue(harness, 'documentsFailingCompaction')).toBe(0);
    // No document text in the log.
    expect(JSON.stringify(lines)).not.toContain('kept in the log');
  });

  test('that keeps failing does not pin the room: it unloads once every update is in the log, and the next load replays it', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    const { store, attempts } = storeFailingCompaction(new PostgresDocumentStore(pool), Infinity);
    const { log, lines } = readableLog();
    const harness = await startSyncHarness(pool, { store, log, settings: { compactAfterIdleMs: 60_000, unloadAfterMs: 20 } });
    cleanups.push(() => harness.stop());
    const writer = await connectClient(harness.base, room.conversationId, room.studentId);
    await writer.synced;
    writer.text.insert(0, 'only in the log');
    await waitFor(() => harness.server.openRoom(room.conversationId)?.doc.getText('test').toString() === 'only in the log', 5_000, 'the edit at the server');
    await harness.server.whenWritten();
    writer.destroy();

    await waitFor(() => harness.server.openRoom(room.conversationId) === undefined, 10_000, 'the room to unload');
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect((await storedRow(db, room.conversationId))?.log_rows).toBeGreaterThan(0);
    expect(lines.filter((line) => line.msg === 'compaction failing; retrying with backoff (the update log keeps every edit)')).toHaveLength(1);
    expect(lines.some((line) => typeof line.msg === 'string' && line.msg.includes('keeping it loaded'))).toBe(false);

    const reader = await connectClient(harness.base, room.conversationId, room.instructorId);
    cleanups.push(() => reader.destroy());
    await reader.synced;
    expect(reader.text.toString()).toBe('only in the log');
  });
});
