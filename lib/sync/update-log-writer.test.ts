import { afterEach, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import type { AppendedUpdate, DocumentStore } from './document-store';
import { UpdateLogWriter } from './update-log-writer';

/** A store that records batches and fails while `down` is set. */
function fakeStore() {
  const batches: AppendedUpdate[][] = [];
  let sequence = 0n;
  const state = { down: false, deleted: new Set<string>() };
  let releaseWrite: (() => void) | undefined;
  const store: DocumentStore & { batches: AppendedUpdate[][]; state: typeof state; hold(): void; release(): void } = {
    batches,
    state,
    hold() {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      releaseWrite = release;
      (store as { gate?: Promise<void> }).gate = gate;
    },
    release() {
      releaseWrite?.();
      (store as { gate?: Promise<void> }).gate = undefined;
    },
    load: async () => null,
    async append(updates) {
      await (store as { gate?: Promise<void> }).gate;
      if (state.down) throw new Error('database down');
      const kept = updates.filter((entry) => !state.deleted.has(entry.documentId));
      batches.push(kept);
      const lastSequences = new Map<string, bigint>();
      for (const entry of kept) lastSequences.set(entry.documentId, ++sequence);
      return { lastSequences, missing: new Set(updates.filter((entry) => state.deleted.has(entry.documentId)).map((entry) => entry.documentId)) };
    },
    compact: async () => 0,
    countLogRows: async () => 0,
  };
  return store;
}

const options = { maxBatchUpdates: 100, initialRetryDelayMs: 5, maxRetryDelayMs: 20 };
const update = (n: number) => Uint8Array.of(n);
/** Lets the current event-loop turn end (the writer's idle writes start there). */
const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('UpdateLogWriter', () => {
  test('when idle, writes at the end of the turn what the turn queued, after what the turn scheduled before it', async () => {
    const store = fakeStore();
    const writer = new UpdateLogWriter(store, options);
    const order: string[] = [];
    const append = store.append.bind(store);
    store.append = (updates) => {
      order.push('write');
      return append(updates);
    };
    setImmediate(() => order.push('fan-out'));
    writer.enqueue('a', update(1));
    writer.enqueue('b', update(2));
    expect(order).toEqual([]);
    await endOfTurn();
    expect(order).toEqual(['fan-out', 'write']);
    await writer.whenIdle();
    expect(store.batches.map((batch) => batch.map((entry) => entry.update[0]))).toEqual([[1, 2]]);
  });

  test('groups what arrives during a write into the next batch', async () => {
    const store = fakeStore();
    const writer = new UpdateLogWriter(store, options);
    store.hold();
    writer.enqueue('a', update(1));
    await endOfTurn();
    for (let i = 2; i <= 5; i++) writer.enqueue(i % 2 ? 'a' : 'b', update(i));
    store.release();
    await writer.whenIdle();
    expect(store.batches.map((batch) => batch.map((entry) => entry.update[0]))).toEqual([[1], [2, 3, 4, 5]]);
  });

  test('keeps updates in order through failures and writes them all once the store is back', async () => {
    const store = fakeStore();
    const failures: number[] = [];
    const writer = new UpdateLogWriter(store, { ...options, onWriteFailed: (_error, pending) => failures.push(pending) });
    store.state.down = true;
    for (let i = 1; i <= 10; i++) writer.enqueue('a', update(i));
    let written = false;
    const done = writer.whenWritten('a').then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failures.length).toBeGreaterThan(1);
    expect(written).toBe(false);
    expect(writer.unwrittenCount('a')).toBe(10);
    store.state.down = false;
    await done;
    expect(store.batches.flat().map((entry) => entry.update[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(writer.unwrittenCount('a')).toBe(0);
  });

  test('reports the highest sequence per document, and drops the updates of a deleted document', async () => {
    const store = fakeStore();
    const written: Array<[string, bigint, number]> = [];
    const missing: string[] = [];
    const writer = new UpdateLogWriter(store, {
      ...options,
      onWritten: (sequences, counts) => sequences.forEach((sequence, id) => written.push([id, sequence, counts.get(id) ?? 0])),
      onMissing: (id) => missing.push(id),
    });
    store.state.deleted.add('gone');
    store.hold();
    writer.enqueue('a', update(1));
    await endOfTurn();
    writer.enqueue('a', update(2));
    writer.enqueue('gone', update(3));
    store.release();
    await writer.whenWritten('gone');
    await writer.whenIdle();
    expect(missing).toEqual(['gone']);
    // The first update went out alone (the writer was idle at the end of its turn); the rest waited for it.
    expect(written).toEqual([
      ['a', 1n, 1],
      ['a', 2n, 1],
    ]);
  });

  test('tells each document that enqueued updates how many are written, up to which sequence', async () => {
    const store = fakeStore();
    const writer = new UpdateLogWriter(store, options);
    const told: Array<[string, bigint, number]> = [];
    const document = (id: string) => ({ written: (sequence: bigint, count: number) => told.push([id, sequence, count]) });
    const a = document('a');
    const b = document('b');
    store.state.deleted.add('gone');
    store.hold();
    writer.enqueue('a', update(1), a);
    await endOfTurn();
    writer.enqueue('a', update(2), a);
    writer.enqueue('b', update(3), b);
    writer.enqueue('a', update(4), a);
    writer.enqueue('gone', update(5), document('gone'));
    store.release();
    await writer.whenIdle();
    // The first update went out alone; the rest in one batch, one acknowledgement per document.
    expect(told).toEqual([
      ['a', 1n, 1],
      ['a', 4n, 2],
      ['b', 3n, 1],
    ]);
  });

  test('splits a backlog into batches of at most maxBatchUpdates', async () => {
    const store = fakeStore();
    const writer = new UpdateLogWriter(store, { ...options, maxBatchUpdates: 3 });
    store.hold();
    writer.enqueue('a', update(0));
    await endOfTurn();
    for (let i = 1; i < 8; i++) writer.enqueue('a', update(i));
    store.release();
    await writer.whenIdle();
    // The first update goes out alone while the writer is idle; the backlog behind it in threes.
    expect(store.batches.map((batch) => batch.length)).toEqual([1, 3, 3, 1]);
  });

  describe('with mergeUpdates', () => {
    /** Stands for Y.mergeUpdates on the one-byte updates: their bytes in order. */
    const concatenate = (updates: Uint8Array[]) => Uint8Array.from(updates.flatMap((entry) => [...entry]));

    test('stores one row per document per write, in the order of each document first update, and acknowledges rows', async () => {
      const store = fakeStore();
      const writer = new UpdateLogWriter(store, { ...options, mergeUpdates: concatenate });
      const told: Array<[string, bigint, number]> = [];
      const document = (id: string) => ({ written: (sequence: bigint, rows: number) => told.push([id, sequence, rows]) });
      const a = document('a');
      const b = document('b');
      store.hold();
      writer.enqueue('a', update(1), a);
      await endOfTurn();
      writer.enqueue('b', update(2), b);
      writer.enqueue('a', update(3), a);
      writer.enqueue('b', update(4), b);
      writer.enqueue('a', update(5), a);
      writer.enqueue('c', update(6));
      expect(writer.unwrittenCount('a')).toBe(3);
      store.release();
      await writer.whenIdle();
      expect(store.batches.map((batch) => batch.map((entry) => [entry.documentId, [...entry.update]]))).toEqual([
        [['a', [1]]],
        [
          ['b', [2, 4]],
          ['a', [3, 5]],
          ['c', [6]],
        ],
      ]);
      expect(told).toEqual([
        ['a', 1n, 1],
        ['b', 2n, 1],
        ['a', 3n, 1],
      ]);
      expect(writer.unwrittenCount('a')).toBe(0);
    });

    test('a merge that throws stores that document update by update, the others merged', async () => {
      const store = fakeStore();
      const writer = new UpdateLogWriter(store, {
        ...options,
        mergeUpdates: (updates) => {
          if (updates.some((entry) => entry[0] === 9)) throw new Error('unreadable');
          return concatenate(updates);
        },
      });
      writer.enqueue('a', update(9));
      writer.enqueue('b', update(1));
      writer.enqueue('a', update(8));
      writer.enqueue('b', update(2));
      await writer.whenIdle();
      expect(store.batches.map((batch) => batch.map((entry) => [entry.documentId, [...entry.update]]))).toEqual([
        [
          ['a', [9]],
          ['a', [8]],
          ['b', [1, 2]],
        ],
      ]);
    });

    test('with Y.mergeUpdates, the merged row replays to the same document as its updates', async () => {
      const store = fakeStore();
      const writer = new UpdateLogWriter(store, { ...options, mergeUpdates: Y.mergeUpdates });
      const typed = new Y.Doc();
      const other = new Y.Doc();
      typed.on('update', (change: Uint8Array) => writer.enqueue('a', change));
      other.on('update', (change: Uint8Array) => writer.enqueue('a', change));
      typed.getText('t').insert(0, 'hello');
      other.getText('t').insert(0, 'hi ');
      typed.getText('t').delete(0, 2);
      typed.getMap('m').set('k', 1);
      await writer.whenIdle();
      expect(store.batches.map((batch) => batch.length)).toEqual([1]);
      const replayed = new Y.Doc();
      Y.applyUpdate(replayed, store.batches[0]![0]!.update);
      const expected = new Y.Doc();
      Y.applyUpdate(expected, Y.encodeStateAsUpdate(typed));
      Y.applyUpdate(expected, Y.encodeStateAsUpdate(other));
      expect(replayed.getText('t').toString()).toBe(expected.getText('t').toString());
      expect(replayed.getText('t').length).toBe(6);
      expect(replayed.getMap('m').get('k')).toBe(1);
      expect(Y.encodeStateVector(replayed)).toEqual(Y.encodeStateVector(expected));
    });
  });

  describe('with a gathering window', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    const written = (store: ReturnType<typeof fakeStore>) => store.batches.map((batch) => batch.map((entry) => entry.update[0]));
    /** A writer with the window and the company wait, whose first update went out alone and whose second, 50 ms later, waits for company. */
    async function streamWaitingForCompany() {
      vi.useFakeTimers();
      const store = fakeStore();
      const writer = new UpdateLogWriter(store, { ...options, gatherMs: 40, companyMs: 60 });
      writer.enqueue('a', update(1));
      await vi.advanceTimersByTimeAsync(50);
      writer.enqueue('a', update(2));
      return { store, writer };
    }

    test('the first update after a quiet spell goes out at once; one within the window of the last write waits for the rest of it, with company', async () => {
      vi.useFakeTimers();
      const store = fakeStore();
      const writer = new UpdateLogWriter(store, { ...options, gatherMs: 40 });
      writer.enqueue('a', update(1));
      await vi.advanceTimersByTimeAsync(0);
      expect(written(store)).toEqual([[1]]);
      await vi.advanceTimersByTimeAsync(15);
      writer.enqueue('a', update(2));
      await vi.advanceTimersByTimeAsync(10);
      writer.enqueue('b', update(3));
      await vi.advanceTimersByTimeAsync(14);
      expect(written(store)).toEqual([[1]]);
      // 40 ms after the first write started: the second update's wait does not extend it, the third does not either.
      await vi.advanceTimersByTimeAsync(1);
      expect(written(store)).toEqual([[1], [2, 3]]);
      expect(writer.pendingCount).toBe(0);
      // A keystroke every 50 ms never waits.
      await vi.advanceTimersByTimeAsync(50);
      writer.enqueue('a', update(4));
      await vi.advanceTimersByTimeAsync(0);
      expect(written(store)).toEqual([[1], [2, 3], [4]]);
      expect(vi.getTimerCount()).toBe(0);
    });

    test('a lone fast typist: each update that follows another within companyMs waits for the next, and the two go out together, with no timer firing', async () => {
      vi.useFakeTimers();
      const store = fakeStore();
      const writer = new UpdateLogWriter(store, { ...options, gatherMs: 40, companyMs: 60 });
      // A keystroke every 50 ms: the first after a quiet spell goes out at once.
      writer.enqueue('a', update(1));
      await vi.advanceTimersByTimeAsync(50);
      expect(written(store)).toEqual([[1]]);
      writer.enqueue('a', update(2));
      await vi.advanceTimersByTimeAsync(0);
      // It follows the last within 60 ms: it waits for company.
      expect(written(store)).toEqual([[1]]);
      expect(writer.unwrittenCount('a')).toBe(1);
      await vi.advanceTimersByTimeAsync(50);
      writer.enqueue('a', update(3));
      await vi.advanceTimersByTimeAsync(0);
      expect(written(store)).toEqual([[1], [2, 3]]);
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(50);
      writer.enqueue('a', update(4));
      await vi.advanceTimersByTimeAsync(50);
      writer.enqueue('a', update(5));
      await vi.advanceTimersByTimeAsync(0);
      expect(written(store)).toEqual([[1], [2, 3], [4, 5]]);
    });

    test('the last update of a stream waits companyMs at most; one after a pause goes out in its own turn', async () => {
      const { store, writer } = await streamWaitingForCompany();
      await vi.advanceTimersByTimeAsync(59);
      expect(written(store)).toEqual([[1]]);
      await vi.advanceTimersByTimeAsync(1);
      expect(written(store)).toEqual([[1], [2]]);
      // 200 ms later (a slow typist, or after a pause): at once.
      await vi.advanceTimersByTimeAsync(200);
      writer.enqueue('a', update(3));
      await vi.advanceTimersByTimeAsync(0);
      expect(written(store)).toEqual([[1], [2], [3]]);
      expect(vi.getTimerCount()).toBe(0);
    });

    test('an update waiting for company is written at once for whoever waits for the log, and by stop', async () => {
      const { store, writer } = await streamWaitingForCompany();
      const flushed = writer.whenWritten('a');
      await vi.advanceTimersByTimeAsync(0);
      await flushed;
      expect(written(store)).toEqual([[1], [2]]);
      await vi.advanceTimersByTimeAsync(50);
      writer.enqueue('a', update(3));
      expect(vi.getTimerCount()).toBe(1);
      writer.stop();
      await vi.advanceTimersByTimeAsync(0);
      expect(written(store)).toEqual([[1], [2], [3]]);
      expect(vi.getTimerCount()).toBe(0);
    });

    test('updates that arrive during a write go out when it ends, without a window of their own', async () => {
      vi.useFakeTimers();
      const store = fakeStore();
      const writer = new UpdateLogWriter(store, { ...options, gatherMs: 40 });
      store.hold();
      writer.enqueue('a', update(1));
      await vi.advanceTimersByTimeAsync(5);
      writer.enqueue('a', update(2));
      writer.enqueue('a', update(3));
      store.release();
      await vi.advanceTimersByTimeAsync(0);
      expect(written(store)).toEqual([[1], [2, 3]]);
    });

    test('stopping writes what is gathering, and schedules nothing after', async () => {
      vi.useFakeTimers();
      const store = fakeStore();
      const writer = new UpdateLogWriter(store, { ...options, gatherMs: 10_000 });
      writer.enqueue('a', update(1));
      await vi.advanceTimersByTimeAsync(0);
      writer.enqueue('a', update(2));
      expect(vi.getTimerCount()).toBe(1);
      writer.stop();
      await vi.advanceTimersByTimeAsync(0);
      expect(written(store)).toEqual([[1], [2]]);
      expect(writer.pendingCount).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    });

    test('whoever waits for the writes (unload, shutdown) does not wait for the window', async () => {
      vi.useFakeTimers();
      const store = fakeStore();
      const writer = new UpdateLogWriter(store, { ...options, gatherMs: 10_000 });
      writer.enqueue('a', update(1));
      await vi.advanceTimersByTimeAsync(0);
      writer.enqueue('a', update(2));
      const flushed = writer.whenWritten('a');
      await vi.advanceTimersByTimeAsync(0);
      await flushed;
      expect(written(store)).toEqual([[1], [2]]);
      writer.enqueue('b', update(3));
      const idle = writer.whenIdle();
      await vi.advanceTimersByTimeAsync(0);
      await idle;
      expect(written(store)).toEqual([[1], [2], [3]]);
    });
  });
});
