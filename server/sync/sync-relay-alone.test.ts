import { describe, expect } from 'vitest';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { cleanup, redisForFile } from './testing/multi-process-scene';
import { connectClient, createClassroom, poolOf, startSyncHarness, waitFor, type Classroom, type SyncHarness, type TestClient } from './testing/sync-harness';

/**
 * A conversation open on one process only (behind a balancer that routes by conversation,
 * most are) publishes nothing on Redis once Redis says nobody else subscribes to it; a
 * process that opens it later still gets everything, also when its announcement is lost.
 */

const fileRedis = redisForFile();

const textOf = (client: TestClient) => client.text.toString();

/** Relay messages of `kind` this process has published. */
async function published(harness: SyncHarness, kind: string): Promise<number> {
  const { values } = await harness.server.metrics.relayMessages.get();
  return values.find((value) => value.labels.direction === 'out' && value.labels.kind === kind)?.value ?? 0;
}

/** Types on `client` until one of its edits is no longer published: the process has learnt it is alone with the conversation. */
async function untilAlone(harness: SyncHarness, client: TestClient, conversationId: string): Promise<void> {
  let typed = 0;
  await waitFor(
    async () => {
      const before = await published(harness, 'update');
      const marker = `(${typed++})`;
      client.text.insert(client.text.length, marker);
      await waitFor(() => harness.server.openRoom(conversationId)?.doc.getText('test').toString().includes(marker) ?? false, 5000, 'the edit to reach its process');
      await harness.server.whenWritten();
      return (await published(harness, 'update')) === before;
    },
    10_000,
    'the process to learn it is alone with the conversation',
  );
}

/** Process A with a client of the conversation, once A has learnt it is alone with it. */
async function aloneOnA(db: TestDatabase, room: Classroom, stops: ReturnType<typeof cleanup>) {
  const pool = await poolOf(db);
  const a = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
  const onA = stops.add(await connectClient(a.base, room.conversationId, room.studentId), (client) => client.destroy());
  await onA.synced;
  await untilAlone(a, onA, room.conversationId);
  return { pool, a, onA };
}

describe('a conversation open on one process only', () => {
  test('publishes nothing once Redis says nobody else listens; a process that opens it later gets every edit, and both ways after', { timeout: 40_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const stops = cleanup();
    try {
      const { pool, a, onA } = await aloneOnA(db, room, stops);
      const updatesBefore = await published(a, 'update');
      const presenceBefore = await published(a, 'presence');
      onA.text.insert(0, 'alone: ');
      onA.provider.awareness.setLocalStateField('cursor', { at: 3 });
      await waitFor(() => a.server.openRoom(room.conversationId)?.doc.getText('test').toString().startsWith('alone: ') ?? false, 5000, 'the edit on A');
      await a.server.whenWritten();
      expect(await published(a, 'update')).toBe(updatesBefore);
      expect(await published(a, 'presence')).toBe(presenceBefore);

      // Another process opens it: its client gets what A's client typed, and then each other's edits.
      const b = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const onB = stops.add(await connectClient(b.base, room.conversationId, room.otherStudentId), (client) => client.destroy());
      await onB.synced;
      await waitFor(() => textOf(onB) === textOf(onA), 5000, 'B’s client to have everything typed on A');
      onA.text.insert(textOf(onA).length, ' [from A]');
      await waitFor(() => textOf(onB).endsWith(' [from A]'), 5000, 'A’s next edit to reach B');
      onB.text.insert(0, '[from B] ');
      await waitFor(() => textOf(onA).startsWith('[from B] '), 5000, 'B’s edit to reach A');
      expect(await published(a, 'update')).toBeGreaterThan(updatesBefore);
    } finally {
      await stops.run();
    }
  });

  test('a process whose announcement Redis lost still gets the edits made after it opened, within seconds (Redis tells the other it subscribes)', { timeout: 40_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const stops = cleanup();
    try {
      const { pool, a, onA } = await aloneOnA(db, room, stops);

      // Everything B publishes is lost, its request to the others (which tells A that someone else listens) among it.
      const b = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      (b.server.relay as NonNullable<typeof b.server.relay>).dropNextPublishes = Number.MAX_SAFE_INTEGER;
      const onB = stops.add(await connectClient(b.base, room.conversationId, room.otherStudentId), (client) => client.destroy());
      await onB.synced;
      // What A had logged, B read from the store; what A's client types now reaches B once Redis has told A that B subscribes.
      await waitFor(() => textOf(onB) === textOf(onA), 5000, 'B’s client to have what A logged');
      onA.text.insert(0, 'after B opened ');
      await waitFor(() => textOf(onB).startsWith('after B opened '), 5000, 'A’s edit to reach B');
    } finally {
      await stops.run();
    }
  });
});
