import { WebSocket } from 'ws';
import { afterEach, describe, expect } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { limits } from '@/lib/limits';
import { test } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { createClassroom, poolOf, sessionCookie, startSyncHarness, type SyncHarness } from './testing/sync-harness';
import { addMembership } from '@/lib/testing/factories';

/**
 * Who may open new connections how fast: a person's reconnect storm is theirs alone, and
 * upgrades without a session are limited per address only as refusals, so a script behind a
 * school's shared address never keeps its signed-in classmates out.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends SyncHarness>(harness: T): T {
  cleanups.push(() => harness.stop());
  return harness;
}

/** A school's address (the custom server stamps it in this header; the harness takes it as sent). */
const school = '2001:db8:5c:1::1';

/** Opens a raw WebSocket from `address` and resolves with the HTTP status (101 once open); an open socket is closed by the test's end. */
function upgrade(url: string, address: string, cookie?: string): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { [CLIENT_ADDRESS_HEADER]: address };
    if (cookie) headers.cookie = cookie;
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      cleanups.push(() => socket.terminate());
      resolve(101);
    });
    socket.on('error', () => undefined);
  });
}

describe('live sync: new connections', () => {
  test('one person’s reconnect storm is throttled (429); a classmate on the same address still gets in', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db), { settings: { newConnectionsPerPerson: { burst: 3, refillPerSecond: 0.001 } } }));
    const url = `${harness.base}/${room.conversationId}`;
    const cookie = await sessionCookie(room.studentId);
    const storm = await Promise.all(Array.from({ length: 6 }, () => upgrade(url, school, cookie)));
    expect(storm.filter((status) => status === 101)).toHaveLength(3);
    expect(storm.filter((status) => status === 429)).toHaveLength(3);
    // Another tab of theirs, with another session: it is the person who is counted.
    expect(await upgrade(url, '198.51.100.9', await sessionCookie(room.studentId))).toBe(429);
    expect(await upgrade(url, school, await sessionCookie(room.otherStudentId))).toBe(101);
    const metrics = await harness.server.metrics.registry.getSingleMetricAsString('grimoire_sync_refused_connections_total');
    expect(metrics).toMatch(/reason="rate_limited"} 4/);
  });

  test('a script without a cookie hammering from a school’s address does not stop a signed-in classmate there', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const url = `${harness.base}/${room.conversationId}`;
    // Past what the old per-address bucket allowed (120), at once: no cookie, a forged one, a truncated one.
    const forged = (await sessionCookie(room.studentId)).slice(0, -10) + 'AAAAAAAAAA';
    const hammering = await Promise.all(
      Array.from({ length: 200 }, (_, i) => upgrade(url, school, i % 3 === 0 ? undefined : i % 3 === 1 ? forged : 'authjs.session-token=garbage')),
    );
    expect(new Set(hammering)).toEqual(new Set([401]));
    expect(await upgrade(url, school, await sessionCookie(room.otherStudentId))).toBe(101);
  });

  test('past the address’s bucket, unauthenticated upgrades are answered 429; an IPv6 /64 counts as one address; signed-in people are not counted', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db), { settings: { unauthenticatedUpgradesPerAddress: { burst: 5, refillPerSecond: 0.001 } } }));
    const url = `${harness.base}/${room.conversationId}`;
    const statuses: number[] = [];
    // Each from another address of the same /64, as a client free to pick any would.
    for (let i = 0; i < 8; i++) statuses.push(await upgrade(url, `2001:db8:5c:1::${(i + 2).toString(16)}`));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(await upgrade(url, '2001:db8:5c:2::2')).toBe(401);
    expect(await upgrade(url, school, await sessionCookie(room.studentId))).toBe(101);
  });

  test('a lecture of 300 on one address, reconnecting all at once (after a restart), all get in', async ({ db }) => {
    expect(limits.sync.maxConnectionsPerDocument).toBeGreaterThanOrEqual(300);
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const em = db.fork();
    const cookies: string[] = [];
    for (let i = 0; i < 300; i++) {
      const user = await createUser(em, { email: `lecture-${i}-${Math.random().toString(36).slice(2, 8)}@example.test`, name: `Student ${i}` });
      await addMembership(em, { userId: user.id, classId: room.classId, role: 'student' });
      cookies.push(await sessionCookie(user.id));
    }
    const url = `${harness.base}/${room.conversationId}`;
    const statuses = await Promise.all(cookies.map((cookie) => upgrade(url, school, cookie)));
    expect(statuses.filter((status) => status !== 101)).toEqual([]);
    expect(harness.server.openRoom(room.conversationId)?.connections.size).toBe(300);
  }, 120_000);
});
