import * as Y from 'yjs';
import { describe, expect } from 'vitest';
import { removeMember } from '@/lib/memberships/member-administration';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { test } from '@/lib/testing/test-database';
import { cleanup, redisForFile } from './testing/multi-process-scene';
import { startTestRedis } from './testing/redis-server';
import { connectClient, createClassroom, poolOf, startSyncHarness, waitFor, type SyncHarness, type TestClient } from './testing/sync-harness';
import { startSyncProcess, type SyncProcess } from './testing/sync-process';

/**
 * Several server processes on one PostgreSQL, relaying through a real Redis (issue 13):
 * the servers in this file are two engines in the test's process (each with a relay of its
 * own, as separate processes have) and, where a process must die or be told apart for
 * certain, a server in a child process. Redis is REDIS_URL's, or a redis-server started here.
 */

const fileRedis = redisForFile();

const textOf = (client: TestClient) => client.text.toString();

describe('several processes through Redis', () => {
  test('20 clients spread over three processes, typing at once, converge; the stored document has every edit; presence crosses', { timeout: 60_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const stops = cleanup();
    try {
      const pool = await poolOf(db);
      const a = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const b = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const c = stops.add(await startSyncProcess(db.url, fileRedis().url), (child) => child.stop());
      const bases = [a.base, b.base, c.base];
      const clients: TestClient[] = [];
      for (let index = 0; index < 20; index++) {
        const userId = index % 2 === 0 ? room.studentId : room.otherStudentId;
        clients.push(stops.add(await connectClient(bases[index % 3] as string, room.conversationId, userId), (client) => client.destroy()));
      }
      await Promise.all(clients.map((client) => client.synced));

      // Everyone types ten marked words at random places between the words there, all at once.
      await Promise.all(
        clients.map(async (client, index) => {
          for (let word = 0; word < 10; word++) {
            const text = client.text.toString();
            const gaps = [0, ...[...text.matchAll(/>/g)].map((match) => (match.index ?? 0) + 1)];
            client.text.insert(gaps[Math.floor(Math.random() * gaps.length)] ?? 0, `<${index}.${word}>`);
            await new Promise((resolve) => setImmediate(resolve));
          }
        }),
      );
      const markers = clients.flatMap((_, index) => Array.from({ length: 10 }, (__, word) => `<${index}.${word}>`));
      await waitFor(() => clients.every((client) => textOf(client) === textOf(clients[0]!)) && markers.every((marker) => textOf(clients[0]!).includes(marker)), 15_000, 'all 20 clients to converge');

      // A presence set on the child process reaches a client on this one.
      clients[2]!.provider.awareness.setLocalStateField('cursor', { at: 7 });
      const watcherOnA = clients[0]!;
      await waitFor(() => [...watcherOnA.provider.awareness.getStates().values()].some((state) => (state as { cursor?: { at: number } }).cursor?.at === 7), 5000, 'presence from another process');

      // Each process wrote what its own clients sent: together the log and state hold it all.
      await Promise.all([a.server.whenWritten(), b.server.whenWritten()]);
      await waitFor(
        async () => {
          const stored = await new PostgresDocumentStore(pool).load(room.conversationId);
          const doc = new Y.Doc();
          if (stored?.state) Y.applyUpdate(doc, stored.state);
          for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
          return doc.getText('test').toString() === textOf(clients[0]!);
        },
        5000,
        'the stored document to hold every edit',
      );
    } finally {
      await stops.run();
    }
  });

  test('a removal made on one process closes the member’s socket on another within a second', { timeout: 30_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const stops = cleanup();
    try {
      const pool = await poolOf(db);
      stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const other = stops.add(await startSyncProcess(db.url, fileRedis().url), (child) => child.stop());
      const student = stops.add(await connectClient(other.base, room.conversationId, room.otherStudentId), (client) => client.destroy());
      await student.synced;
      const closed = new Promise<{ code: number; at: number }>((resolve) => {
        student.provider.on('connection-close', (event: { code: number } | null) => resolve({ code: event?.code ?? 0, at: Date.now() }));
      });
      const removedAt = Date.now();
      // The instructor removes the student here, in this process (as the HTTP handler would).
      await removeMember(db.fork(), room.instructorId, room.classId, room.otherStudentId);
      const { code, at } = await closed;
      expect(code).toBe(4403);
      expect(at - removedAt).toBeLessThan(1000);
    } finally {
      await stops.run();
    }
  });

  test('a process killed mid-editing loses nothing older than 100 ms; its client carries on with another process', { timeout: 60_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const stops = cleanup();
    try {
      const pool = await poolOf(db);
      const survivor = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const doomed = stops.add(await startSyncProcess(db.url, fileRedis().url), (child) => child.kill());
      const observer = stops.add(await connectClient(survivor.base, room.conversationId, room.instructorId), (client) => client.destroy());
      const writer = await connectClient(doomed.base, room.conversationId, room.studentId);
      await Promise.all([observer.synced, writer.synced]);

      const sentAt: number[] = [];
      const typing = setInterval(() => {
        sentAt.push(Date.now());
        writer.text.insert(writer.text.length, `[${sentAt.length - 1}]`);
      }, 12);
      await waitFor(() => sentAt.length >= 150, 10_000, '150 edits');
      await doomed.kill();
      const killedAt = Date.now();
      clearInterval(typing);
      writer.provider.shouldConnect = false;
      writer.provider.destroy();

      // What reached the survivor, before its writer comes back: every edit older than 100 ms is there (from Redis or the log).
      const required = sentAt.flatMap((time, index) => (time < killedAt - 100 ? [`[${index}]`] : []));
      expect(required.length).toBeGreaterThan(100);
      await waitFor(() => required.every((marker) => textOf(observer).includes(marker)), 5000, 'the survivor to hold every edit older than 100 ms');

      // The writer reconnects to the survivor with the same document and goes on typing.
      const moved = stops.add(await connectClient(survivor.base, room.conversationId, room.studentId, writer.doc), (client) => client.destroy());
      await moved.synced;
      moved.text.insert(moved.text.length, '[after]');
      await waitFor(() => textOf(observer) === textOf(moved) && textOf(observer).endsWith('[after]'), 5000, 'the moved writer to be in sync');
      // Every edit the writer ever made is there now: those in flight at the kill came back with it.
      for (let index = 0; index < sentAt.length; index++) expect(textOf(observer)).toContain(`[${index}]`);
    } finally {
      await stops.run();
    }
  });

  test('Redis restarting mid-editing interrupts relaying, then both processes converge with nothing lost', { timeout: 60_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const stops = cleanup();
    const ownRedis = await startTestRedis({ own: true });
    stops.add(ownRedis, (server) => server.stop());
    try {
      const pool = await poolOf(db);
      const a = stops.add(await startSyncHarness(pool, { redisUrl: ownRedis.url }), (harness) => harness.stop());
      const b = stops.add(await startSyncHarness(pool, { redisUrl: ownRedis.url }), (harness) => harness.stop());
      const onA = stops.add(await connectClient(a.base, room.conversationId, room.studentId), (client) => client.destroy());
      const onB = stops.add(await connectClient(b.base, room.conversationId, room.otherStudentId), (client) => client.destroy());
      await Promise.all([onA.synced, onB.synced]);
      onA.text.insert(0, '[a0]');
      await waitFor(() => textOf(onB).includes('[a0]'), 5000, 'relaying before the restart');

      // Redis goes away while both type, and comes back.
      await ownRedis.restart(async () => {
        await waitFor(() => !a.server.relay?.connected && !b.server.relay?.connected, 5000, 'both relays to notice Redis is gone');
        expect(a.server.relayStatus()).toEqual({ mode: 'redis', connected: false });
        for (let index = 1; index <= 20; index++) {
          onA.text.insert(onA.text.length, `[a${index}]`);
          onB.text.insert(0, `[b${index}]`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        // Each process goes on serving its own clients meanwhile.
        expect(textOf(onB)).not.toContain('[a20]');
      });
      for (let index = 21; index <= 25; index++) {
        onA.text.insert(onA.text.length, `[a${index}]`);
        onB.text.insert(0, `[b${index}]`);
      }
      const markers = Array.from({ length: 26 }, (_, index) => `[a${index}]`).concat(Array.from({ length: 25 }, (_, index) => `[b${index + 1}]`));
      await waitFor(() => textOf(onA) === textOf(onB) && markers.every((marker) => textOf(onA).includes(marker)), 20_000, 'convergence after the restart');
      expect(a.server.relayStatus()).toEqual({ mode: 'redis', connected: true });
    } finally {
      await stops.run();
    }
  });

  test('a relayed change that Redis dropped is healed within seconds, insertions and deletions alike', { timeout: 30_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const stops = cleanup();
    try {
      const pool = await poolOf(db);
      const a = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const b = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const onA = stops.add(await connectClient(a.base, room.conversationId, room.studentId), (client) => client.destroy());
      const onB = stops.add(await connectClient(b.base, room.conversationId, room.otherStudentId), (client) => client.destroy());
      await Promise.all([onA.synced, onB.synced]);
      onA.text.insert(0, 'kept text ');
      await waitFor(() => textOf(onB) === 'kept text ', 5000, 'the first change relayed');
      const gapsBefore = (await b.server.metrics.relayHealedGaps.get()).values[0]?.value ?? 0;

      // The relay of the next change from A is lost; nothing else is sent.
      (a.server.relay as NonNullable<typeof a.server.relay>).dropNextPublishes = 1;
      onA.text.insert(onA.text.length, 'lost then healed');
      await waitFor(() => textOf(onB) === 'kept text lost then healed', 5000, 'the dropped insertion healed');

      // A deletion alone (which no state vector shows) is healed too.
      (a.server.relay as NonNullable<typeof a.server.relay>).dropNextPublishes = 1;
      onA.text.delete(0, 'kept '.length);
      await waitFor(() => textOf(onB) === 'text lost then healed', 5000, 'the dropped deletion healed');
      const gapsAfter = (await b.server.metrics.relayHealedGaps.get()).values[0]?.value ?? 0;
      expect(gapsAfter - gapsBefore).toBeGreaterThanOrEqual(2);
    } finally {
      await stops.run();
    }
  });

  test('the authorship rule holds across processes: a client id bound on one process cannot be written with by someone else on another', { timeout: 30_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const stops = cleanup();
    try {
      const pool = await poolOf(db);
      const a = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const b = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const owner = stops.add(await connectClient(a.base, room.conversationId, room.studentId), (client) => client.destroy());
      const watcher = stops.add(await connectClient(b.base, room.conversationId, room.instructorId), (client) => client.destroy());
      await Promise.all([owner.synced, watcher.synced]);
      owner.text.insert(0, 'mine');
      await waitFor(() => b.server.openRoom(room.conversationId)?.doc.getText('test').toString() === 'mine' || false, 5000, 'the owner’s edit to reach B');

      // Another student, on B, writes with the owner's client id (a modified client).
      const forger = await connectClient(b.base, room.conversationId, room.otherStudentId);
      const ownClientId = forger.doc.clientID;
      // Its awareness still speaks for its own id, which destroying it removes.
      stops.add(forger, (client) => ((client.doc.clientID = ownClientId), client.destroy()));
      const closed = new Promise<number>((resolve) => forger.provider.on('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)));
      await forger.synced;
      // Yjs picks a new client id when it meets its own in what it receives: set after the sync, the forged one sticks.
      forger.doc.clientID = owner.doc.clientID;
      forger.text.insert(4, ' (forged)');
      expect(await closed).toBe(4409);
      forger.provider.shouldConnect = false;
      expect(b.server.openRoom(room.conversationId)?.doc.getText('test').toString()).toBe('mine');
      owner.text.insert(4, '!');
      await waitFor(() => textOf(owner) === 'mine!' && b.server.openRoom(room.conversationId)?.doc.getText('test').toString() === 'mine!', 5000, 'the owner to go on');
      expect(textOf(owner)).not.toContain('forged');
    } finally {
      await stops.run();
    }
  });

  test('content refused from a read-only writer on one process is refused on another too, after the writer may edit again', { timeout: 30_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const stops = cleanup();
    try {
      const pool = await poolOf(db);
      const a = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const b = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const watcher = stops.add(await connectClient(b.base, room.conversationId, room.instructorId), (client) => client.destroy());
      await watcher.synced;
      await pool.query('update conversations set locked = true where id = $1', [room.conversationId]);

      const student = await connectClient(a.base, room.conversationId, room.studentId);
      const refusedOnA = new Promise<number>((resolve) => student.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)));
      await student.synced;
      student.text.insert(0, 'typed while locked');
      expect(await refusedOnA).toBe(4423);
      student.provider.shouldConnect = false;
      student.provider.disconnect();
      const refusalsHeard = async () => (await b.server.metrics.relayMessages.get()).values.find((value) => value.labels.direction === 'in' && value.labels.kind === 'refused')?.value ?? 0;
      await waitFor(async () => (await refusalsHeard()) >= 1, 5000, 'B to hear of the refusal');

      // Unlocked again, the student's page comes back through the other process, still holding the refused text.
      await pool.query('update conversations set locked = false where id = $1', [room.conversationId]);
      const moved = await connectClient(b.base, room.conversationId, room.studentId, student.doc);
      stops.add(moved, (client) => client.destroy());
      const refusedOnB = new Promise<number>((resolve) => moved.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)));
      expect(await refusedOnB).toBe(4423);
      moved.provider.shouldConnect = false;
      expect(textOf(watcher)).toBe('');
      expect(b.server.openRoom(room.conversationId)?.doc.getText('test').toString()).toBe('');
    } finally {
      await stops.run();
    }
  });

  test('a compaction never deletes a log row whose update its process did not get: it folds in every stored row first', { timeout: 30_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const stops = cleanup();
    try {
      const pool = await poolOf(db);
      const a = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const b = stops.add(await startSyncHarness(pool, { redisUrl: fileRedis().url }), (harness) => harness.stop());
      const onA = stops.add(await connectClient(a.base, room.conversationId, room.studentId), (client) => client.destroy());
      const onB = stops.add(await connectClient(b.base, room.conversationId, room.otherStudentId), (client) => client.destroy());
      await Promise.all([onA.synced, onB.synced]);

      // B relays nothing from here: A never hears of B's edits, which B logs.
      const relayOfB = b.server.relay as NonNullable<typeof b.server.relay>;
      relayOfB.dropNextPublishes = Number.MAX_SAFE_INTEGER;
      onB.text.insert(0, 'only B heard this');
      await waitFor(() => b.server.openRoom(room.conversationId)?.doc.getText('test').toString() === 'only B heard this', 5000, 'B to have the edit');
      await b.server.whenWritten();
      onA.text.insert(0, 'A: ');
      await waitFor(() => a.server.openRoom(room.conversationId)?.doc.getText('test').toString() === 'A: ', 5000, 'A to have its own edit only');
      await a.server.whenWritten();

      // A compacts: B's rows are folded into A's document before they are deleted.
      await a.server.openRoom(room.conversationId)?.persistence.compact();
      const stored = await new PostgresDocumentStore(pool).load(room.conversationId);
      expect(stored?.updates).toEqual([]);
      const doc = new Y.Doc();
      if (stored?.state) Y.applyUpdate(doc, stored.state);
      expect(doc.getText('test').toString()).toContain('only B heard this');
      expect(doc.getText('test').toString()).toContain('A: ');
      // …and A's client got B's edit from that fold, though the relay never carried it.
      await waitFor(() => textOf(onA).includes('only B heard this'), 5000, 'A’s client to get B’s edit');

      // B compacts after: A's state (with A's edit) is folded into B's before B writes its own.
      relayOfB.dropNextPublishes = 0;
      await b.server.openRoom(room.conversationId)?.persistence.compact();
      const again = await new PostgresDocumentStore(pool).load(room.conversationId);
      const docAgain = new Y.Doc();
      if (again?.state) Y.applyUpdate(docAgain, again.state);
      expect(docAgain.getText('test').toString()).toBe(textOf(onA));
      expect(docAgain.getText('test').toString()).toContain('A: ');
    } finally {
      await stops.run();
    }
  });
});
