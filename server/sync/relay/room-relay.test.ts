import { afterEach, describe, expect, test, vi } from 'vitest';
import type { RelayMessage } from './relay-messages';
import { RoomRelay, type RelayedRoom, type RelayTransport } from './room-relay';

/** A room and a transport that record what the relay does with them. */
function scene() {
  const published: RelayMessage[] = [];
  const counted: string[] = [];
  const applied: Uint8Array[] = [];
  let catchUps = 0;
  const room: RelayedRoom = {
    stateVector: () => new Uint8Array([0]),
    missingFor: () => new Uint8Array([7]),
    bindingsIn: () => [],
    applyPeerUpdate: (update) => void applied.push(update),
    applyPeerPresence: () => undefined,
    applyPeerRefusals: () => undefined,
    refreshStoredRules: async () => undefined,
    catchUpFromLog: async () => void catchUps++,
  };
  const transport: RelayTransport = {
    processId: 'me',
    answerTimeoutMs: 2000,
    publish: (_documentId, message) => void published.push(message),
    counted: (what) => void (what !== 'lag' && counted.push(what)),
  };
  return { relay: new RoomRelay('doc', room, transport), published, counted, applied, catchUps: () => catchUps };
}

const from = (sender: string, sequence: number): RelayMessage => ({ kind: 'update', sender, sequence, sentAt: Date.now(), update: new Uint8Array([sequence]), bindings: [] });

afterEach(() => {
  vi.useRealTimers();
});

describe('RoomRelay', () => {
  test('numbers its updates; heartbeats follow only the last update of a burst, three at growing intervals', () => {
    const { relay, published } = scene();
    relay.publishUpdate(new Uint8Array([1]), []);
    relay.publishUpdate(new Uint8Array([2]), []);
    expect(published.map((message) => message.sequence)).toEqual([1, 2]);
    const last = Date.now();
    expect(relay.heartbeatDue(last + 400, 500)).toBe(false);
    expect(relay.heartbeatDue(last + 500, 500)).toBe(true);
    relay.heartbeat();
    expect(relay.heartbeatDue(last + 900, 500)).toBe(false);
    expect(relay.heartbeatDue(last + 1000, 500)).toBe(true);
    relay.heartbeat();
    expect(relay.heartbeatDue(last + 2000, 500)).toBe(true);
    relay.heartbeat();
    expect(relay.heartbeatDue(last + 60_000, 500)).toBe(false);
    expect(published.at(-1)).toMatchObject({ kind: 'heartbeat', sequence: 2 });
  });

  test('a jump in a peer’s count asks that peer for what is missing; a heartbeat ahead does too; in order, nothing is asked', () => {
    const { relay, published, counted, applied } = scene();
    relay.receive(from('peer', 1));
    // A first word from a peer: whatever came before it may be missing.
    expect(published.filter((message) => message.kind === 'sync-request')).toHaveLength(1);
    relay.receive(from('peer', 2));
    expect(published.filter((message) => message.kind === 'sync-request')).toHaveLength(1);
    relay.receive(from('peer', 4));
    expect(counted).toEqual(['gap']);
    expect(published.at(-1)).toMatchObject({ kind: 'sync-request', target: 'peer' });
    relay.receive({ kind: 'heartbeat', sender: 'peer', sequence: 5, sentAt: Date.now() });
    expect(counted).toEqual(['gap', 'gap']);
    expect(applied).toHaveLength(3);
    // Its own messages, echoed by Redis, are ignored.
    relay.receive(from(relay.senderId, 9));
    expect(applied).toHaveLength(3);
  });

  test('a room loaded again is a new peer to the others: its count starts afresh without hiding a gap', () => {
    const { relay, published } = scene();
    const { relay: reloaded } = scene();
    expect(reloaded.senderId).not.toBe(relay.senderId);
    relay.receive(from('peer/1', 1));
    relay.receive(from('peer/1', 50));
    const asked = published.filter((message) => message.kind === 'sync-request').length;
    // The peer's room was unloaded and loaded again: a new sender, asked once, and its next jump is seen.
    relay.receive(from('peer/2', 1));
    relay.receive(from('peer/2', 3));
    expect(published.filter((message) => message.kind === 'sync-request').length).toBe(asked + 2);
  });

  test('a request answers with what the asker lacks and its own state vector; an answer to it stops the wait', () => {
    const { relay, published } = scene();
    relay.receive({ kind: 'sync-request', sender: 'peer', sequence: 0, sentAt: Date.now(), target: '', stateVector: new Uint8Array([0]) });
    expect(published.at(-1)).toMatchObject({ kind: 'sync-answer', target: 'peer', update: new Uint8Array([7]), stateVector: new Uint8Array([0]) });
    // A request to another process is not answered here.
    relay.receive({ kind: 'sync-request', sender: 'peer', sequence: 0, sentAt: Date.now(), target: 'someone-else', stateVector: new Uint8Array([0]) });
    expect(published).toHaveLength(1);
  });

  test('a peer that does not answer in time is made up for from the log', async () => {
    vi.useFakeTimers();
    const { relay, catchUps } = scene();
    relay.receive(from('peer', 1));
    relay.receive(from('peer', 3));
    await vi.advanceTimersByTimeAsync(1999);
    expect(catchUps()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(catchUps()).toBe(1);
  });

  test('alone with its conversation it publishes only requests and answers, numbering what it skips; a peer heard from makes it publish again', () => {
    const { relay, published } = scene();
    relay.othersListen(false, Date.now());
    relay.publishUpdate(new Uint8Array([1]), []);
    relay.publishPresence(new Uint8Array([2]), []);
    relay.heartbeat();
    expect(published).toEqual([]);
    relay.requestFromAll();
    expect(published.map((message) => message.kind)).toEqual(['sync-request']);
    // A newcomer's request: answered, and from then on everything goes out, numbered as if nothing had been skipped.
    relay.receive({ kind: 'sync-request', sender: 'newcomer', sequence: 0, sentAt: Date.now(), target: '', stateVector: new Uint8Array([0]) });
    relay.publishUpdate(new Uint8Array([3]), []);
    expect(published.map((message) => [message.kind, message.sequence])).toEqual([
      ['sync-request', 1],
      ['sync-answer', 1],
      ['update', 2],
    ]);
  });

  test('Redis saying nobody else listens is ignored when a peer was heard from after the question was asked', () => {
    const { relay, published } = scene();
    const askedAt = Date.now() - 10;
    relay.receive(from('peer', 1));
    relay.othersListen(false, askedAt);
    relay.publishUpdate(new Uint8Array([1]), []);
    expect(published.at(-1)).toMatchObject({ kind: 'update' });
    relay.othersListen(false, Date.now() + 1);
    relay.publishUpdate(new Uint8Array([2]), []);
    expect(published.at(-1)).toMatchObject({ kind: 'update', sequence: 1 });
  });

  test('an answer in time means no catch-up from the log', async () => {
    vi.useFakeTimers();
    const { relay, catchUps, applied } = scene();
    relay.receive(from('peer', 1));
    relay.receive({ kind: 'sync-answer', sender: 'peer', sequence: 1, sentAt: Date.now(), target: relay.senderId, update: new Uint8Array([8]), stateVector: new Uint8Array(), bindings: [] });
    await vi.advanceTimersByTimeAsync(5000);
    expect(catchUps()).toBe(0);
    expect(applied.at(-1)).toEqual(new Uint8Array([8]));
  });
});
