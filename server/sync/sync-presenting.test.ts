import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect } from 'vitest';
import { limits } from '@/lib/limits';
import { test } from '@/lib/testing/test-database';
import { encodeAwarenessMessage } from './sync-messages';
import { RawSyncClient } from './testing/raw-sync-client';
import { connectClient, createClassroom, poolOf, startSyncHarness, waitFor, type SyncHarness, type TestClient } from './testing/sync-harness';

/**
 * Presenting, tried with raw sockets: what the projector shares (a turn and a highlight) is
 * relayed only from an instructor and only when the turn is one a document can have.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends TestClient | SyncHarness | RawSyncClient>(thing: T): T {
  cleanups.push(() => ('destroy' in thing ? thing.destroy() : thing.stop()));
  return thing;
}

/** One awareness state, as a hand-made client would send it. */
function presenceMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  return encodeAwarenessMessage(encoding.toUint8Array(update));
}

type PresenceState = { user?: { role?: string }; presenting?: unknown; marker?: number };

describe('live sync: presenting', () => {
  test('a student’s turn and highlight are stripped from their presence; an instructor’s are relayed', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const watcher = track(await connectClient(harness.base, room.conversationId, room.otherStudentId));
    await watcher.synced;
    const stateOf = (clientId: number) => watcher.provider.awareness.getStates().get(clientId) as PresenceState | undefined;
    const student = track(await RawSyncClient.open(harness.base, room.conversationId, room.studentId));
    const instructor = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));

    student.sendMessage(presenceMessage(4101, 1, { user: { role: 'instructor' }, presenting: { turn: 2, highlightId: 'h-1' }, marker: 1 }));
    instructor.sendMessage(presenceMessage(4102, 1, { presenting: { turn: 2, highlightId: 'h-1' }, marker: 1 }));
    await waitFor(() => stateOf(4101)?.marker === 1 && stateOf(4102)?.marker === 1, 5_000, 'both presences');
    expect(stateOf(4101)?.user?.role).toBe('student');
    expect(stateOf(4101)).not.toHaveProperty('presenting');
    expect(stateOf(4102)?.presenting).toEqual({ turn: 2, highlightId: 'h-1' });
  });

  test('a negative, huge or fractional turn is stripped, even from an instructor; a scroll fraction is no longer a presentation', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const watcher = track(await connectClient(harness.base, room.conversationId, room.studentId));
    await watcher.synced;
    const stateOf = (clientId: number) => watcher.provider.awareness.getStates().get(clientId) as PresenceState | undefined;
    const instructor = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));

    const bad = [{ turn: -1 }, { turn: limits.document.maxElements }, { turn: 1e12 }, { turn: 2.5 }, { turn: '2' }, { scroll: 0.5 }];
    let clock = 0;
    for (const presenting of bad) {
      clock++;
      instructor.sendMessage(presenceMessage(4201, clock, { presenting: { highlightId: null, ...presenting }, marker: clock }));
      const marker = clock;
      await waitFor(() => stateOf(4201)?.marker === marker, 5_000, `presence ${marker}`);
      expect(stateOf(4201), JSON.stringify(presenting)).not.toHaveProperty('presenting');
    }
    // The same connection, with a turn a document can have: relayed as it was sent.
    instructor.sendMessage(presenceMessage(4201, clock + 1, { presenting: { turn: 7, highlightId: null }, marker: clock + 1 }));
    await waitFor(() => stateOf(4201)?.marker === clock + 1, 5_000, 'the good presence');
    expect(stateOf(4201)?.presenting).toEqual({ turn: 7, highlightId: null });
  });
});
