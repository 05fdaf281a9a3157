import { afterEach, describe, expect } from 'vitest';
import { limits } from '@/lib/limits';
import { test } from '@/lib/testing/test-database';
import { closeCodes } from './sync-connection';
import { connectClient, createClassroom, poolOf, startSyncHarness, waitFor, type SyncHarness, type TestClient } from './testing/sync-harness';

/**
 * A session that ends while its live connection is open (idle past the timeout, past its
 * lifetime, revoked by another process) closes that connection at the next check (`SessionWatch.check`), within a
 * keep-alive interval; typing counts as activity, so someone who only types is not idled out.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The keep-alive (and with it the session check) every 300 ms instead of 30 s. */
const settings = { keepAliveIntervalMs: 300 };

function track(client: TestClient): TestClient & { closedWith?: number } {
  const tracked: TestClient & { closedWith?: number } = client;
  client.provider.on('connection-close', (event: CloseEvent | null) => {
    if (event && tracked.closedWith === undefined) tracked.closedWith = event.code;
  });
  cleanups.push(() => client.destroy());
  return tracked;
}

describe('live sync: sessions that end while connected', () => {
  test('a connection whose session idled out, passed its lifetime or was revoked elsewhere closes with 4401; others stay', async ({ db }) => {
    const pool = await poolOf(db);
    const room = await createClassroom(db);
    const harness: SyncHarness = await startSyncHarness(pool, { settings });
    cleanups.push(() => harness.stop());
    const idle = track(await connectClient(harness.base, room.conversationId, room.studentId));
    const old = track(await connectClient(harness.base, room.conversationId, room.otherStudentId));
    const active = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await Promise.all([idle.synced, old.synced, active.synced]);

    await pool.query(`update user_sessions set last_seen_at = now() - $2::interval where user_id = $1`, [room.studentId, `${limits.sessions.idleTimeoutMs + 60_000} milliseconds`]);
    await pool.query(`update user_sessions set expires_at = now() - interval '1 second' where user_id = $1`, [room.otherStudentId]);
    await waitFor(() => idle.closedWith !== undefined && old.closedWith !== undefined, 5_000, 'the ended sessions’ connections to close');
    expect([idle.closedWith, old.closedWith]).toEqual([closeCodes.signedOut, closeCodes.signedOut]);

    // Checked again twice more (two keep-alive rounds), the active session's connection is still open.
    const checksOfActive = async () => (await harness.server.metrics.sessionChecks.get()).values.find((value) => value.labels.outcome === 'active')?.value ?? 0;
    const seen = await checksOfActive();
    await waitFor(async () => (await checksOfActive()) >= seen + 2, 5_000, 'two more checks of the active session');
    expect(active.closedWith).toBeUndefined();
    const revokedElsewhere = await pool.query(`update user_sessions set revoked_at = now() where user_id = $1 returning id`, [room.instructorId]);
    expect(revokedElsewhere.rowCount).toBeGreaterThan(0);
    await waitFor(() => active.closedWith !== undefined, 5_000, 'the revoked session’s connection to close');
    expect(active.closedWith).toBe(closeCodes.signedOut);
  });

  test('typing keeps a session from idling out; an open page that only sits there does not', async ({ db }) => {
    const pool = await poolOf(db);
    const room = await createClassroom(db);
    const harness: SyncHarness = await startSyncHarness(pool, { settings });
    cleanups.push(() => harness.stop());
    const typist = track(await connectClient(harness.base, room.conversationId, room.studentId));
    const idler = track(await connectClient(harness.base, room.conversationId, room.otherStudentId));
    await Promise.all([typist.synced, idler.synced]);
    const lastSeen = async (userId: string) =>
      new Date((await pool.query<{ at: Date }>(`select max(last_seen_at) as at from user_sessions where user_id = $1`, [userId])).rows[0]!.at).getTime();
    // Both last seen two minutes ago (past the once-a-minute write).
    await pool.query(`update user_sessions set last_seen_at = now() - interval '2 minutes' where user_id = any($1::uuid[])`, [[room.studentId, room.otherStudentId]]);
    const before = Date.now() - 60_000;

    typist.text.insert(0, 'still here');
    await waitFor(async () => (await lastSeen(room.studentId)) > before, 5_000, 'the typist’s session to be seen');
    // The idler's page stays open through further rounds of checks without moving its session.
    const checks = async () => (await harness.server.metrics.sessionChecks.get()).values.reduce((sum, value) => sum + value.value, 0);
    const seen = await checks();
    await waitFor(async () => (await checks()) >= seen + 4, 5_000, 'two more rounds of checks');
    expect(await lastSeen(room.otherStudentId)).toBeLessThan(before);
    expect(idler.closedWith).toBeUndefined();
    expect(typist.closedWith).toBeUndefined();
  });
});
